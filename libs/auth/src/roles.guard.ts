import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessDeniedError, AuthenticationRequiredError } from './auth.errors';
import { AuthenticatedRequest } from './jwt-auth.guard';
import { Role } from './role';
import { ROLES_KEY } from './roles.metadata';

/** Lets through callers whose role is listed by `@Roles(...)`; runs after JwtAuthGuard. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user) throw new AuthenticationRequiredError();
    if (!roles || roles.length === 0 || roles.includes(user.role)) return true;
    throw new AccessDeniedError(`This requires the role ${roles.join(' or ')}`);
  }
}
