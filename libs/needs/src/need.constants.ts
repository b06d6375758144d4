export const NEED_DELIVERY_MODES = ['onsite', 'remote', 'hybrid'] as const;
export type NeedDeliveryMode = (typeof NEED_DELIVERY_MODES)[number];

export const NEED_STATUSES = [
  'received',
  'proposed',
  'matched',
  'unmet',
  'withdrawn',
  'expired',
] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

/**
 * Languages a need may ask for (ISO 639-1): Swedish, English, and the languages most spoken by
 * adults new to Swedish working life, plus the national minority language Finnish.
 */
export const NEED_LANGUAGES = ['sv', 'en', 'ar', 'fa', 'fi', 'so', 'ti', 'pl', 'uk', 'es'] as const;
export type NeedLanguage = (typeof NEED_LANGUAGES)[number];

export const NEED_LIMITS = {
  titleMin: 3,
  titleMax: 200,
  descriptionMax: 4000,
  employerNameMax: 200,
  contactNameMax: 200,
  emailMax: 254,
  phoneMax: 40,
  competencesMin: 1,
  competencesMax: 10,
  otherCompetenceMax: 200,
  participantsMin: 1,
  participantsMax: 500,
  employeesMax: 1_000_000,
  maxTravelKm: 1000,
  maxCostPerParticipantSek: 1_000_000,
  /** latestEnd at most this many years after today. */
  yearsAhead: 2,
} as const;

/** Size band codes of the reference data (SNI size classes). */
export function sizeBandOf(employees: number): '1-9' | '10-49' | '50-249' | '250+' {
  if (employees < 10) return '1-9';
  if (employees < 50) return '10-49';
  if (employees < 250) return '50-249';
  return '250+';
}

/** Optional ESF+ reporting fields of a need (ESF+ common indicators): the participants' age band… */
export const NEED_AGE_BANDS = ['under_30', '30_54', '55_plus'] as const;
export type NeedAgeBand = (typeof NEED_AGE_BANDS)[number];
/** …and their education level, ISCED 2011 groups 0–2, 3–4 and 5–8. */
export const NEED_EDUCATION_LEVELS = ['isced_0_2', 'isced_3_4', 'isced_5_8'] as const;
export type NeedEducationLevel = (typeof NEED_EDUCATION_LEVELS)[number];
