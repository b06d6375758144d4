import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthUser } from './auth-user';
import { AuthenticationRequiredError } from './auth.errors';
import { AuthenticatedRequest } from './jwt-auth.guard';

/** The caller put on the request by JwtAuthGuard; use on routes guarded by `@Authenticated()`. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => {
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user) throw new AuthenticationRequiredError();
    return user;
  },
);
