import { AuthUser } from '@km/auth';

/** Where an offering belongs, for the access rules. */
export interface OfferingOwnership {
  learningCentreId: string;
  venueMunicipalityCode: string;
}

/**
 * Who may write an offering: an admin, or a provider of the offering's own learning centre.
 * Brokers and regional staff only read.
 */
export function canWriteOffering(user: AuthUser, learningCentreId: string): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'provider' && user.learningCentreId === learningCentreId;
}

/**
 * Who may read an offering: an admin everything; a provider its own centre's; a broker its own
 * centre's and those held in its municipalities; regional staff those held in its county.
 */
export function canReadOffering(user: AuthUser, offering: OfferingOwnership): boolean {
  switch (user.role) {
    case 'admin':
      return true;
    case 'provider':
      return user.learningCentreId === offering.learningCentreId;
    case 'broker':
      return (
        user.learningCentreId === offering.learningCentreId ||
        user.municipalityCodes.includes(offering.venueMunicipalityCode)
      );
    case 'regional':
      return user.municipalityCodes.includes(offering.venueMunicipalityCode);
    default:
      return false;
  }
}

/** The same rule as canReadOffering, as a SQL condition on alias `o` (for lists). */
export function offeringReadScopeSql(
  user: AuthUser,
  nextParam: number,
): { sql: string; params: unknown[] } {
  const lc = `$${nextParam}`;
  const codes = `$${nextParam + 1}::text[]`;
  switch (user.role) {
    case 'admin':
      return { sql: 'TRUE', params: [] };
    case 'provider':
      return { sql: `o.learning_centre_id = ${lc}`, params: [user.learningCentreId ?? null] };
    case 'broker':
      return {
        sql: `(o.learning_centre_id = ${lc} OR o.venue_municipality_code::text = ANY (${codes}))`,
        params: [user.learningCentreId ?? null, user.municipalityCodes],
      };
    case 'regional':
      return {
        sql: `(${lc}::text IS NULL AND o.venue_municipality_code::text = ANY (${codes}))`,
        params: [null, user.municipalityCodes],
      };
    default:
      return { sql: 'FALSE', params: [] };
  }
}
