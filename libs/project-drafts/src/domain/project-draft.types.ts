import type { EsfCallRules } from '@km/config';
import { AGE_BAND_SV, EDUCATION_LEVEL_SV } from '@km/labels';

export type { EsfCallRules };

/** ESF+ common indicators report participants below 30 and above 54 years of age. */
export const AGE_BANDS = ['under_30', '30_54', '55_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** ESF+ common indicators group education by ISCED 2011: 0–2, 3–4 and 5–8. */
export const EDUCATION_LEVELS = ['isced_0_2', 'isced_3_4', 'isced_5_8'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export { AGE_BAND_SV, EDUCATION_LEVEL_SV };

export interface Participants {
  total: number;
  women: number;
  men: number;
}

/** One need of an item, as loaded from the database. */
export interface DraftNeedRow {
  needId: string;
  employerId: string;
  employerName: string;
  municipalityCode: string;
  municipalityName: string;
  /** Employees of the employer: SME below 250. */
  employees: number;
  participants: Participants;
  ageBand: AgeBand | null;
  educationLevel: EducationLevel | null;
}

/** An approved initiative (not cancelled) or an open proposal of the county and theme. */
export interface DraftItemRow {
  kind: 'initiative' | 'proposal';
  proposalId: string;
  initiativeId: string | null;
  proposalKind: 'joint_initiative' | 'new_initiative';
  title: string;
  /** Initiative status (planned, running, completed) or 'open' for a proposal. */
  status: string;
  venueMunicipalityCode: string;
  venueMunicipalityName: string;
  startDate: string | null;
  deliveryMode: 'onsite' | 'remote' | 'hybrid' | null;
  totalCostSek: number;
  needs: DraftNeedRow[];
}

export interface DraftItem extends Omit<DraftItemRow, 'needs'> {
  employers: { id: string; name: string }[];
  participants: Participants;
  costPerParticipantSek: number | null;
}

export interface DraftEmployer {
  id: string;
  name: string;
  municipalityCode: string;
  municipalityName: string;
  sme: boolean;
  participants: number;
}

export type CriterionName =
  'employers' | 'municipalities' | 'budget_min' | 'budget_max' | 'gender_balance';

/** One call rule checked against the draft, with Swedish text for the broker. */
export interface Criterion {
  name: CriterionName;
  /** Breaking a hard rule makes the draft ineligible; the gender balance is reported only. */
  hard: boolean;
  met: boolean;
  required: number;
  actual: number;
  /** "Minst 3 arbetsgivare: 2 deltar." */
  text: string;
  /** What is missing, e.g. "1 arbetsgivare till behövs."; null when met. */
  missing: string | null;
}

/**
 * The content of a project draft: everything the pages and the exports show. A living draft's
 * document is recomputed by every run of its county; an approved snapshot keeps the one it had.
 */
export interface ProjectDraftDocument {
  countyCode: string;
  countyName: string;
  theme: string;
  themeLabel: string;
  /** Computed at (ISO timestamp). */
  computedAt: string;
  proposalIds: string[];
  items: DraftItem[];
  employers: DraftEmployer[];
  municipalities: { code: string; name: string }[];
  participants: Participants & { notStated: number };
  ageBands: { band: AgeBand | null; participants: number }[];
  educationLevels: { level: EducationLevel | null; participants: number }[];
  smeEmployers: number;
  /** SME share of the employers, 0..1; null without employers. */
  smeShare: number | null;
  budget: {
    totalSek: number;
    esfSek: number;
    nationalSek: number;
    nationalShare: number;
    costPerParticipantSek: number | null;
  };
  rules: EsfCallRules;
  criteria: Criterion[];
  eligible: boolean;
  /** Short Swedish texts a broker can paste into the application. */
  horizontalCriteria: { jamstalldhet: string; tillganglighet: string };
}
