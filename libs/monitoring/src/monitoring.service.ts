import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@km/auth';
import { MonitoringCells } from './monitoring-cells';
import { FigureSelection, summaryFigures, timeseriesFigures } from './monitoring-figures';
import { resolveMonitoringScope, ScopeOptions } from './monitoring-scope';
import { MonitoringScopeReader } from './monitoring-scope.reader';
import { MonitoringTargetsReader } from './monitoring-targets.reader';
import {
  MonitoringQuery,
  MonitoringScope,
  MonitoringSummary,
  MonitoringTimeseries,
  TargetView,
  TIMESERIES_METRICS,
  TimeseriesMetric,
  TimeseriesTable,
} from './monitoring.types';

export type { ScopeOptions } from './monitoring-scope';
export { UNMET_BY_DIMENSION_LIMIT, UNMET_DEMAND_LIMIT } from './monitoring-figures';

/**
 * Regional outcome figures, computed in SQL over the live tables and protected in one place
 * (disclosure-control in @km/common, applied in monitoring-figures): nothing published lets
 * a reader work out a figure built from 1 or 2 employers.
 */
@Injectable()
export class MonitoringService {
  private readonly scopeReader: MonitoringScopeReader;
  private readonly targetsReader: MonitoringTargetsReader;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.scopeReader = new MonitoringScopeReader(db);
    this.targetsReader = new MonitoringTargetsReader(db);
  }

  /**
   * The county and period a caller may see (see resolveMonitoringScope).
   * @throws InvalidInputError (400); OutOfScopeError (403).
   */
  resolveScope(
    user: AuthUser,
    query: MonitoringQuery,
    options: ScopeOptions = {},
  ): Promise<MonitoringScope> {
    return resolveMonitoringScope(this.db, user, query, options);
  }

  /** Every summary figure for one scope (GET /api/v1/monitoring/summary). */
  async summary(scope: MonitoringScope): Promise<MonitoringSummary> {
    const [{ cells, sel }, targets] = await Promise.all([
      this.scopeReader.read(scope),
      this.targets(scope),
    ]);
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
    const { cells, sel } = await this.scopeReader.read(scope);
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
    const [{ cells, sel }, targets] = await Promise.all([
      this.scopeReader.read(scope),
      this.targets(scope),
    ]);
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

  /** The targets of the scope's county (all counties nationwide), each with its actual. */
  targets(scope: MonitoringScope): Promise<TargetView[]> {
    return this.targetsReader.read(scope);
  }
}
