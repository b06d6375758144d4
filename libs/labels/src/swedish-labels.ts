/**
 * The Swedish names of every code the service shows people: statuses, proposal kinds, delivery
 * modes, themes, flags, roles, bands. Pages, e-mails, CSV exports, the dashboard and the
 * engine's explanation texts all take their words from here, so a status is called the same
 * everywhere (an initiative that is called off is "inställd" on its page, in the e-mail and in
 * the monitoring export). Plain data, no imports: the pure matching engine may use it too.
 *
 * `label` forms start with a capital letter (a table cell, a heading); `phrase` forms are for
 * running text ("Kursen ges på distans").
 */

/** What an employer's need is waiting for. */
export const NEED_STATUS_SV = {
  received: {
    label: 'Mottaget',
    explanation:
      'Vi har tagit emot behovet. Det jämförs med utbildningar och andra arbetsgivares behov i regionen.',
  },
  proposed: {
    label: 'Föreslaget',
    explanation:
      'Behovet ingår i ett förslag till gemensam utbildning som en kompetensmäklare granskar.',
  },
  matched: {
    label: 'Matchat',
    explanation: 'Behovet ingår i en planerad gemensam utbildning. Lärcentrum kontaktar er.',
  },
  unmet: {
    label: 'Inte matchat ännu',
    explanation:
      'Det finns ännu ingen passande utbildning. Behovet ligger kvar och matchas igen när utbudet ändras.',
  },
  withdrawn: {
    label: 'Återkallat',
    explanation: 'Behovet är återkallat och kontaktuppgifterna är raderade.',
  },
  expired: {
    label: 'Utgånget',
    explanation: 'Tidsperioden för behovet har passerat.',
  },
} as const satisfies Record<string, { label: string; explanation: string }>;
export type NeedStatusCode = keyof typeof NEED_STATUS_SV;

/** Proposal statuses as a broker reads them. */
export const PROPOSAL_STATUS_SV = {
  open: { label: 'Att granska', plural: 'Att granska' },
  approved: { label: 'Godkänt', plural: 'Godkända' },
  rejected: { label: 'Avslaget', plural: 'Avslagna' },
  superseded: { label: 'Gäller inte längre', plural: 'Gäller inte längre' },
} as const satisfies Record<string, { label: string; plural: string }>;

export const PROPOSAL_KIND_SV = {
  joint_initiative: 'Gemensam utbildning i befintligt utbud',
  new_initiative: 'Ny utbildning som ingen erbjuder ännu',
  fill_initiative: 'Plats i planerad insats',
} as const satisfies Record<string, string>;

/** An initiative's lifecycle: one word each, the same on pages, in e-mails and in exports. */
export const INITIATIVE_STATUS_SV = {
  planned: 'Planerad',
  running: 'Pågår',
  completed: 'Genomförd',
  cancelled: 'Inställd',
} as const satisfies Record<string, string>;

/** Initiatives counted by status ("3 genomförda, 1 inställd"). */
export const INITIATIVE_STATUS_PLURAL_SV = {
  planned: 'Planerade',
  running: 'Pågående',
  completed: 'Genomförda',
  cancelled: 'Inställda',
} as const satisfies Record<keyof typeof INITIATIVE_STATUS_SV, string>;

/** What happened to an initiative, as an e-mail subject ends: "Utbildningsinsatsen Truckkort pågår nu". */
export const INITIATIVE_STATUS_NEWS_SV = {
  planned: 'är nu planerad',
  running: 'pågår nu',
  completed: 'är nu genomförd',
  cancelled: 'är nu inställd',
} as const satisfies Record<keyof typeof INITIATIVE_STATUS_SV, string>;

/** Initiative statuses inside a sentence: "Utbildningsinsatsen är nu inställd". */
export const INITIATIVE_STATUS_PHRASE_SV = {
  planned: 'planerad',
  running: 'pågående',
  completed: 'genomförd',
  cancelled: 'inställd',
} as const satisfies Record<keyof typeof INITIATIVE_STATUS_SV, string>;

