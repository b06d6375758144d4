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

/** "1 kvinna", "2 kvinnor": a count with the right form of the noun. */
export function countOf(n: number, one: string, many: string): string {
  return `${n.toLocaleString('sv-SE')} ${n === 1 ? one : many}`;
}
