import { NeedStatus } from '@km/needs';

export const STATUS_SV: Record<NeedStatus, { label: string; explanation: string }> = {
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
};

export const DELIVERY_MODE_SV: Record<string, string> = {
  onsite: 'På plats',
  remote: 'På distans',
  hybrid: 'Kombinerat (på plats och distans)',
};

export const LANGUAGE_SV: Record<string, string> = {
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
};

/** A date as Swedes write it in running text: 1 februari 2027. */
export function swedishDate(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value;
  return new Intl.DateTimeFormat('sv-SE', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Stockholm',
  }).format(date);
}

/** Initiative statuses as an employer reads them. */
export const INITIATIVE_STATUS_SV: Record<
  'planned' | 'running' | 'completed' | 'cancelled',
  string
> = {
  planned: 'Planerad',
  running: 'Pågår',
  completed: 'Genomförd',
  cancelled: 'Inställd',
};

/** Account roles as staff call them. */
export const ROLE_SV: Record<'provider' | 'broker' | 'regional' | 'admin', string> = {
  provider: 'utbildningsanordnare',
  broker: 'kompetensmäklare',
  regional: 'regional handläggare',
  admin: 'administratör',
};

export const ROLE_PLURAL_SV: Record<keyof typeof ROLE_SV, string> = {
  provider: 'utbildningsanordnare',
  broker: 'kompetensmäklare',
  regional: 'regionala handläggare',
  admin: 'administratörer',
};

/** Proposal statuses as a broker reads them. */
export const PROPOSAL_STATUS_SV: Record<
  'open' | 'approved' | 'rejected' | 'superseded',
  { label: string; plural: string }
> = {
  open: { label: 'Att granska', plural: 'Att granska' },
  approved: { label: 'Godkänt', plural: 'Godkända' },
  rejected: { label: 'Avslaget', plural: 'Avslagna' },
  superseded: { label: 'Gäller inte längre', plural: 'Gäller inte längre' },
};

export const PROPOSAL_KIND_SV: Record<
  'joint_initiative' | 'new_initiative' | 'fill_initiative',
  string
> = {
  joint_initiative: 'Gemensam utbildning i befintligt utbud',
  new_initiative: 'Ny utbildning som ingen erbjuder ännu',
  fill_initiative: 'Plats i planerad insats',
};

/** ESF project-draft flags (call rules that are not met), in plain Swedish. */
export const PROJECT_DRAFT_FLAG_SV: Record<
  'too_few_employers' | 'budget_below_minimum' | 'budget_above_maximum' | 'gender_balance_not_met',
  string
> = {
  too_few_employers: 'För få arbetsgivare',
  budget_below_minimum: 'Budgeten är lägre än utlysningens minimum',
  budget_above_maximum: 'Budgeten är högre än utlysningens maximum',
  gender_balance_not_met: 'Könsfördelningen är inte jämn',
};

/** Whole numbers with a space between thousands, whatever the runtime's ICU data. */
export function swedishNumber(value: number): string {
  const rounded = Math.round(value);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${rounded < 0 ? '−' : ''}${digits}`;
}

export function swedishSek(value: number): string {
  return `${swedishNumber(value)}\u00a0kr`;
}

/** "1 deltagare", "3 arbetsgivare": a count with its noun. */
export function countOf(n: number, one: string, many: string): string {
  return `${swedishNumber(n)} ${n === 1 ? one : many}`;
}

/** A moment as a Swedish office reads it: 1 december 2026 kl. 14.05. */
export function swedishDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  const time = new Intl.DateTimeFormat('sv-SE', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Stockholm',
  }).format(date);
  return `${swedishDate(date)} kl. ${time.replace(':', '.')}`;
}

/** A month as "mars 2027" from YYYY-MM. */
export function swedishMonth(value: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${value}-15T12:00:00Z`));
}
