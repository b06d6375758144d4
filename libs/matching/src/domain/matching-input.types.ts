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
  /**
   * Groups the provider can run from this start window, each of at most `maxParticipants`
   * (capacity.rules.ts). Absent: 1.
   */
  groups?: number;
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

/**
 * `joint_initiative`: a new group of an offering's start window; `new_initiative`: a course
 * nobody offers yet; `fill_initiative`: needs added to the free seats of a planned initiative.
 */
export type ProposalKind = 'joint_initiative' | 'new_initiative' | 'fill_initiative';

/** A planned initiative on a start window: the seats it holds, so late needs can fill the rest. */
export interface PlannedInitiativeInput {
  id: string;
  /** Participants already in it (its seats taken). */
  participants: number;
  /** The day it starts; a planned initiative that has started takes no one new. */
  startDate?: string | null;
}

/**
 * What approved, not cancelled initiatives already hold of one offering start window: each holds
 * one group; the planned ones list their seats taken.
 */
export interface WindowCommitment {
  offeringId: string;
  startWindowFrom: string;
  groupsUsed: number;
  planned: PlannedInitiativeInput[];
}

/** A proposal of an earlier run, so that an unchanged proposal keeps its id and status. */
export interface PreviousProposal {
  id: string;
  kind: ProposalKind;
  status: string;
  offeringId?: string | null;
  startWindowFrom?: string | null;
  /** For `fill_initiative`: the planned initiative it fills. */
  initiativeId?: string | null;
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
  /**
   * Groups and seats that approved initiatives hold, per offering start window. A window gets a
   * new cohort only while it has a free group; planned initiatives with free seats get
   * `fill_initiative` proposals. Absent: approved previous proposals mark their window as used.
   */
  commitments?: WindowCommitment[] | null;
  parameters?: MatchingParametersInput | null;
  /**
   * The calendar day of the run (YYYY-MM-DD, Europe/Stockholm, from the caller's clock): no
   * proposal starts before it, and needs whose window has ended are left out. Absent: no day
   * is assumed (every window counts as in the future).
   */
  today?: string | null;
}
