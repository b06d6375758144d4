import type { MatchingResult, MatchingStats, Proposal } from '@km/matching';

/**
 * What a run takes from the engine: its proposals and counts. The unmet clusters' members, the
 * cohorts below a minimum and the engine's own draft grouping stay in the thread: no caller writes
 * them, and copying them back took a third of the transfer (the living drafts are recomputed from
 * the database).
 */
export interface EngineOutcome {
  proposals: Proposal[];
  unmetNeedIds: string[];
  /** How many clusters of unmet needs the engine found (each is a new-course proposal). */
  unmetClusters: number;
  stats: MatchingStats;
}

export function outcomeOf(result: MatchingResult | EngineOutcome): EngineOutcome {
  return {
    proposals: result.proposals,
    unmetNeedIds: result.unmetNeedIds,
    unmetClusters: Array.isArray(result.unmetClusters)
      ? result.unmetClusters.length
      : result.unmetClusters,
    stats: result.stats,
  };
}
