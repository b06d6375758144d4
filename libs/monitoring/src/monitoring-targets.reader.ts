import { DataSource } from 'typeorm';
import { protectSmallCount, swedishToday } from '@km/common';
import { RegionTargetMetric } from '@km/reference';
import { addDays } from './monitoring-period';
import { MonitoringScope, TargetView } from './monitoring.types';

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

/** The region targets of a scope with their actuals, each computed in SQL over its own period. */
export class MonitoringTargetsReader {
  constructor(private readonly db: DataSource) {}

  /**
   * The targets of the county (all counties for a nationwide scope), each with its actual
   * over the target's own period, as of its end or the scope's latest day (regional staff:
   * the end of the last completed month), whichever is first.
   */
  async read(scope: MonitoringScope): Promise<TargetView[]> {
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
        const { actual, basis, gender } = targetActual(row.metric, a);
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
          gender,
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
): Pick<TargetView, 'actual' | 'basis' | 'gender'> {
  const guard = <T extends number | null>(value: T, employers: number) =>
    protectSmallCount(employers, value);
  switch (metric) {
    case 'employers_with_initiative':
      return {
        actual: guard(a.employers_with_initiative, a.employers_with_initiative),
        basis: null,
        gender: null,
      };
    case 'municipalities_with_initiative':
      return {
        actual: guard(a.municipalities_with_initiative, a.venue_employers),
        basis: null,
        gender: null,
      };
    case 'employers_in_approved_esf_draft':
      return {
        actual: guard(a.employers_in_approved_esf_draft, a.employers_in_approved_esf_draft),
        basis: null,
        gender: null,
      };
    case 'underrepresented_gender_share': {
      const completed = a.completed_initiatives > 0;
      const women = completed ? num(a.completed_women) : num(a.approved_women);
      const men = completed ? num(a.completed_men) : num(a.approved_men);
      const share = women + men > 0 ? round((Math.min(women, men) / (women + men)) * 100, 1) : null;
      const actual = guard(share, completed ? a.completed_employers : a.venue_employers);
      return {
        actual,
        basis: completed ? 'completed' : 'approved',
        // Which gender is the smaller one is itself a figure: only shown with the share.
        gender: typeof actual === 'number' ? (women <= men ? 'women' : 'men') : null,
      };
    }
  }
}
