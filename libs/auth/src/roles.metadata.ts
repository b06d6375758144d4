import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

/** The metadata key under which a route's allowed roles are stored (read by RolesGuard). */
export const ROLES_KEY = 'km:roles';

/** The roles allowed on a route or controller (checked by RolesGuard). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
