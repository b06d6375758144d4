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
