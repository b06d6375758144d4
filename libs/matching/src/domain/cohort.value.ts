import type { MatchingParameters } from './matching-parameters';

/**
 * The objective the optimiser maximises, one cohort at a time:
 *
 *   value(cohort) = Σ over needs of participants × fit × (1 + smeBonus if the employer is an SME)
 *                 + poolingBonus × (distinct employers − 1)
 *
 * So participants served count most, weighted by how well they fit; small employers count a bit
 * more; and every extra employer pooled in the same cohort adds a bonus, because pooling is what
 * lets small employers get training at all. The run's objective is the sum over its cohorts.
 */
export function needValue(
  participants: number,
  fit: number,
  isSme: boolean,
  params: MatchingParameters,
): number {
  return participants * fit * (1 + (isSme ? params.weights.smeBonus : 0));
}

export function poolingValue(distinctEmployers: number, params: MatchingParameters): number {
  return distinctEmployers > 0 ? params.weights.poolingBonus * (distinctEmployers - 1) : 0;
}

export function isSme(orgSize: number, params: MatchingParameters): boolean {
  return orgSize <= params.smeMaxEmployees;
}
