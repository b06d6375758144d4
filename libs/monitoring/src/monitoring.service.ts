import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@km/auth';
import { InvalidInputError, OutOfScopeError, protectSmallCount } from '@km/common';
import { swedishToday } from '@km/needs';
import { RegionTargetMetric } from '@km/reference';
import { MonitoringCellReader, MonitoringCells } from './monitoring-cells';
import { FigureSelection, summaryFigures, timeseriesFigures } from './monitoring-figures';
import { NATIONWIDE_SV } from './monitoring-labels';
import { addDays, bucketStart, MonitoringInterval, resolvePeriod } from './monitoring-period';
import {
  MonitoringQuery,
  MonitoringScope,
  MonitoringSummary,
  MonitoringTimeseries,
  Protected,
  TargetView,
  TIMESERIES_METRICS,
  TimeseriesMetric,
  TimeseriesTable,
} from './monitoring.types';

export { UNMET_BY_DIMENSION_LIMIT, UNMET_DEMAND_LIMIT } from './monitoring-figures';

const TZ = 'Europe/Stockholm';

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};
const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

interface TargetRow {
  id: string;
  county_code: string;
  county_name: string;
  metric: RegionTargetMetric;
  name: string;
  unit: 'count' | 'percent';
  target: number;
  period_start: string | null;
  period_end: string | null;
}

interface TargetActualsRow {
  employers_with_initiative: number;
  municipalities_with_initiative: number;
  venue_employers: number;
  employers_in_approved_esf_draft: number;
  approved_women: number;
  approved_men: number;
  completed_initiatives: number;
  completed_women: number;
  completed_men: number;
  completed_employers: number;
}

/** How a scope asks for figures: the period's defaults differ between the summary and series. */
export interface ScopeOptions {
  interval?: MonitoringInterval;
  /** Without `from`: the twelve buckets up to `to` (series, CSV, dashboard) instead of all time. */
  defaultYear?: boolean;
  today?: string;
}

/**
 * Regional outcome figures, computed in SQL over the live tables and protected in one place
 * (disclosure-control in @km/common, applied in monitoring-figures): nothing published lets
 * a reader work out a figure built from 1 or 2 employers.
 */
