import { INITIATIVE_STATUS_PLURAL_SV } from '@km/labels';
import { TimeseriesMetric } from './monitoring.types';

/** Swedish names of the time-series metrics, for the dashboard and the CSV export. */
export const TIMESERIES_METRIC_SV: Record<TimeseriesMetric, string> = {
  needs: 'Mottagna behov',
  participantsRequested: 'Efterfrågade deltagare',
  matchedNeeds: 'Matchade behov',
  matchRate: 'Matchade i förhållande till mottagna behov (%)',
  medianDaysToMatch: 'Mediantid till matchning (dagar)',
  smeShare: 'Andel små och medelstora arbetsgivare (%)',
  initiatives: 'Gemensamma insatser (minst två arbetsgivare)',
};

/** What a target's actual was counted from (the gender share). */
export const TARGET_BASIS_SV = {
  completed: 'genomförda deltagare',
  approved: 'godkända deltagare, inga utfall ännu',
} as const;

/** The protection, in one sentence, for the CSV and the dashboard. */
export const SECRECY_NOTE_SV =
  'Uppgifter som bygger på färre än tre arbetsgivare, eller som skulle avslöja sådana uppgifter, visas som <3';

/** Metrics that are shares (0..1 in the API) and shown as percent. */
export const SHARE_METRICS: ReadonlySet<TimeseriesMetric> = new Set(['matchRate', 'smeShare']);

/** Joint initiatives by what happened to them in the period. */
export const INITIATIVE_EVENT_SV = {
  completed: INITIATIVE_STATUS_PLURAL_SV.completed,
  cancelled: INITIATIVE_STATUS_PLURAL_SV.cancelled,
} as const;

export const NATIONWIDE_SV = 'Hela landet';

const MONTHS_SV = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** A bucket as Swedes name it: "mars 2026", or "v. 10 2026" (ISO week of the Monday given). */
export function bucketLabelSv(interval: 'week' | 'month', start: string): string {
  const [y, m] = start.split('-').map(Number);
  if (interval === 'month') return `${MONTHS_SV[m - 1]} ${y}`;
  const { week, year } = isoWeek(start);
  return `v. ${week} ${year}`;
}

function isoWeek(isoDate: string): { week: number; year: number } {
  const date = new Date(`${isoDate}T00:00:00Z`);
  // The Thursday of this week decides the ISO year and week.
  date.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() + 3 - ((firstThursday.getUTCDay() + 6) % 7));
  return {
    week: 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000)),
    year,
  };
}

/** A share 0..1 as a percent with one decimal, Swedish style: "41,7 %". */
export function percentSv(share: number): string {
  return `${(Math.round(share * 1000) / 10).toLocaleString('sv-SE')} %`;
}