/** What changed under a planned initiative since approval (its attention flags). */
export const ATTENTION_KIND_SV = {
  'offering-withdrawn': 'Kursen är borttagen',
  'offering-changed': 'Kursen är ändrad',
  'need-withdrawn': 'En arbetsgivare har återkallat sitt behov',
  'below-minimum': 'För få deltagare för att kursen ska bli av',
  'no-participants': 'Inga deltagare kvar',
} as const satisfies Record<string, string>;

export const DELIVERY_MODE_SV = {
  onsite: 'På plats',
  remote: 'På distans',
  hybrid: 'Kombinerat (på plats och distans)',
} as const satisfies Record<string, string>;

/** Delivery modes inside a sentence: "Kursen ges på distans". */
export const DELIVERY_MODE_PHRASE_SV = {
  onsite: 'på plats',
  remote: 'på distans',
  hybrid: 'kombinerat på plats och på distans',
} as const satisfies Record<keyof typeof DELIVERY_MODE_SV, string>;

export const LANGUAGE_SV = {
  sv: 'Svenska',
  en: 'Engelska',
  ar: 'Arabiska',
  fa: 'Persiska',
  fi: 'Finska',
  so: 'Somaliska',
  ti: 'Tigrinja',
  pl: 'Polska',
  uk: 'Ukrainska',
  es: 'Spanska',
} as const satisfies Record<string, string>;

/** Themes of ESF drafts: the competence areas of the taxonomy (seeded with these labels). */
export const THEME_SV = {
  logistik: 'Lager och logistik',
  svets: 'Svetsning och metall',
  it: 'Digital kompetens',
  sprak: 'Språk',
  ledarskap: 'Ledarskap och organisation',
  vard: 'Vård och omsorg',
  livsmedel: 'Livsmedel',
  bygg: 'Bygg och anläggning',
  el: 'El och automation',
  sakerhet: 'Arbetsmiljö och säkerhet',
  produktion: 'Produktion och industri',
  fordon: 'Transport och fordon',
  ekonomi: 'Ekonomi och administration',
  handel: 'Handel och service',
  'hotell-restaurang': 'Hotell, restaurang och turism',
  fastighet: 'Fastighet och lokalvård',
  'jord-skog': 'Jord- och skogsbruk',
  hallbarhet: 'Hållbarhet och miljö',
} as const satisfies Record<string, string>;

/** A theme the taxonomy does not know (never its code on a page). */
export const UNKNOWN_THEME_SV = 'Annat kompetensområde';

/** Employer size bands (SME = fewer than 250 employees). */
export const SIZE_BAND_SV = {
  '1-9': 'Mikroföretag (1–9 anställda)',
  '10-49': 'Småföretag (10–49 anställda)',
  '50-249': 'Medelstora företag (50–249 anställda)',
  '250+': 'Stora företag (250+ anställda)',
} as const satisfies Record<string, string>;

/** ESF+ common indicators report participants below 30 and above 54 years of age. */
export const AGE_BAND_SV = {
  under_30: 'Under 30 år',
  '30_54': '30–54 år',
  '55_plus': '55 år eller äldre',
} as const satisfies Record<string, string>;

/** ESF+ common indicators group education by ISCED 2011: 0–2, 3–4 and 5–8. */
export const EDUCATION_LEVEL_SV = {
  isced_0_2: 'Förgymnasial utbildning (ISCED 0–2)',
  isced_3_4: 'Gymnasial eller eftergymnasial utbildning, ej högskola (ISCED 3–4)',
  isced_5_8: 'Högskoleutbildning (ISCED 5–8)',
} as const satisfies Record<string, string>;

/** ESF project drafts: the living draft and its approved versions. */
export const PROJECT_DRAFT_STATUS_SV = {
  draft: 'Utkast',
  empty: 'Tomt utkast',
  approved: 'Godkänd version',
} as const satisfies Record<string, string>;

