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

/** What the decision rule reads of a proposal (a `ProposalView` has it). */
export interface DecisionFacts {
  venueMunicipalityCode: string;
  needs: readonly { municipalityCode: string }[];
  /** The learning centre that runs the course: the offering's, or the suggested one. */
  deciderLearningCentreId: string | null;
  crossBorder: boolean;
}

/**
 * Who may approve or reject a proposal. Within one county: every broker it touches (venue or an
 * employer), as always. Across a county border the course's own learning centre decides (the
 * offering's centre, or the suggested one for a new course, or a broker serving the venue):
 * brokers of the other employers' municipalities read it but do not decide, so two counties can
 * never both commit the same cohort. Admins decide everything.
 */
export function mayDecide(user: AuthUser, p: DecisionFacts): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'broker') return false;
  const own = new Set(user.municipalityCodes);
  if (!own.has(p.venueMunicipalityCode) && !p.needs.some((n) => own.has(n.municipalityCode)))
    return false;
  if (!p.crossBorder) return true;
  return (
    (p.deciderLearningCentreId !== null && user.learningCentreId === p.deciderLearningCentreId) ||
    own.has(p.venueMunicipalityCode)
  );
}
