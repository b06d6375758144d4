import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { JwtAuthGuard } from './jwt-auth.guard';
import { Role } from './role';
import { RolesGuard } from './roles.guard';

export const ROLES_KEY = 'km:roles';

/** The roles allowed on a route or controller (checked by RolesGuard). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * Requires a logged-in caller with one of the roles (any role when none are given):
 * 401 without a valid token, 403 for another role.
 */
export function Authenticated(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(Roles(...roles), UseGuards(JwtAuthGuard, RolesGuard), ApiBearerAuth());
}
