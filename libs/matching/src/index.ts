/**
 * @km/matching — the matching engine. Pure TypeScript: needs, offerings and reference data in,
 * proposals, unmet clusters, ESF drafts and explanations out.
 */
export * from './domain/matching-input.types';
export * from './domain/matching-result.types';
export * from './domain/matching-parameters';
export { runMatching } from './domain/matching.engine';
export {
  evaluateFit,
  costPerParticipant,
  minCohortSizeForCost,
  fitScore,
  proximityScore,
  timeFits,
  requiresTravel,
  type FitConstraint,
  type FitContext,
  type FitEvaluation,
  type FitFailure,
} from './domain/fit.rules';
export { needValue, poolingValue, isSme } from './domain/cohort.value';
export { CompetenceSimilarity } from './domain/competence-similarity';
export { DistanceTable, greatCircleKm } from './domain/geo';
export { toDayNumber, fromDayNumber } from './domain/calendar';
export { proposalId, contentHash } from './domain/proposal-id';
export { buildCandidateGraph, type CandidateGraph } from './domain/candidate-graph.builder';
export { CohortOptimiser, type OptimisedCohorts } from './domain/cohort.optimizer';
export { SeededRandom } from './domain/seeded-random';
export {
  whyNotMatched,
  type WhyNotMatched,
  type WhyNotMatchedInput,
  type NearbyCourse,
  type NeedChange,
  type Blocker,
} from './domain/why-not-matched';
export { reachRegions, regionOf } from './domain/reach-region';
export { fittingWindows, type FittingWindow } from './domain/fitting-windows';
export { runPartitions, type RunPartition, type RunPartitions } from './domain/run-partition';
export { windowGroups, WindowCapacity } from './domain/capacity.rules';