/** An item of a project draft: an approved initiative or an open proposal. */
export const PROJECT_DRAFT_ITEM_KIND_SV = {
  initiative: 'Godkänd utbildningsinsats',
  proposal: 'Förslag',
} as const satisfies Record<string, string>;

/** The status of a project draft's item: a proposal to review, or the initiative's own status. */
export const PROJECT_DRAFT_ITEM_STATUS_SV: Record<string, string> = {
  open: 'Förslag att granska',
  planned: INITIATIVE_STATUS_SV.planned,
  running: INITIATIVE_STATUS_SV.running,
  completed: INITIATIVE_STATUS_SV.completed,
};

/** The ESF call rules a draft is checked against. */
export const CALL_RULE_SV = {
  employers: 'Antal arbetsgivare',
  municipalities: 'Antal kommuner',
  budget_min: 'Lägsta budget',
  budget_max: 'Högsta budget',
  gender_balance: 'Jämn könsfördelning',
} as const satisfies Record<string, string>;

/** ESF project-draft flags (call rules that are not met), in plain Swedish. */
export const PROJECT_DRAFT_FLAG_SV = {
  too_few_employers: 'För få arbetsgivare',
  budget_below_minimum: 'Budgeten är lägre än utlysningens minimum',
  budget_above_maximum: 'Budgeten är högre än utlysningens maximum',
  gender_balance_not_met: 'Könsfördelningen är inte jämn',
} as const satisfies Record<string, string>;

/** Account roles as staff call them. */
export const ROLE_SV = {
  provider: 'utbildningsanordnare',
  broker: 'kompetensmäklare',
  regional: 'regional handläggare',
  admin: 'administratör',
} as const satisfies Record<string, string>;

export const ROLE_PLURAL_SV = {
  provider: 'utbildningsanordnare',
  broker: 'kompetensmäklare',
  regional: 'regionala handläggare',
  admin: 'administratörer',
} as const satisfies Record<keyof typeof ROLE_SV, string>;

/** Fields of a need the employer can change, inside a sentence ("… enligt förslaget"). */
export const NEED_FIELD_PHRASE_SV = {
  maxTravelKm: 'längsta resväg',
  maxCostPerParticipantSek: 'högsta kostnad per deltagare',
  earliestStart: 'tidigaste start',
  latestEnd: 'senaste slut',
  deliveryModes: 'sätt att genomföra utbildningen',
} as const satisfies Record<string, string>;

/**
 * Every label map above, by name: the test that no page, e-mail or export shows a raw code
 * walks these.
 */
export const SWEDISH_LABEL_MAPS = {
  NEED_STATUS_SV,
  PROPOSAL_STATUS_SV,
  PROPOSAL_KIND_SV,
  INITIATIVE_STATUS_SV,
  INITIATIVE_STATUS_PLURAL_SV,
  INITIATIVE_STATUS_PHRASE_SV,
  ATTENTION_KIND_SV,
  DELIVERY_MODE_SV,
  DELIVERY_MODE_PHRASE_SV,
  LANGUAGE_SV,
  THEME_SV,
  SIZE_BAND_SV,
  AGE_BAND_SV,
  EDUCATION_LEVEL_SV,
  PROJECT_DRAFT_STATUS_SV,
  PROJECT_DRAFT_ITEM_KIND_SV,
  PROJECT_DRAFT_ITEM_STATUS_SV,
  CALL_RULE_SV,
  PROJECT_DRAFT_FLAG_SV,
  ROLE_SV,
  ROLE_PLURAL_SV,
  NEED_FIELD_PHRASE_SV,
} as const;

/**
 * The label of a code, or the fallback (never the code itself): a code the map does not know
 * (a new status, a bad row) reads "Okänd" rather than leaking `joint_initiative` onto a page.
 */
export function labelSv<M extends object, F>(
  map: M,
  code: string | null | undefined,
  fallback: F,
): M[keyof M] | F {
  return code != null && Object.prototype.hasOwnProperty.call(map, code)
    ? map[code as keyof M]
    : fallback;
}
