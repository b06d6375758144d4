import {
  applyDecorators,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import {
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerRequest,
} from '@nestjs/throttler';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AppConfig } from '@km/config';

/** The named rate limits. A route opts in to the ones that apply with `@Throttled(...)`. */
export const THROTTLE = {
  /** Login guesses against one account from one client: 5 a minute per IP + e-mail. */
  login: 'login',
  /** Login attempts from one client over any accounts (password spraying): 30 a minute per IP. */
  loginClient: 'login-client',
  /** Public (anonymous) POSTs such as needs intake: PUBLIC_RATE_LIMIT_PER_MINUTE per IP. */
  public: 'public',
} as const;
export type ThrottleName = (typeof THROTTLE)[keyof typeof THROTTLE];

const THROTTLES_KEY = 'km:throttles';
const MINUTE_MS = 60_000;

interface TrackedRequest {
  ip?: string;
  body?: { email?: unknown };
}

/** ThrottlerModule options: the named limits, counted in memory per API instance. */
export function throttlerOptions(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        name: THROTTLE.login,
        ttl: MINUTE_MS,
        limit: 5,
        getTracker: (req: TrackedRequest) => {
          const email = typeof req.body?.email === 'string' ? req.body.email : '';
          return `${req.ip ?? ''}|${email.trim().toLowerCase()}`;
        },
      },
      { name: THROTTLE.loginClient, ttl: MINUTE_MS, limit: 30 },
      { name: THROTTLE.public, ttl: MINUTE_MS, limit: config.rateLimit.publicPerMinute },
    ],
  };
}

/**
 * Applies only the throttles a route names, and answers 429 with a plain `Retry-After` header
 * (the stock guard names it `Retry-After-<throttler>` for named throttlers).
 */
@Injectable()
export class NamedThrottlerGuard extends ThrottlerGuard {
  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const names =
      this.reflector.getAllAndOverride<string[] | undefined>(THROTTLES_KEY, [
        request.context.getHandler(),
        request.context.getClass(),
      ]) ?? [];
    if (!names.includes(request.throttler.name ?? 'default')) return true;
    return super.handleRequest(request);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const response = context
      .switchToHttp()
      .getResponse<{ setHeader(n: string, v: string): void }>();
    response.setHeader('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    return super.throwThrottlingException(context, detail);
  }
}

/** Rate-limits a route with the named throttles; over the limit → 429 problem+json. */
export function Throttled(...names: ThrottleName[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(THROTTLES_KEY, names),
    UseGuards(NamedThrottlerGuard),
    ApiTooManyRequestsResponse({ description: 'Rate limit exceeded; see Retry-After' }),
  );
}
