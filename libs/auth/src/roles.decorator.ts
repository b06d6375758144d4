import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { JwtAuthGuard } from './jwt-auth.guard';
import { Role } from './role';
import { RolesGuard } from './roles.guard';
import { Roles } from './roles.metadata';

/**
 * Requires a logged-in caller with one of the roles (any role when none are given):
 * 401 without a valid token, 403 for another role.
 */
export function Authenticated(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(Roles(...roles), UseGuards(JwtAuthGuard, RolesGuard), ApiBearerAuth());
}
