import { CsvCell, excelNumber, isSuppressed, toExcelCsv } from '@km/common';
import {
  bucketLabelSv,
  INITIATIVE_EVENT_SV,
  SECRECY_NOTE_SV,
  SHARE_METRICS,
  TARGET_BASIS_SV,
  TIMESERIES_METRIC_SV,
} from './monitoring-labels';
import {
  MonitoringSummary,
  Protected,
  TIMESERIES_METRICS,
  TimeseriesTable,
} from './monitoring.types';

export const MONITORING_CSV_HEADER = ['Avsnitt', 'Mått', 'Period', 'Kommun', 'Kompetens', 'Värde'];

/** A protected figure as a cell: "<3" stays, numbers get a decimal comma, no value is empty. */
function cell(value: Protected<number | null>, scale = 1): CsvCell {
  if (value === null) return '';
  if (isSuppressed(value)) return value;
  return excelNumber(value * scale);
}

const percent = (value: Protected<number | null>) => cell(value, 100);

/**
 * The monitoring export in long format (one figure a row), so it pivots in Excel: the selection,
 * the summary, targets, unmet demand and one block per metric over time — the summary and the
 * rows over the same whole buckets, all as of the same day.
 */
export function toMonitoringCsv(summary: MonitoringSummary, series: TimeseriesTable): string {
  const period = `${series.scope.from}–${series.scope.to}`;
  const county = summary.countyCode
    ? `${summary.countyName} (${summary.countyCode})`
    : summary.countyName;
  const fact = (measure: string, value: CsvCell): CsvCell[] => [
    'Sammanfattning',
    measure,
    period,
    '',
    '',
    value,
  ];
  const rows: CsvCell[][] = [
    MONITORING_CSV_HEADER,
    ['Urval', 'Län', '', '', '', county],
    ['Urval', 'Period', period, '', '', ''],
    ['Urval', 'Läge per', '', '', '', `utgången av ${series.scope.to}`],
    ['Urval', 'Sekretess', '', '', '', SECRECY_NOTE_SV],
    fact('Arbetsgivare med behov', cell(summary.employers)),
    fact('Mottagna behov', cell(summary.needs)),
    fact('Efterfrågade deltagare', cell(summary.participantsRequested)),
    fact('Matchade behov', cell(summary.matchedNeeds)),
    fact('Matchade i förhållande till mottagna behov (%)', percent(summary.matchRate)),
    fact('Mediantid till matchning (dagar)', cell(summary.medianDaysToMatch)),
    fact('Gemensamma insatser (minst två arbetsgivare)', cell(summary.initiatives)),
    fact(
      `Gemensamma insatser: ${INITIATIVE_EVENT_SV.completed.toLowerCase()}`,
      cell(summary.initiativeEvents.completed),
    ),
    fact(
      `Gemensamma insatser: ${INITIATIVE_EVENT_SV.cancelled.toLowerCase()}`,
      cell(summary.initiativeEvents.cancelled),
    ),
    fact('Arbetsgivare i gemensamma insatser', cell(summary.pooledEmployers)),
    fact('Arbetsgivare per gemensam insats (medel)', cell(summary.employersPerInitiative)),
    ...summary.employersPerInitiativeDistribution.map((d) =>
      fact(
        `Gemensamma insatser med ${d.employers}${d.orMore ? ' eller fler' : ''} arbetsgivare`,
        cell(d.initiatives),
      ),
    ),
    fact('Arbetsgivare med färre än 250 anställda', cell(summary.employersBySize.sme)),
    fact('Arbetsgivare med 250 anställda eller fler', cell(summary.employersBySize.large)),
    fact('Andel små och medelstora arbetsgivare (%)', percent(summary.smeShare)),
    fact('Deltagare: kvinnor', cell(summary.participantsByGender.women)),
    fact('Deltagare: män', cell(summary.participantsByGender.men)),
    fact('Deltagare: kön ej angivet', cell(summary.participantsByGender.notStated)),
    fact('ESF-projektutkast', cell(summary.projectDrafts)),
    fact('ESF-projektutkast: godkända', cell(summary.projectDraftsApproved)),
  ];
  for (const c of summary.crossBorder) {
    rows.push([
      'Insatser över länsgräns',
      `Insatser i ${c.venueCountyName} med behov från ${c.needsCountyName}`,
      period,
      '',
      '',
      cell(c.initiatives),
    ]);
  }
  for (const t of summary.targets) {
    const targetPeriod = `${t.periodStart ?? '…'}–${t.periodEnd ?? '…'}`;
    const name = summary.countyCode ? t.name : `${t.name} (${t.countyName})`;
    const unit = t.unit === 'percent' ? ' (%)' : '';
    const basis = t.basis ? ` (${TARGET_BASIS_SV[t.basis]})` : '';
    rows.push(
      ['Mål', `${name}${unit}: mål`, targetPeriod, '', '', excelNumber(t.target)],
      ['Mål', `${name}${unit}: utfall${basis}`, targetPeriod, '', '', cell(t.actual)],
    );
  }
  for (const u of summary.unmetDemand) {
    rows.push([
      'Ej tillgodosedd efterfrågan',
      'Deltagare',
      period,
      `${u.municipalityName} (${u.municipalityCode})`,
      u.competenceLabel,
      cell(u.participants),
    ]);
  }
  for (const metric of TIMESERIES_METRICS) {
    const section = series.interval === 'week' ? 'Per vecka' : 'Per månad';
    for (const bucket of series.buckets) {
      const value = bucket[metric] ?? null;
      rows.push([
        section,
        TIMESERIES_METRIC_SV[metric],
        bucketLabelSv(series.interval, bucket.start),
        '',
        '',
        SHARE_METRICS.has(metric) ? percent(value) : cell(value),
      ]);
    }
  }
  return toExcelCsv(rows);
}
