import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthUser } from './auth-user';
import { AccessDeniedError, AuthenticationRequiredError } from './auth.errors';
import { Role } from './role';
import { RolesGuard } from './roles.guard';

function contextFor(user: Partial<AuthUser> | undefined): ExecutionContext {
  return {
    getHandler: () => undefined,
    getClass: () => undefined,
    switchToHttp: () => ({ getRequest: () => ({ headers: {}, user }) }),
  } as unknown as ExecutionContext;
}

function guardAllowing(roles: Role[] | undefined): RolesGuard {
  const reflector = { getAllAndOverride: () => roles } as unknown as Reflector;
  return new RolesGuard(reflector);
}

describe('RolesGuard', () => {
  it('lets a listed role through', () => {
    expect(guardAllowing(['provider', 'admin']).canActivate(contextFor({ role: 'admin' }))).toBe(
      true,
    );
  });

  it('lets any authenticated caller through when no roles are listed', () => {
    expect(guardAllowing(undefined).canActivate(contextFor({ role: 'regional' }))).toBe(true);
    expect(guardAllowing([]).canActivate(contextFor({ role: 'broker' }))).toBe(true);
  });

  it('403 for another role', () => {
    expect(() => guardAllowing(['admin']).canActivate(contextFor({ role: 'provider' }))).toThrow(
      AccessDeniedError,
    );
  });

  it('401 when no caller was authenticated', () => {
    expect(() => guardAllowing(['admin']).canActivate(contextFor(undefined))).toThrow(
      AuthenticationRequiredError,
    );
  });
});
