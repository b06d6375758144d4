import { createHash } from 'node:crypto';
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
  ThrottlerStorage,
} from '@nestjs/throttler';
import { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type Redis from 'ioredis';
import { normaliseEmail } from '@km/auth';
import { AppConfig } from '@km/config';

/** The named rate limits. A route opts in to the ones that apply with `@Throttled(...)`. */
export const THROTTLE = {
  /**
   * Login guesses against one account, from anywhere: LOGIN_RATE_LIMIT_PER_MINUTE a minute per
   * normalised e-mail, one bucket for the API, the dashboard and the queue board.
   */
  login: 'login',
  /** Login attempts from one client over any accounts (password spraying): 30 a minute per IP. */
  loginClient: 'login-client',
  /** Public (anonymous) POSTs such as needs intake: PUBLIC_RATE_LIMIT_PER_MINUTE per IP and route. */
  public: 'public',
  /** Manual matching runs (each a full county run): MATCHING_RUNS_PER_HOUR per account. */
  matchingRuns: 'matching-runs',
} as const;
export type ThrottleName = (typeof THROTTLE)[keyof typeof THROTTLE];

const THROTTLES_KEY = 'km:throttles';
const MINUTE_MS = 60_000;
const LOGIN_CLIENT_LIMIT = 30;

interface TrackedRequest {
  ip?: string;
  body?: { email?: unknown };
  /** Set by the authentication guard, which runs first on authenticated routes. */
  user?: { id: string };
}

/** How long a throttle waits for Redis before it treats Redis as down. */
const REDIS_ANSWER_MS = 500;

function answerWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The throttler's Redis storage with every key under the deployment's Redis prefix (the stock
 * one starts keys with a `{…}` hash tag), so limits hold across api processes and two
 * deployments sharing a Redis never count each other's requests.
 */
export class PrefixedThrottlerStorage extends ThrottlerStorageRedisService {
  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    super(redis);
  }

  override async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    // The package's own counting script, with the keys moved under the prefix (one hash tag
    // per bucket still keeps both keys in one Redis Cluster slot).
    const bucket = `${this.prefix}:throttle:{${key}:${throttlerName}}`;
    let result: unknown;
    try {
      result = await answerWithin(
        this.redis.call(
          'eval',
          this.scriptSrc,
          2,
          `${bucket}:hits`,
          `${bucket}:blocked`,
          throttlerName,
          ttl,
          limit,
          blockDuration,
        ),
        REDIS_ANSWER_MS,
      );
    } catch {
      // Redis is down. A public form must keep working (its needs are safe in PostgreSQL and
      // the outbox), so its limit is lifted for the outage; password guessing is not let loose:
      // login buckets count as full until Redis answers again.
      const closed = throttlerName === THROTTLE.login || throttlerName === THROTTLE.loginClient;
      return {
        totalHits: closed ? limit + 1 : 0,
        timeToExpire: Math.ceil(ttl / 1000),
        isBlocked: closed,
        timeToBlockExpire: closed ? Math.ceil(ttl / 1000) : 0,
      };
    }
    const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = result as number[];
    return {
      totalHits,
      timeToExpire: Math.ceil(timeToExpire / 1000),
      isBlocked: isBlocked === 1,
      timeToBlockExpire: Math.ceil(timeToBlockExpire / 1000),
    };
  }
}

/** Bucket keys that do not depend on the route, so every login form shares the same counts. */
export const loginBuckets = {
  account: (email: string) => `login:account:${digest(normaliseEmail(email))}`,
  client: (ip: string) => `login:client:${digest(ip)}`,
};

/** ThrottlerModule options: the named limits, counted in Redis for the whole service. */
export function throttlerOptions(config: AppConfig, redis: Redis): ThrottlerModuleOptions {
  return {
    storage: new PrefixedThrottlerStorage(redis, config.redis.prefix),
    throttlers: [
      {
        name: THROTTLE.login,
        ttl: MINUTE_MS,
        limit: config.rateLimit.loginPerMinute,
        getTracker: (req: TrackedRequest) =>
          typeof req.body?.email === 'string' ? req.body.email : '',
        generateKey: (_context, tracker) => loginBuckets.account(tracker),
      },
      {
        name: THROTTLE.loginClient,
        ttl: MINUTE_MS,
        limit: LOGIN_CLIENT_LIMIT,
        getTracker: (req: TrackedRequest) => req.ip ?? '',
        generateKey: (_context, tracker) => loginBuckets.client(tracker),
      },
      {
        name: THROTTLE.matchingRuns,
        ttl: 60 * MINUTE_MS,
        limit: config.rateLimit.matchingRunsPerHour,
        getTracker: (req: TrackedRequest) => req.user?.id ?? req.ip ?? '',
        generateKey: (_context, tracker, name) => `${name}:${digest(tracker)}`,
      },
      {
        name: THROTTLE.public,
        ttl: MINUTE_MS,
        limit: config.rateLimit.publicPerMinute,
        generateKey: (context, tracker, name) =>
          `${name}:${digest(`${context.getClass().name}-${context.getHandler().name}-${tracker}`)}`,
      },
    ],
  };
}

/**
 * Counts one login attempt outside a Nest route (the queue board's HTTP Basic login) in the same
 * buckets as the login forms. Resolves to the seconds to wait when over a limit, else 0.
 */
export async function countLoginAttempt(
  storage: ThrottlerStorage,
  config: AppConfig,
  ip: string,
  email: string,
): Promise<number> {
  const [account, client] = await Promise.all([
    storage.increment(
      loginBuckets.account(email),
      MINUTE_MS,
      config.rateLimit.loginPerMinute,
      MINUTE_MS,
      THROTTLE.login,
    ),
    storage.increment(
      loginBuckets.client(ip),
      MINUTE_MS,
      LOGIN_CLIENT_LIMIT,
      MINUTE_MS,
      THROTTLE.loginClient,
    ),
  ]);
  const blocked = [account, client].filter((record) => record.isBlocked);
  return blocked.length ? Math.max(1, ...blocked.map((record) => record.timeToBlockExpire)) : 0;
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
