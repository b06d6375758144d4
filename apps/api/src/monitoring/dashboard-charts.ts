import { isSuppressed, SUPPRESSED } from '@km/common';
import {
  bucketLabelSv,
  INITIATIVE_EVENT_SV,
  MonitoringSummary,
  percentSv,
  Protected,
  TimeseriesTable,
} from '@km/monitoring';

/** One chart as dashboard.js draws it with Chart.js; suppressed figures are null (a gap). */
export interface ChartSpec {
  type: 'bar' | 'line' | 'doughnut';
  horizontal?: boolean;
  /** Shown on the value axis and in tooltips. */
  unit?: string;
  /** Counts: the value axis has whole-number ticks only. */
  integer?: boolean;
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
}

/** The same figures as a table: the chart's text alternative, and all there is without JS. */
export interface TableSpec {
  head: string[];
  rows: string[][];
}

export interface DashboardChart {
  id: string;
  title: string;
  /** One or two sentences in words, above the chart. */
  text: string;
  chart: ChartSpec;
  table: TableSpec;
  /** False when every figure is zero, missing or suppressed: no chart is drawn. */
  hasData: boolean;
}

/** Undefined: a metric the table was not asked for. */
type Figure = Protected<number | null> | undefined;

const count = (value: Figure): string => {
  if (value === null || value === undefined) return '–';
  if (isSuppressed(value)) return SUPPRESSED;
  return value.toLocaleString('sv-SE');
};
const share = (value: Figure): string => {
  if (value === null || value === undefined) return '–';
  if (isSuppressed(value)) return SUPPRESSED;
  return percentSv(value);
};
const days = (value: Figure): string => {
  if (value === null || value === undefined) return '–';
  if (isSuppressed(value)) return SUPPRESSED;
  return `${value.toLocaleString('sv-SE')} dagar`;
};

/** A figure as a chart value: suppressed or missing figures are gaps. */
const plot = (value: Figure, scale = 1): number | null =>
  value === null || value === undefined || isSuppressed(value)
    ? null
    : Math.round(value * scale * 10) / 10;

const hasData = (chart: ChartSpec) =>
  chart.datasets.some((d) => d.data.some((v) => v !== null && v > 0));

function build(
  id: string,
  title: string,
  text: string,
  chart: ChartSpec,
  table: TableSpec,
): DashboardChart {
  return { id, title, text, chart, table, hasData: hasData(chart) };
}

/** A chart of labelled figures and the same figures as a two-column table. */
function labelled(
  chart: Pick<ChartSpec, 'type' | 'horizontal' | 'unit' | 'integer'> & { dataset: string },
  head: [string, string],
  pairs: [string, Figure][],
): [ChartSpec, TableSpec] {
  const { dataset, ...spec } = chart;
  return [
    {
      ...spec,
      labels: pairs.map(([label]) => label),
      datasets: [{ label: dataset, data: pairs.map(([, value]) => plot(value)) }],
    },
    { head, rows: pairs.map(([label, value]) => [label, count(value)]) },
  ];
}

/** "1 insats", "3 insatser"; a hidden or missing figure keeps the plural ("<3 insatser"). */
export function counted(value: Figure, singular: string, plural: string): string {
  return `${count(value)} ${value === 1 ? singular : plural}`;
}

type Target = MonitoringSummary['targets'][number];

/** What each kind of count target counts, and what it says of them. */
const TARGET_SUBJECT: Record<
  Exclude<Target['metric'], 'underrepresented_gender_share'>,
  [string, string, string]
> = {
  employers_with_initiative: ['arbetsgivare', 'arbetsgivare', 'deltar i minst en gemensam insats'],
  employers_in_approved_esf_draft: [
    'arbetsgivare',
    'arbetsgivare',
    'finns i ett godkänt ESF-projektutkast',
  ],
  municipalities_with_initiative: ['kommun', 'kommuner', 'har en gemensam insats'],
};

/**
 * A target as a politician reads it: "41,8 % av deltagarna är kvinnor — mål minst 40 %",
 * "9 arbetsgivare deltar i minst en gemensam insats — mål 11".
 */
