import { AuthUser } from '@km/auth';
import { OutOfScopeError } from '@km/common';

/**
 * Which municipalities a caller's scope covers, for SQL filters: undefined means everything
 * (admin); brokers have their learning centre's municipalities, regional staff their county's.
 */
export function scopeMunicipalities(user: AuthUser): string[] | undefined {
  return user.role === 'admin' ? undefined : user.municipalityCodes;
}

/** The counties the caller's municipalities lie in (undefined = all). */
export function scopeCounties(user: AuthUser): string[] | undefined {
  if (user.role === 'admin') return undefined;
  const counties = new Set(user.municipalityCodes.map((code) => code.slice(0, 2)));
  if (user.countyCode) counties.add(user.countyCode);
  return [...counties].sort();
}

/** 403 unless the entity touches one of the caller's municipalities. */
export function assertTouches(user: AuthUser, municipalities: string[], entity: string): void {
  if (user.role === 'admin') return;
  const own = new Set(user.municipalityCodes);
  if (!municipalities.some((code) => own.has(code))) throw new OutOfScopeError(entity);
}
