import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthUser } from './auth-user';
import { AuthenticationRequiredError } from './auth.errors';
import { AuthService } from './auth.service';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
}

interface ChallengeResponse {
  setHeader(name: string, value: string): void;
}

const BEARER = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\s*$/i;

/** Requires `Authorization: Bearer <jwt>` and puts the caller on `request.user`. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    try {
      if (typeof header !== 'string' || header.trim() === '') {
        throw new AuthenticationRequiredError(
          'Log in and send the token as "Authorization: Bearer …"',
        );
      }
      const match = BEARER.exec(header);
      if (!match) throw new AuthenticationRequiredError('The access token is not valid');
      request.user = await this.auth.authenticate(match[1]);
      return true;
    } catch (error) {
      if (error instanceof AuthenticationRequiredError) {
        // RFC 6750: a 401 for a bearer-protected resource names the scheme.
        http.getResponse<ChallengeResponse>().setHeader('WWW-Authenticate', 'Bearer realm="api"');
      }
      throw error;
    }
  }
}