export function targetSentence(t: Target): string {
  if (t.metric === 'underrepresented_gender_share') {
    const goal = `mål minst ${t.target.toLocaleString('sv-SE')} %`;
    if (typeof t.actual !== 'number') return `Andelen visas inte (${count(t.actual)}) — ${goal}`;
    const who = t.gender === 'men' ? 'män' : 'kvinnor';
    return `${t.actual.toLocaleString('sv-SE')} % av deltagarna är ${who} — ${goal}`;
  }
  const [singular, plural, predicate] = TARGET_SUBJECT[t.metric];
  return `${counted(t.actual, singular, plural)} ${predicate} — mål ${t.target.toLocaleString('sv-SE')}`;
}

/** Number formatting shared with the page's key figures. */
export const formatFigure = { count, share, days };

/** Every chart of the dashboard, in page order. */
export function dashboardCharts(
  summary: MonitoringSummary,
  series: TimeseriesTable,
): DashboardChart[] {
  const periods = series.buckets.map((b) => bucketLabelSv(series.interval, b.start));
  const perPeriod = series.interval === 'week' ? 'vecka' : 'månad';
  const topUnmet = <T extends { participants: Protected }>(rows: T[]) =>
    rows.filter((r) => !isSuppressed(r.participants)).slice(0, 10);

  const funnel = summary.funnel;
  const unmetCompetence = topUnmet(summary.unmetByCompetence);
  const unmetMunicipality = topUnmet(summary.unmetByMunicipality);
  const gender = summary.participantsByGender;
  const bySize = summary.employersBySize;
  const targetProgress = (t: MonitoringSummary['targets'][number]) =>
    typeof t.actual === 'number' && t.target > 0
      ? Math.round((t.actual / t.target) * 1000) / 10
      : null;
  const targetName = (t: MonitoringSummary['targets'][number]) =>
    summary.countyCode ? t.name : `${t.name} (${t.countyName})`;

  return [
    build(
      'funnel',
      'Från behov till matchning',
      `Under perioden kom ${count(funnel.received)} behov in och ${count(funnel.matched)} behov matchades till en godkänd insats.`,
      ...labelled(
        { type: 'bar', horizontal: true, unit: 'behov', integer: true, dataset: 'Behov' },
        ['Steg', 'Antal behov'],
        [
          ['Mottagna behov', funnel.received],
          ['Matchade behov', funnel.matched],
        ],
      ),
    ),
    build(
      'match-rate',
      `Andel matchade behov per ${perPeriod}`,
      `Matchade behov i förhållande till mottagna behov under samma ${perPeriod}: ${share(summary.matchRate)} för hela perioden.`,
      {
        type: 'line',
        unit: '%',
        labels: periods,
        datasets: [
          {
            label: 'Andel matchade behov (%)',
            data: series.buckets.map((b) => plot(b.matchRate, 100)),
          },
        ],
      },
      {
        head: ['Period', 'Mottagna behov', 'Matchade behov', 'Andel matchade'],
        rows: series.buckets.map((b, i) => [
          periods[i],
          count(b.needs),
          count(b.matchedNeeds),
          share(b.matchRate),
        ]),
      },
    ),
    build(
      'median-days',
      `Mediantid till matchning per ${perPeriod}`,
      `Dagar från att behovet kom in till att den gemensamma insatsen godkändes, median: ${days(summary.medianDaysToMatch)} totalt.`,
      {
        type: 'line',
        unit: 'dagar',
        labels: periods,
        datasets: [
          {
            label: 'Mediantid till matchning (dagar)',
            data: series.buckets.map((b) => plot(b.medianDaysToMatch)),
          },
        ],
      },
      {
        head: ['Period', 'Mediantid till matchning'],
        rows: series.buckets.map((b, i) => [periods[i], days(b.medianDaysToMatch)]),
      },
    ),
    build(
      'unmet-competence',
      'Ej tillgodosedd efterfrågan per kompetens',
      'Deltagare i behov som ännu inte matchats mot någon utbildning, för de största kompetenserna.',
      {
        type: 'bar',
        horizontal: true,
        unit: 'deltagare',
        integer: true,
        labels: unmetCompetence.map((r) => r.competenceLabel),
        datasets: [{ label: 'Deltagare', data: unmetCompetence.map((r) => plot(r.participants)) }],
      },
      {
        head: ['Kompetens', 'Deltagare'],
        rows: summary.unmetByCompetence.map((r) => [r.competenceLabel, count(r.participants)]),
      },
    ),
    build(
      'unmet-municipality',
      'Ej tillgodosedd efterfrågan per kommun',
      'Deltagare i behov som ännu inte matchats, efter arbetsplatsens kommun.',
      {
        type: 'bar',
        horizontal: true,
        unit: 'deltagare',
        integer: true,
        labels: unmetMunicipality.map((r) => r.municipalityName),
        datasets: [
          { label: 'Deltagare', data: unmetMunicipality.map((r) => plot(r.participants)) },
        ],
      },
      {
        head: ['Kommun', 'Deltagare'],
        rows: summary.unmetByMunicipality.map((r) => [r.municipalityName, count(r.participants)]),
      },
    ),
    build(
      'gender',
      'Deltagare efter kön',
      `Efterfrågade deltagare: ${count(gender.women)} kvinnor, ${count(gender.men)} män och ${count(gender.notStated)} där kön inte angetts.`,
      ...labelled(
        { type: 'doughnut', unit: 'deltagare', dataset: 'Deltagare' },
        ['Kön', 'Deltagare'],
        [
          ['Kvinnor', gender.women],
          ['Män', gender.men],
          ['Kön ej angivet', gender.notStated],
        ],
      ),
    ),
    build(
      'sme',
      'Små och medelstora arbetsgivare',
      `${share(summary.smeShare)} av arbetsgivarna med behov har färre än 250 anställda.`,
      {
        type: 'doughnut',
        unit: 'arbetsgivare',
        labels: ['Färre än 250 anställda', '250 anställda eller fler'],
        datasets: [{ label: 'Arbetsgivare', data: [plot(bySize.sme), plot(bySize.large)] }],
      },
      {
        head: ['Storlek', 'Arbetsgivare'],
        rows: [
          ['Färre än 250 anställda', count(bySize.sme)],
          ['250 anställda eller fler', count(bySize.large)],
          ['Andel små och medelstora', share(summary.smeShare)],
        ],
      },
    ),
    build(
      'employers-per-initiative',
      'Arbetsgivare per gemensam insats',
      `En gemensam insats samlar i genomsnitt ${count(summary.employersPerInitiative)} arbetsgivare (${count(summary.pooledEmployers)} arbetsgivare i ${counted(summary.initiatives, 'insats', 'insatser')}).`,
      {
        type: 'bar',
        unit: 'insatser',
        integer: true,
        labels: summary.employersPerInitiativeDistribution.map(
          (d) => `${d.employers}${d.orMore ? ' eller fler' : ''} arbetsgivare`,
        ),
        datasets: [
          {
            label: 'Insatser',
            data: summary.employersPerInitiativeDistribution.map((d) => plot(d.initiatives)),
          },
        ],
      },
      {
        head: ['Arbetsgivare i insatsen', 'Antal insatser'],
        rows: [
          ...summary.employersPerInitiativeDistribution.map((d) => [
            `${d.employers}${d.orMore ? ' eller fler' : ''}`,
            count(d.initiatives),
          ]),
          ...Object.entries(INITIATIVE_EVENT_SV).map(([event, label]) => [
            `${label} under perioden (alla storlekar)`,
            count(summary.initiativeEvents[event as keyof typeof INITIATIVE_EVENT_SV]),
          ]),
        ],
      },
    ),
    build(
      'targets',
      'Mål och utfall',
      'Regionens mål för projektperioden och hur långt regionen har kommit (utfall i procent av målet).',
      {
        type: 'bar',
        horizontal: true,
        unit: '% av målet',
        labels: summary.targets.map(targetName),
        datasets: [
          { label: 'Utfall i procent av målet', data: summary.targets.map(targetProgress) },
        ],
      },
      {
        head: ['Mål', 'Utfall och mål', 'Period'],
        rows: summary.targets.map((t) => [
          targetName(t),
          targetSentence(t),
          `${t.periodStart ?? '…'} – ${t.periodEnd ?? '…'}`,
        ]),
      },
    ),
  ];
}
