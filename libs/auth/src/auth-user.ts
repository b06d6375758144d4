import { Role } from './role';

/**
 * The authenticated caller, as controllers see it (via `@CurrentUser()`). Loaded from the
 * database on every request, so a disabled account or changed scope takes effect at once.
 */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  learningCentreId?: string;
  countyCode?: string;
  /**
   * The municipalities the caller may see: its learning centre's (provider, broker), its county's
   * (regional); empty for an admin, whose scope is everything (see `isUnrestricted`).
   */
  municipalityCodes: string[];
}

/** True for callers whose scope is the whole country. */
export function isUnrestricted(user: AuthUser): boolean {
  return user.role === 'admin';
}

/** Whether the caller's scope covers a municipality. */
export function coversMunicipality(user: AuthUser, municipalityCode: string): boolean {
  return isUnrestricted(user) || user.municipalityCodes.includes(municipalityCode);
}
