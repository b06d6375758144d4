import type { ParticipantCount, ProposalKind, StartWindow } from './matching-input.types';
import type { FitConstraint } from './fit.rules';

export interface ProposalNeed {
  needId: string;
  employerId: string;
  employerName: string;
  municipalityCode: string;
  participants: ParticipantCount;
  /** Road distance to the venue; null when the course is given remotely. */
  distanceKm: number | null;
  /** The need's fit with this offering (0..1). */
  fit: number;
}

export interface ExplanationFactor {
  name: string;
  value: number;
  weight: number;
  detail: string;
}

export type LeftOutCause = FitConstraint | 'capacity' | 'other_proposal' | 'would_lower_value';

export interface LeftOutNeed {
  needId: string;
  cause: LeftOutCause;
  /** Plain Swedish, e.g. "avstånd 90 km > max 40 km". */
  reason: string;
}

export interface DemandNearby {
  municipalityCode: string;
  participants: number;
  needIds: string[];
}

export type WhatIfHint =
  | {
      kind: 'more_participants';
      missingParticipants: number;
      nearbyDemand: DemandNearby[];
      text: string;
    }
  | {
      kind: 'relax_constraint';
      needId: string;
      constraint: FitConstraint;
      /** The value the constraint would need, e.g. a max travel of 90 (km). */
      requiredValue: number | string;
      text: string;
    };

export interface Explanation {
  summary: string;
  factors: ExplanationFactor[];
  leftOut: LeftOutNeed[];
  whatIf: WhatIfHint[];
}

export interface Proposal {
  id: string;
  kind: ProposalKind;
  /** Status carried over from an identical proposal of the previous run, else null. */
  previousStatus: string | null;
  offeringId: string | null;
  /** For `fill_initiative`: the planned initiative the needs join. */
  initiativeId?: string | null;
  startWindow: StartWindow | null;
  startDate: string | null;
  venueMunicipalityCode: string;
  countyCode: string;
  needs: ProposalNeed[];
  participants: ParticipantCount;
  employers: number;
  employerIds: string[];
  costPerParticipantSek: number | null;
  totalCostSek: number;
  /** The offering's learning centre, or for a new initiative the centre it is addressed to. */
  suggestedLearningCentreId: string | null;
  competenceIds: string[];
  /** Competence area, the theme of ESF drafts. */
  theme: string;
  score: number;
  explanation: Explanation;
}

/** Unserved needs of one competence, within reach of one venue and with overlapping time. */
export interface UnmetCluster {
  id: string;
  competenceIds: string[];
  theme: string;
  venueMunicipalityCode: string;
  countyCode: string;
  needIds: string[];
  participants: ParticipantCount;
  employers: number;
  window: StartWindow;
  viable: boolean;
  /** The `new_initiative` proposal made from a viable cluster. */
  proposalId: string | null;
  suggestedLearningCentreId: string | null;
  whatIf: WhatIfHint[];
}

/** An offering start window that unserved needs fit but cannot fill to the minimum. */
export interface BelowMinimumCohort {
  offeringId: string;
  startWindow: StartWindow;
  needIds: string[];
  participants: number;
  minParticipants: number;
  missingParticipants: number;
  whatIf: WhatIfHint[];
}

export interface HorizontalCriteria {
  genderEquality: { womenShare: number; menShare: number; balanced: boolean; text: string };
  accessibility: { remoteOrHybridShare: number; municipalities: number; text: string };
}

export type ProjectDraftFlag =
  'too_few_employers' | 'budget_below_minimum' | 'budget_above_maximum' | 'gender_balance_not_met';

/** An ESF-style project draft: initiatives and clusters of one county and theme. */
export interface ProjectDraft {
  id: string;
  countyCode: string;
  theme: string;
  proposalIds: string[];
  employers: number;
  employerIds: string[];
  participants: ParticipantCount;
  /** Share of the employers that are SMEs. */
  smeShare: number;
  budgetSek: number;
  flags: ProjectDraftFlag[];
  /** All hard call rules hold (the gender balance is only flagged, as the call rules say). */
  eligible: boolean;
  horizontalCriteria: HorizontalCriteria;
}

export interface MatchingStats {
  needsTotal: number;
  needsCommitted: number;
  needsConsidered: number;
  offerings: number;
  slots: number;
  candidatePairs: number;
  proposalsJoint: number;
  proposalsNew: number;
  proposalsFill: number;
  needsServed: number;
  participantsRequested: number;
  participantsServed: number;
  /** Sum of the cohort values the optimiser maximises (see cohort.value.ts). */
  objective: number;
  greedyObjective: number;
  improvingMoves: number;
}

export interface MatchingResult {
  proposals: Proposal[];
  /** Needs considered but served by no joint initiative (they may be in a new initiative). */
  unmetNeedIds: string[];
  unmetClusters: UnmetCluster[];
  belowMinimum: BelowMinimumCohort[];
  projectDrafts: ProjectDraft[];
  stats: MatchingStats;
}