@Injectable()
export class MonitoringService {
  private readonly cells: MonitoringCellReader;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.cells = new MonitoringCellReader(db);
  }

  /**
   * The county and period a caller may see: regional staff their own county (another is a 403),
   * whole completed months; admins any county or, without one, the whole country.
   * @throws InvalidInputError (400) for a bad date, period, interval or unknown county;
   *   OutOfScopeError (403).
   */
  async resolveScope(
    user: AuthUser,
    query: MonitoringQuery,
    options: ScopeOptions = {},
  ): Promise<MonitoringScope> {
    let countyCode: string | null;
    if (user.role === 'admin') {
      countyCode = query.countyCode ?? null;
    } else if (user.role === 'regional' && user.countyCode) {
      if (query.countyCode && query.countyCode !== user.countyCode) {
        throw new OutOfScopeError('county');
      }
      countyCode = user.countyCode;
    } else {
      throw new OutOfScopeError('monitoring');
    }
    const audience = user.role === 'admin' ? 'admin' : 'regional';
    const interval = options.interval ?? 'month';
    const period = resolvePeriod({
      audience,
      interval,
      today: options.today ?? swedishToday(),
      from: query.from,
      to: query.to,
      defaultYear: options.defaultYear ?? false,
    });
    const base = { audience, interval, period } as const;
    if (!countyCode) return { countyCode: null, countyName: NATIONWIDE_SV, ...base };
    const rows: { name: string }[] = await this.db.query(
      `SELECT name FROM county WHERE code = $1`,
      [countyCode],
    );
    if (rows.length === 0) {
      throw new InvalidInputError([
        { field: 'countyCode', message: `countyCode ${countyCode} is not a known county` },
      ]);
    }
    return { countyCode, countyName: rows[0].name, ...base };
  }

  /**
   * The cells behind every figure of a scope. Regional staff's grid runs from the first data to
   * the last published month, so that blocks and the distinct-count audit see every period the
   * same caller could ask for; an admin's grid is the period itself.
   */
  private async load(
    scope: MonitoringScope,
  ): Promise<{ cells: MonitoringCells; sel: FigureSelection }> {
    const { period, interval } = scope;
    const regional = scope.audience === 'regional';
    const firstData = await this.firstData(scope);
    const lastBucket = bucketStart(interval, regional ? period.lastPublished : period.to);
    let gridFrom = regional || !period.from ? (firstData ?? lastBucket) : period.from;
    if (period.from && period.from < gridFrom) gridFrom = period.from;
    // A period before any data still has its buckets in the grid (all empty).
    const toBucket = bucketStart(interval, period.to);
    if (toBucket < gridFrom) gridFrom = toBucket;
    if (gridFrom > lastBucket) gridFrom = lastBucket;
    // Regional unmet demand is a picture at the end of the last published month only: one
    // clock for every such table published, so two of them never differ by a few matches.
    const unmetAsOf = !regional || period.to === period.lastPublished ? period.asOf : null;
    const cells = await this.cells.read({
      countyCode: scope.countyCode,
      interval,
      from: regional ? null : period.from,
      until: regional ? addDays(period.lastPublished, 1) : period.asOf,
      gridFrom,
      gridTo: lastBucket,
      unmetAsOf,
    });
    const first = period.from ? cells.grid.indexOf(period.from) : 0;
    const last = cells.grid.indexOf(bucketStart(interval, period.to));
    return { cells, sel: { first: Math.max(0, first), last, audited: regional } };
  }

  /** The first bucket with any data of the scope (needs or initiatives), or null. */
  private async firstData(scope: MonitoringScope): Promise<string | null> {
    const params: unknown[] = [];
    const county = scope.countyCode
      ? (params.push(scope.countyCode), `WHERE county_code = $1`)
      : '';
    const [row]: { first: string | null }[] = await this.db.query(
      `SELECT to_char(date_trunc('${scope.interval}', least(
                (SELECT min(created_at) FROM need ${county}),
                (SELECT min(created_at) FROM initiative),
                (SELECT min(created_at) FROM project_draft ${county})) AT TIME ZONE '${TZ}'),
              'YYYY-MM-DD') AS first`,
      params,
    );
    return row?.first ?? null;
  }

  /** Every summary figure for one scope (GET /api/v1/monitoring/summary). */
  async summary(scope: MonitoringScope): Promise<MonitoringSummary> {
    const [{ cells, sel }, targets] = await Promise.all([this.load(scope), this.targets(scope)]);
    return this.summaryOf(scope, cells, sel, targets);
  }

  private summaryOf(
    scope: MonitoringScope,
    cells: MonitoringCells,
    sel: FigureSelection,
    targets: TargetView[],
  ): MonitoringSummary {
    const figures = summaryFigures(cells, sel);
    return {
      countyCode: scope.countyCode,
      countyName: scope.countyName,
      from: scope.period.from ?? cells.grid[sel.first] ?? null,
      to: scope.period.to,
      asOf: scope.period.asOf,
      periodAdjusted: scope.period.adjusted,
      ...figures,
      unmetDemandAsOf: cells.unmet ? scope.period.asOf : null,
      targets,
    };
  }

  /**
   * Metrics per week or month for one scope (flows counted in the bucket they happened in).
   * Only whole buckets: the period is rounded to them.
   */
  async timeseriesTable(
    scope: MonitoringScope,
    metrics: readonly TimeseriesMetric[] = TIMESERIES_METRICS,
  ): Promise<TimeseriesTable> {
    const { cells, sel } = await this.load(scope);
    return this.tableOf(scope, cells, sel, metrics);
  }

  private tableOf(
    scope: MonitoringScope,
    cells: MonitoringCells,
    sel: FigureSelection,
    metrics: readonly TimeseriesMetric[] = TIMESERIES_METRICS,
  ): TimeseriesTable {
    return {
      interval: scope.interval,
      scope: {
        countyCode: scope.countyCode,
        countyName: scope.countyName,
        from: cells.grid[sel.first],
        to: scope.period.to,
        asOf: scope.period.asOf,
      },
      buckets: timeseriesFigures(cells, sel, metrics),
    };
  }

  /** The summary and the series of the same period from one reading (CSV, dashboard). */
  async report(
    scope: MonitoringScope,
  ): Promise<{ summary: MonitoringSummary; series: TimeseriesTable }> {
    const [{ cells, sel }, targets] = await Promise.all([this.load(scope), this.targets(scope)]);
    const summary = this.summaryOf(scope, cells, sel, targets);
    return { summary, series: this.tableOf(scope, cells, sel) };
  }

  /** One metric of the table (GET /api/v1/monitoring/timeseries). */
  timeseries(table: TimeseriesTable, metric: TimeseriesMetric): MonitoringTimeseries {
    return {
      metric,
      interval: table.interval,
      countyCode: table.scope.countyCode,
      countyName: table.scope.countyName,
      from: table.scope.from,
      to: table.scope.to,
      asOf: table.scope.asOf,
      points: table.buckets.map((b) => ({ start: b.start, value: b[metric] ?? null })),
    };
  }

  /**
   * The targets of the county (all counties for a nationwide scope), each with its actual
   * over the target's own period, as of its end or the scope's latest day (regional staff:
   * the end of the last completed month), whichever is first.
   */
  async targets(scope: MonitoringScope): Promise<TargetView[]> {
    const countyCode = scope.countyCode;
    const rows: TargetRow[] = await this.db.query(
      `SELECT t.id, t.county_code::text AS county_code, c.name AS county_name, t.metric, t.name,
              t.unit, t.target::float8 AS target,
              to_char(t.period_start, 'YYYY-MM-DD') AS period_start,
              to_char(t.period_end, 'YYYY-MM-DD') AS period_end
         FROM region_target t JOIN county c ON c.code = t.county_code
        ${countyCode ? 'WHERE t.county_code = $1' : ''}
        ORDER BY t.county_code, t.id`,
      countyCode ? [countyCode] : [],
    );
    const latest =
      scope.audience === 'regional'
        ? addDays(scope.period.lastPublished, 1)
        : addDays(swedishToday(), 1);
    const actuals = new Map<string, Promise<TargetActualsRow>>();
    return Promise.all(
      rows.map(async (row) => {
        const end = row.period_end ? addDays(row.period_end, 1) : latest;
        const asOf = end < latest ? end : latest;
        const key = `${row.county_code}|${row.period_start}|${asOf}`;
        if (!actuals.has(key)) actuals.set(key, this.targetActuals(row, asOf));
        const a = await actuals.get(key)!;
        const { actual, basis } = targetActual(row.metric, a);
        return {
          id: row.id,
          countyCode: row.county_code,
          countyName: row.county_name,
          metric: row.metric,
          name: row.name,
          unit: row.unit,
          target: Number(row.target),
          actual,
          basis,
          asOf,
          periodStart: row.period_start,
          periodEnd: row.period_end,
        };
      }),
    );
  }

  /**
   * As named: employers of the county in a joint initiative (≥ 2 employers, anywhere); venue
   * municipalities of the county's joint initiatives; employers in approved ESF drafts; the
   * gender split of the county's initiatives (completed participants once any has an outcome).
   * Initiatives approved in the target period and not cancelled before `asOf`.
   */
  private async targetActuals(row: TargetRow, asOf: string): Promise<TargetActualsRow> {
    const p: unknown[] = [row.county_code, asOf];
    const t = `($2::date::timestamp AT TIME ZONE '${TZ}')`;
    const start = row.period_start
      ? (p.push(row.period_start), `AND i.created_at >= ($3::date::timestamp AT TIME ZONE '${TZ}')`)
      : '';
    const draftStart = row.period_start
      ? `AND d.approved_at >= ($3::date::timestamp AT TIME ZONE '${TZ}')`
      : '';
    const [actuals]: TargetActualsRow[] = await this.db.query(
      `WITH live AS MATERIALIZED (
         SELECT i.id, i.venue_municipality_code, vm.county_code AS venue_county, i.status,
                i.status_changed_at, i.participants_women, i.participants_men,
                i.completed_women, i.completed_men
           FROM initiative i JOIN municipality vm ON vm.code = i.venue_municipality_code
          WHERE i.created_at < ${t} ${start}
            AND (i.status <> 'cancelled' OR i.status_changed_at >= ${t})
       ),
       ie AS MATERIALIZED (
         SELECT DISTINCT l.id, n.employer_id, n.county_code AS need_county
           FROM live l JOIN initiative_need inn ON inn.initiative_id = l.id JOIN need n ON n.id = inn.need_id
       ),
       joint AS MATERIALIZED (SELECT id FROM ie GROUP BY id HAVING count(DISTINCT employer_id) >= 2),
       done AS MATERIALIZED (
         SELECT l.* FROM live l
          WHERE l.venue_county = $1 AND l.status = 'completed' AND l.status_changed_at < ${t}
            AND l.completed_women IS NOT NULL
       )
       SELECT
         (SELECT count(DISTINCT employer_id) FROM ie
           WHERE need_county = $1 AND id IN (SELECT id FROM joint))::int AS employers_with_initiative,
         (SELECT count(DISTINCT venue_municipality_code) FROM live
           WHERE venue_county = $1 AND id IN (SELECT id FROM joint))::int AS municipalities_with_initiative,
         (SELECT count(DISTINCT ie.employer_id) FROM ie JOIN live l ON l.id = ie.id
           WHERE l.venue_county = $1)::int AS venue_employers,
         (SELECT count(DISTINCT x.employer_id)
            FROM project_draft_snapshot d, unnest(d.employer_ids) AS x(employer_id)
           WHERE d.county_code = $1 AND d.approved_at < ${t} ${draftStart}
         )::int AS employers_in_approved_esf_draft,
         (SELECT coalesce(sum(participants_women), 0) FROM live WHERE venue_county = $1)::int
           AS approved_women,
         (SELECT coalesce(sum(participants_men), 0) FROM live WHERE venue_county = $1)::int
           AS approved_men,
         (SELECT count(*) FROM done)::int AS completed_initiatives,
         (SELECT coalesce(sum(completed_women), 0) FROM done)::int AS completed_women,
         (SELECT coalesce(sum(completed_men), 0) FROM done)::int AS completed_men,
         (SELECT count(DISTINCT ie.employer_id) FROM ie JOIN done ON done.id = ie.id)::int
           AS completed_employers`,
      p,
    );
    return actuals;
  }
}

function targetActual(
  metric: RegionTargetMetric,
  a: TargetActualsRow,
): { actual: Protected<number | null>; basis: TargetView['basis'] } {
  const guard = <T extends number | null>(value: T, employers: number) =>
    protectSmallCount(employers, value);
  switch (metric) {
    case 'employers_with_initiative':
      return {
        actual: guard(a.employers_with_initiative, a.employers_with_initiative),
        basis: null,
      };
    case 'municipalities_with_initiative':
      return {
        actual: guard(a.municipalities_with_initiative, a.venue_employers),
        basis: null,
      };
    case 'employers_in_approved_esf_draft':
      return {
        actual: guard(a.employers_in_approved_esf_draft, a.employers_in_approved_esf_draft),
        basis: null,
      };
    case 'underrepresented_gender_share': {
      const completed = a.completed_initiatives > 0;
      const women = completed ? num(a.completed_women) : num(a.approved_women);
      const men = completed ? num(a.completed_men) : num(a.approved_men);
      const share = women + men > 0 ? round((Math.min(women, men) / (women + men)) * 100, 1) : null;
      return {
        actual: guard(share, completed ? a.completed_employers : a.venue_employers),
        basis: completed ? 'completed' : 'approved',
      };
    }
  }
}
