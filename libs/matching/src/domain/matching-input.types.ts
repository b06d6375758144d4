import type { MatchingParametersInput } from './matching-parameters';

/**
 * What the matcher reads. Everything the engine needs arrives as data (reference data included),
 * so the engine never touches a database or the reference library and can be run in a benchmark.
 * Dates are ISO calendar dates 'YYYY-MM-DD'.
 */

export type DeliveryMode = 'onsite' | 'remote' | 'hybrid';

export interface ParticipantCount {
  total: number;
  women: number;
  men: number;
}

/** One employer's competence need (kompetensbehov). */
export interface NeedInput {
  id: string;
  employerId: string;
  employerName: string;
  /** Number of employees; below `parameters.smeMaxEmployees + 1` counts as an SME. */
  orgSize: number;
  municipalityCode: string;
  competenceIds: string[];
  participants: ParticipantCount;
  earliestStart: string;
  latestEnd: string;
  deliveryModes: DeliveryMode[];
  maxTravelKm: number;
  maxCostPerParticipantSek?: number | null;
  language: string;
  submittedAt: string;
}

/** A course may start on any day of a start window; the provider fixes the day later. */
export interface StartWindow {
  from: string;
  to: string;
}

/** An offering (utbildningsutbud) a learning centre or provider can deliver. */
export interface OfferingInput {
  id: string;
  learningCentreId: string;
  title: string;
  competenceIds: string[];
  deliveryMode: DeliveryMode;
  venueMunicipalityCode: string;
  minParticipants: number;
  maxParticipants: number;
  costFixedSek: number;
  costPerParticipantSek: number;
  durationDays: number;
  startWindows: StartWindow[];
  language: string;
}

export interface MunicipalityGeo {
  code: string;
  countyCode: string;
  lat: number;
  lon: number;
  /** Only used to make explanations readable. */
  name?: string;
}

export interface CompetenceNode {
  id: string;
  area: string;
  broaderId?: string | null;
  /** Only used to make explanations readable. */
  label?: string;
}

export interface LearningCentreRef {
  id: string;
  municipalityCodes: string[];
  seatMunicipalityCode: string;
  name?: string;
}

export interface RejectedPair {
  needId: string;
  offeringId: string;
}

export type ProposalKind = 'joint_initiative' | 'new_initiative';

/** A proposal of an earlier run, so that an unchanged proposal keeps its id and status. */
export interface PreviousProposal {
  id: string;
  kind: ProposalKind;
  status: string;
  offeringId?: string | null;
  startWindowFrom?: string | null;
  needIds: string[];
}

/** Everything one matching run reads. */
export interface MatchingInput {
  needs: NeedInput[];
  offerings: OfferingInput[];
  municipalities: MunicipalityGeo[];
  competences: CompetenceNode[];
  learningCentres: LearningCentreRef[];
  /** Need + offering pairs a broker rejected: never proposed again. */
  rejectedPairs: RejectedPair[];
  /** Needs already in an approved initiative: left untouched. */
  committedNeedIds: string[];
  previousProposals: PreviousProposal[];
  parameters?: MatchingParametersInput | null;
  /**
   * The calendar day of the run (YYYY-MM-DD, Europe/Stockholm, from the caller's clock): no
   * proposal starts before it, and needs whose window has ended are left out. Absent: no day
   * is assumed (every window counts as in the future).
   */
  today?: string | null;
}
