/**
 * Tunable parameters of the matcher with their defaults. Every weight shows up in the explanation
 * of a proposal, so a broker can see why one cohort was preferred over another.
 */

export interface MatchingWeights {
  /** Weight of competence similarity in a need's fit (fit = weighted mean of the fit factors). */
  competence: number;
  /** Weight of proximity (1 at the venue, 0.5 at the need's max travel; remote counts as 1). */
  proximity: number;
  /** Extra value per participant of an SME: 0.25 means an SME participant counts 1.25. */
  smeBonus: number;
  /** Value of each extra employer pooled in one cohort, in participant-equivalents. */
  poolingBonus: number;
}

/** Rules of an ESF-style call that a project draft must satisfy. */
export interface EsfCallRules {
  minEmployers: number;
  budgetMinSek: number;
  budgetMaxSek: number;
  /** Each gender should make up at least this share of participants, otherwise the draft is flagged. */
  genderBalanceMinShare: number;
}

export interface UnmetClusterRules {
  /** A cluster with at least this many participants becomes a `new_initiative` proposal. */
  minParticipants: number;
  /** Participants of one new course; larger clusters are split. */
  maxParticipants: number;
  /** Members must be able to reach the cluster's venue, and never further than this. */
  maxRadiusKm: number;
  /** Members' time windows must overlap by at least this many days. */
  minOverlapDays: number;
  /** Rough cost of a course nobody offers yet, used for budgets of ESF drafts. */
  estimatedFixedCostSek: number;
  estimatedCostPerParticipantSek: number;
}

export interface MatchingParameters {
  weights: MatchingWeights;
  /** Competence similarity needed for a fit: 1 same concept, 0.8 parent/child, 0.6 siblings. */
  similarityThreshold: number;
  /**
   * Distances are great-circle distances between municipal seats times this road factor; 1.3 is
   * the usual ratio of road to straight-line distance in Swedish inland municipalities.
   */
  roadFactor: number;
  /** Employers with at most this many employees are SMEs (EU definition: fewer than 250). */
  smeMaxEmployees: number;
  cluster: UnmetClusterRules;
  esf: EsfCallRules;
  /** Near-miss needs searched within this radius of a venue (km, road distance). */
  nearMissRadiusKm: number;
  /** At most this many left-out needs are listed per proposal. */
  maxLeftOutPerProposal: number;
  /** Local search stops after this many improving moves per slot on average (safety net). */
  maxMovesPerSlot: number;
  /**
   * Work budget of the large-neighbourhood search, in slot solves (knapsack runs) per slot of the
   * run, capped at `lnsMaxSolves` for national runs. Counts, not time limits, so runs stay
   * deterministic.
   */
  lnsSolvesPerSlot: number;
  lnsMaxSolves: number;
  /**
   * Candidate pairs of the whole run when this input is one partition of it (`runPartitions`),
   * else null: a partition searches with its run's effort, so it finds what the whole run would.
   */
  wholeRunEdges: number | null;
}

export const DEFAULT_MATCHING_PARAMETERS: MatchingParameters = {
  weights: { competence: 0.6, proximity: 0.4, smeBonus: 0.25, poolingBonus: 0.5 },
  similarityThreshold: 0.6,
  roadFactor: 1.3,
  smeMaxEmployees: 249,
  cluster: {
    minParticipants: 6,
    maxParticipants: 16,
    maxRadiusKm: 80,
    minOverlapDays: 5,
    estimatedFixedCostSek: 30_000,
    estimatedCostPerParticipantSek: 2_500,
  },
  esf: {
    minEmployers: 3,
    budgetMinSek: 100_000,
    budgetMaxSek: 20_000_000,
    genderBalanceMinShare: 0.4,
  },
  nearMissRadiusKm: 120,
  maxLeftOutPerProposal: 5,
  maxMovesPerSlot: 20,
  lnsSolvesPerSlot: 400,
  lnsMaxSolves: 400_000,
  wholeRunEdges: null,
};

export type MatchingParametersInput = Partial<
  Omit<MatchingParameters, 'weights' | 'cluster' | 'esf'> & {
    weights: Partial<MatchingWeights>;
    cluster: Partial<UnmetClusterRules>;
    esf: Partial<EsfCallRules>;
  }
>;

/** Merges partial parameters over the defaults (nested groups are merged field by field). */
export function resolveParameters(input?: MatchingParametersInput | null): MatchingParameters {
  const p = input ?? {};
  return {
    ...DEFAULT_MATCHING_PARAMETERS,
    ...p,
    weights: { ...DEFAULT_MATCHING_PARAMETERS.weights, ...(p.weights ?? {}) },
    cluster: { ...DEFAULT_MATCHING_PARAMETERS.cluster, ...(p.cluster ?? {}) },
    esf: { ...DEFAULT_MATCHING_PARAMETERS.esf, ...(p.esf ?? {}) },
  };
}
