import {
  blockEnds,
  complementarySuppression,
  distinctCountSafe,
  onBlockBoundaries,
  shownOr,
  SUPPRESSION_THRESHOLD,
} from '@km/common';
import { BucketFigure, MonitoringCells, Presence } from './monitoring-cells';
import {
  MonitoringSummary,
  Protected,
  TIMESERIES_METRICS,
  TimeseriesMetric,
  TimeseriesTable,
} from './monitoring.types';

/** Rows of the unmet-demand lists: the largest first, suppressed rows after them. */
export const UNMET_DEMAND_LIMIT = 100;
export const UNMET_BY_DIMENSION_LIMIT = 20;

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};
const ratio = (part: number, whole: number, decimals = 4) =>
  whole > 0 ? round(part / whole, decimals) : null;

/** The period as bucket indexes of the grid, and whether it is audited against other periods. */
export interface FigureSelection {
  first: number;
  last: number;
  /** Regional: distinct counts must not differ by 1–2 employers from another period's. */
  audited: boolean;
}

const sum = (values: readonly number[], first: number, last: number) => {
  let total = 0;
  for (let i = first; i <= last; i++) total += values[i] ?? 0;
  return total;
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A table of figures cut into the same blocks: each figure is shown for a range of buckets
 * only when the range is whole blocks (see disclosure-control in @km/common).
 */
class BlockTable {
  readonly ends: boolean[];

  constructor(
    readonly figures: readonly BucketFigure[],
    buckets: number,
  ) {
    this.ends = blockEnds(figures, buckets);
  }

  shown(first: number, last: number): boolean {
    return onBlockBoundaries(this.ends, first, last);
  }

  value(figure: number, first: number, last: number): Protected {
    return shownOr(this.shown(first, last), sum(this.figures[figure].value, first, last));
  }
}

/** Distinct employers of a set of presence lists over a range of buckets. */
function distinct(presence: Presence, first: number, last: number): number {
  return presence.filter((p) => p.some((b) => b >= first && b <= last)).length;
}

/**
 * A distinct count, protected: 0 or at least 3, on block boundaries. An attribute of
 * employers (their size) is also audited against every other period regional staff can ask
 * for, so two periods never differ by 1–2 employers of a size. Counts of all employers are not:
 * such a difference says how many were active in one period and not the other, nothing about
 * them (see README).
 */
function distinctFigure(
  presence: Presence,
  ends: boolean[],
  sel: FigureSelection & { attribute: boolean },
): Protected {
  const { first, last } = sel;
  const count = distinct(presence, first, last);
  if (sel.audited && sel.attribute) {
    return shownOr(distinctCountSafe(presence, ends, first, last), count);
  }
  const aligned = !sel.audited || onBlockBoundaries(ends, first, last);
  return shownOr(aligned && (count === 0 || count >= SUPPRESSION_THRESHOLD), count);
}

/** A share whose part and complement are both published counts. */
const shareOf = (part: Protected, rest: Protected): Protected<number | null> =>
  typeof part === 'number' && typeof rest === 'number'
    ? ratio(part, part + rest)
    : shownOr(false, null);

/** Every summary figure of a selection (targets are added by the service). */
export function summaryFigures(
  cells: MonitoringCells,
  sel: FigureSelection,
): Omit<
  MonitoringSummary,
  'countyCode' | 'countyName' | 'from' | 'to' | 'asOf' | 'periodAdjusted' | 'targets'
> {
  const n = cells.grid.length;
  const { first, last } = sel;
  const needs = new BlockTable([cells.needs.needs, cells.needs.participants], n);
  const gender = new BlockTable([cells.needs.women, cells.needs.men, cells.needs.notStated], n);
  const matched = new BlockTable([cells.matched], n);
  const sizes = new BlockTable(cells.bySize, n);
  const completed = new BlockTable([cells.completed], n);
  const cancelled = new BlockTable([cells.cancelled], n);
  const draftsCreated = new BlockTable([cells.draftsCreated], n);
  const draftsApproved = new BlockTable([cells.draftsApproved], n);

  const employers = distinctFigure(cells.employers.all, needs.ends, { ...sel, attribute: false });
  let sme = distinctFigure(cells.employers.sme, needs.ends, { ...sel, attribute: true });
  let large = distinctFigure(cells.employers.large, needs.ends, { ...sel, attribute: true });
  // The split adds up to the employers: one half shown alone would give away the other.
  if (typeof employers !== 'number' || typeof sme !== 'number' || typeof large !== 'number') {
    sme = shownOr(false, 0);
    large = shownOr(false, 0);
  }

  const needCount = needs.value(0, first, last);
  const matchedCount = matched.value(0, first, last);
  const days = cells.matchDays.filter((d) => d.bucket >= first && d.bucket <= last);
  const mid = median(days.map((d) => d.days));

  const sizesShown = sizes.shown(first, last);
  const bins = cells.bySize.map((f) => sum(f.value, first, last));
  const jointCount = bins.reduce((a, b) => a + b, 0);
  const jointEmployerSum = cells.bySize.reduce((a, f) => a + sum(f.employerSum, first, last), 0);

  return {
    employers,
    needs: needCount,
    participantsRequested: needs.value(1, first, last),
    matchedNeeds: matchedCount,
    matchRate:
      typeof needCount === 'number' && typeof matchedCount === 'number'
        ? ratio(matchedCount, needCount)
        : shownOr(false, null),
    medianDaysToMatch: shownOr(matched.shown(first, last), mid === null ? null : round(mid, 1)),
    funnel: { received: needCount, matched: matchedCount },
    initiatives: shownOr(sizesShown, jointCount),
    initiativeEvents: {
      completed: completed.value(0, first, last),
      cancelled: cancelled.value(0, first, last),
    },
    // The mean times the joint count is the employers summed over joint initiatives, which the
    // bins give except the open one (5 or more): that remainder comes from ≥ 5 employers.
    employersPerInitiative: shownOr(
      sizesShown,
      jointCount ? round(jointEmployerSum / jointCount, 2) : null,
    ),
    employersPerInitiativeDistribution: bins.map((count, i) => ({
      employers: i + 2,
      orMore: i === bins.length - 1,
      initiatives: shownOr(sizesShown, count),
    })),
    pooledEmployers: distinctFigure(cells.pooled, sizes.ends, { ...sel, attribute: false }),
    smeShare: shareOf(sme, large),
    employersBySize: { sme, large },
    participantsByGender: {
      women: gender.value(0, first, last),
      men: gender.value(1, first, last),
      notStated: gender.value(2, first, last),
    },
    crossBorder: cells.crossBorder
      .map((row) => ({
        venueCountyCode: row.venueCountyCode,
        venueCountyName: row.venueCountyName,
        needsCountyCode: row.needsCountyCode,
        needsCountyName: row.needsCountyName,
        initiatives: new BlockTable([row.cells], n).value(0, first, last),
      }))
      .filter((row) => row.initiatives !== 0),
    ...unmetFigures(cells, sel),
    projectDrafts: draftsCreated.value(0, first, last),
    projectDraftsApproved: draftsApproved.value(0, first, last),
    smallCountThreshold: SUPPRESSION_THRESHOLD,
  };
}

interface RankedRow {
  key: string;
  participants: number;
  /** Employers in the period: a lower bound for a union's. */
  employers: number;
  shown: boolean;
}

/**
 * The unmet-demand lists. Each row is cut into its own blocks; a list is ordered shown rows
 * first, largest first, then the rest by key (their size does not leak through the order). A
 * margin (a competence, a municipality) is shown only if its hidden rows — suppressed, or
 * beyond the list's length — cannot be computed from it (secondary suppression).
 */
function unmetFigures(
  cells: MonitoringCells,
  sel: FigureSelection,
): Pick<
  MonitoringSummary,
  'unmetDemandAsOf' | 'unmetDemand' | 'unmetByCompetence' | 'unmetByMunicipality'
> {
  const unmet = cells.unmet;
  if (!unmet) {
    return {
      unmetDemandAsOf: null,
      unmetDemand: [],
      unmetByCompetence: [],
      unmetByMunicipality: [],
    };
  }
  const n = cells.grid.length;
  const { first, last } = sel;
  const rank = <T>(items: T[], key: (t: T) => string, cellsOf: (t: T) => BucketFigure) =>
    items
      .map((item) => {
        const c = cellsOf(item);
        const table = new BlockTable([c], n);
        return {
          item,
          row: {
            key: key(item),
            participants: sum(c.value, first, last),
            employers: Math.max(0, ...c.employers.slice(first, last + 1)),
            shown: table.shown(first, last),
          } as RankedRow,
        };
      })
      .filter((r) => r.row.participants > 0)
      .sort((a, b) => {
        if (a.row.shown !== b.row.shown) return a.row.shown ? -1 : 1;
        if (a.row.shown && a.row.participants !== b.row.participants) {
          return b.row.participants - a.row.participants;
        }
        return a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0;
      });

  const rows = rank(
    unmet.rows,
    (r) => `${r.competenceId}|${r.municipalityCode}`,
    (r) => r.cells,
  );
  const listed = new Set(
    rows
      .slice(0, UNMET_DEMAND_LIMIT)
      .filter((r) => r.row.shown)
      .map((r) => r.row.key),
  );
  /** A margin against the rows under it: shown rows listed, the rest hidden. */
  const marginShown = (shown: boolean, under: (key: string) => boolean) => {
    const parts = rows
      .filter((r) => under(r.row.key))
      .map((r) => ({
        value: r.row.participants,
        employers: r.row.employers,
        shown: listed.has(r.row.key),
      }));
    // Rows are not taken out here: the list is published as it is, the margin gives way.
    return complementarySuppression(parts, shown).total;
  };
  const figures = (participants: number, shown: boolean) => ({
    participants: shownOr(shown, participants),
  });

  const competences = rank(
    unmet.byCompetence,
    (r) => r.competenceId,
    (r) => r.cells,
  ).map((r) => ({
    ...r,
    shown: marginShown(r.row.shown, (key) => key.startsWith(`${r.item.competenceId}|`)),
  }));
  const municipalities = rank(
    unmet.byMunicipality,
    (r) => r.municipalityCode,
    (r) => r.cells,
  ).map((r) => ({
    ...r,
    shown: marginShown(r.row.shown, (key) => key.endsWith(`|${r.item.municipalityCode}`)),
  }));
  return {
    unmetDemandAsOf: null,
    unmetDemand: rows.slice(0, UNMET_DEMAND_LIMIT).map(({ item, row }) => ({
      competenceId: item.competenceId,
      competenceLabel: item.competenceLabel,
      municipalityCode: item.municipalityCode,
      municipalityName: item.municipalityName,
      ...figures(row.participants, row.shown),
    })),
    unmetByCompetence: reorder(competences)
      .slice(0, UNMET_BY_DIMENSION_LIMIT)
      .map((r) => ({
        competenceId: r.item.competenceId,
        competenceLabel: r.item.competenceLabel,
        ...figures(r.row.participants, r.shown),
      })),
    unmetByMunicipality: reorder(municipalities)
      .slice(0, UNMET_BY_DIMENSION_LIMIT)
      .map((r) => ({
        municipalityCode: r.item.municipalityCode,
        municipalityName: r.item.municipalityName,
        ...figures(r.row.participants, r.shown),
      })),
  };
}

/** Shown first (largest first), then the suppressed by key. */
function reorder<T extends { row: RankedRow; shown: boolean }>(items: T[]): T[] {
  return [...items].sort((a, b) => {
    if (a.shown !== b.shown) return a.shown ? -1 : 1;
    if (a.shown && a.row.participants !== b.row.participants) {
      return b.row.participants - a.row.participants;
    }
    return a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0;
  });
}

/**
 * Every metric per bucket of the selection. A bucket's figure is shown only when the bucket is
 * a block of its own, so the period's total minus the shown buckets is whole blocks.
 */
export function timeseriesFigures(
  cells: MonitoringCells,
  sel: FigureSelection,
  metrics: readonly TimeseriesMetric[] = TIMESERIES_METRICS,
): TimeseriesTable['buckets'] {
  const n = cells.grid.length;
  const needs = new BlockTable([cells.needs.needs, cells.needs.participants], n);
  const matched = new BlockTable([cells.matched], n);
  const sizes = new BlockTable(cells.bySize, n);
  const buckets: TimeseriesTable['buckets'] = [];
  for (let i = sel.first; i <= sel.last; i++) {
    const needCount = needs.value(0, i, i);
    const matchedCount = matched.value(0, i, i);
    const days = cells.matchDays.filter((d) => d.bucket === i).map((d) => d.days);
    const mid = median(days);
    const one = { ...sel, first: i, last: i };
    const all = distinctFigure(cells.employers.all, needs.ends, { ...one, attribute: false });
    const sme = distinctFigure(cells.employers.sme, needs.ends, { ...one, attribute: true });
    const large = distinctFigure(cells.employers.large, needs.ends, { ...one, attribute: true });
    const values: Record<TimeseriesMetric, Protected<number | null>> = {
      needs: needCount,
      participantsRequested: needs.value(1, i, i),
      matchedNeeds: matchedCount,
      matchRate:
        typeof needCount === 'number' && typeof matchedCount === 'number'
          ? ratio(matchedCount, needCount)
          : shownOr(false, null),
      medianDaysToMatch: shownOr(matched.shown(i, i), mid === null ? null : round(mid, 1)),
      smeShare: typeof all === 'number' ? shareOf(sme, large) : shownOr(false, null),
      initiatives: shownOr(
        sizes.shown(i, i),
        cells.bySize.reduce((a, f) => a + (f.value[i] ?? 0), 0),
      ),
    };
    const bucket: TimeseriesTable['buckets'][number] = { start: cells.grid[i] };
    for (const metric of metrics) bucket[metric] = values[metric];
    buckets.push(bucket);
  }
  return buckets;
}
