import type { LearningCentreRef } from './matching-input.types';
import type { DistanceTable } from './geo';

/**
 * The learning centre a new initiative is addressed to: the one serving the most of its
 * employers (brokers act for the municipalities of their organisation); ties, and clusters whose
 * municipalities no centre serves, go to the centre whose seat is nearest the venue, then by id.
 */
export function selectLearningCentre(
  centres: readonly LearningCentreRef[],
  employerMunicipalities: ReadonlyMap<string, string>,
  venueCode: string,
  distances: DistanceTable,
): LearningCentreRef | null {
  let best: LearningCentreRef | null = null;
  let bestServed = -1;
  let bestKm = Number.POSITIVE_INFINITY;
  for (const c of centres) {
    const served = new Set(c.municipalityCodes);
    let count = 0;
    for (const code of employerMunicipalities.values()) if (served.has(code)) count++;
    const km = distances.betweenCodes(c.seatMunicipalityCode, venueCode);
    const better =
      count > bestServed ||
      (count === bestServed && (km < bestKm || (km === bestKm && best !== null && c.id < best.id)));
    if (better) {
      best = c;
      bestServed = count;
      bestKm = km;
    }
  }
  return best;
}
