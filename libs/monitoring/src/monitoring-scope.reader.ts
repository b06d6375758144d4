import { DataSource } from 'typeorm';
import { MonitoringCellReader, MonitoringCells } from './monitoring-cells';
import { FigureSelection } from './monitoring-figures';
import { addDays, bucketStart } from './monitoring-period';
import { MonitoringScope } from './monitoring.types';

const TZ = 'Europe/Stockholm';

/**
 * Turns a scope into the parameters of one cell reading (the grid of buckets, the clock, the
 * unmet-demand picture) and reads it; the figures are computed from the cells afterwards.
 */
export class MonitoringScopeReader {
  private readonly cells: MonitoringCellReader;

  constructor(private readonly db: DataSource) {
    this.cells = new MonitoringCellReader(db);
  }

  /**
   * The cells behind every figure of a scope. Regional staff's grid runs from the first data to
   * the last published month, so that blocks and the distinct-count audit see every period the
   * same caller could ask for; an admin's grid is the period itself.
   */
  async read(scope: MonitoringScope): Promise<{ cells: MonitoringCells; sel: FigureSelection }> {
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
}
