import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@km/auth';
import { InvalidInputError, protectSmallCount, SUPPRESSION_THRESHOLD } from '@km/common';
import { OutOfScopeError } from '@km/initiatives';
import { swedishToday } from '@km/needs';
import { RegionTargetMetric } from '@km/reference';
import { NATIONWIDE_SV } from './monitoring-labels';
import {
  bucketStarts,
  checkPeriod,
  MonitoringInterval,
  timeseriesPeriod,
} from './monitoring-period';
import {
  MonitoringQuery,
  MonitoringScope,
  MonitoringSummary,
  MonitoringTimeseries,
  Protected,
  TargetView,
  TimeseriesMetric,
  TimeseriesTable,
  UnmetByCompetenceRow,
  UnmetByMunicipalityRow,
  UnmetDemandRow,
} from './monitoring.types';

const TZ = 'Europe/Stockholm';
/** Rows of the unmet-demand lists: the largest first, suppressed rows after them. */
export const UNMET_DEMAND_LIMIT = 100;
export const UNMET_BY_DIMENSION_LIMIT = 20;

/** A figure is suppressed when any of the employer counts it was built from is 1 or 2. */
function guard<T extends number | null>(value: T, ...employerCounts: number[]): Protected<T> {
  let result: Protected<T> = value;
  for (const employers of employerCounts) result = protectSmallCount(employers, result as T);
  return result;
}

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};
const ratio = (part: number, whole: number, decimals = 4) =>
  whole > 0 ? round(part / whole, decimals) : null;
const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** Positional SQL parameters, numbered as they are added. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** SQL conditions for "in this county, created within this period" (Stockholm days). */
function scopeConditions(
  params: Params,
  scope: Pick<MonitoringScope, 'countyCode' | 'from' | 'to'>,
  countyColumn: string,
  timeColumn: string,
): string[] {
  const where: string[] = [];
  if (scope.countyCode) where.push(`${countyColumn} = ${params.add(scope.countyCode)}`);
  if (scope.from) {
    where.push(
      `${timeColumn} >= (${params.add(scope.from)}::date::timestamp AT TIME ZONE '${TZ}')`,
    );
  }
  if (scope.to) {
    where.push(
      `${timeColumn} < ((${params.add(scope.to)}::date + 1)::timestamp AT TIME ZONE '${TZ}')`,
    );
  }
  return where;
}

const whereClause = (conditions: string[]) =>
  conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';

/**
 * The needs in scope, each with its employer's SME flag and, once matched, the time its live
 * initiative was approved. A need is "matched" while it is committed to an initiative that is
 * not cancelled; "proposed" once it has been in any proposal (so the funnel only narrows).
 */
function scopedNeedsSql(conditions: string[], extra: { proposed?: boolean; bucket?: string }) {
  return `
    SELECT n.id, n.employer_id, n.participants_total, n.participants_women, n.participants_men,
           n.created_at, e.size_band <> '250+' AS sme, i.created_at AS matched_at
           ${
             extra.proposed
               ? `, (i.id IS NOT NULL OR n.status IN ('proposed', 'matched')
                     OR EXISTS (SELECT 1 FROM proposal_need pn WHERE pn.need_id = n.id)) AS proposed`
               : ''
           }
           ${extra.bucket ? `, ${extra.bucket} AS bucket` : ''}
      FROM need n
      JOIN employer e ON e.id = n.employer_id
      LEFT JOIN initiative_need inn ON inn.need_id = n.id AND inn.committed
      LEFT JOIN initiative i ON i.id = inn.initiative_id AND i.status <> 'cancelled'
     ${whereClause(conditions)}`;
}

const MEDIAN_DAYS = `percentile_cont(0.5) WITHIN GROUP (
  ORDER BY extract(epoch FROM x.matched_at - x.created_at) / 86400)`;

interface NeedFiguresRow {
  employers: number;
  needs: number;
  participants: number;
  women: number;
  men: number;
  sme_employers: number;
  proposed: number;
  proposed_employers: number;
  matched: number;
  matched_employers: number;
  median_days: number | null;
}

type BucketRow = Pick<
  NeedFiguresRow,
  'employers' | 'needs' | 'participants' | 'sme_employers' | 'matched' | 'matched_employers'
> & { bucket: string; median_days: number | null };

interface InitiativeFiguresRow {
  dim: 'status' | 'size' | 'live';
  key: string | null;
  initiatives: number;
  employers: number;
  mean: number | null;
}

interface UnmetRow {
  level: number;
  competence_id: string | null;
  competence_label: string | null;
  municipality_code: string | null;
  municipality_name: string | null;
  employers: number;
  participants: number;
}

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
  employers_in_approved_esf_draft: number;
  women: number;
  men: number;
}

/**
 * Regional outcome figures, computed in SQL over the live tables. Every figure carries
 * small-count protection: built from 1 or 2 employers, it is "<3".
 */
@Injectable()
export class MonitoringService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The county and period a caller may see: regional staff their own county (another is a 403),
   * admins any county or, without one, the whole country.
   * @throws InvalidInputError (400) for a bad date, period or unknown county; OutOfScopeError (403).
   */
  async resolveScope(user: AuthUser, query: MonitoringQuery): Promise<MonitoringScope> {
    const period = checkPeriod(query.from, query.to);
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
    if (!countyCode) return { countyCode: null, countyName: NATIONWIDE_SV, ...period };
    const rows: { name: string }[] = await this.db.query(
      `SELECT name FROM county WHERE code = $1`,
      [countyCode],
    );
    if (rows.length === 0) {
      throw new InvalidInputError([
        { field: 'countyCode', message: `countyCode ${countyCode} is not a known county` },
      ]);
    }
    return { countyCode, countyName: rows[0].name, ...period };
  }

  /** Every summary figure for one scope (api.md: GET /monitoring/summary). */
  async summary(scope: MonitoringScope): Promise<MonitoringSummary> {
    const [needs, initiatives, unmet, drafts, targets] = await Promise.all([
      this.needFigures(scope),
      this.initiativeFigures(scope),
      this.unmetDemand(scope),
      this.draftFigures(scope),
      this.targets(scope.countyCode),
    ]);
    const live = initiatives.find((r) => r.dim === 'live') ?? {
      initiatives: 0,
      employers: 0,
      mean: null,
    };
    const byStatus = (status: string) => {
      const row = initiatives.find((r) => r.dim === 'status' && r.key === status);
      return row ? guard(row.initiatives, row.employers) : 0;
    };
    const draftRow = (status: string | null) => drafts.find((r) => r.status === status);
    const draftCount = (status: string | null) => {
      const row = draftRow(status);
      return row ? guard(row.drafts, row.employers) : 0;
    };
    const e = needs.employers;
    const notStated = needs.participants - needs.women - needs.men;
    return {
      countyCode: scope.countyCode,
      countyName: scope.countyName,
      from: scope.from,
      to: scope.to,
      employers: guard(e, e),
      needs: guard(needs.needs, e),
      participantsRequested: guard(needs.participants, e),
      matchedNeeds: guard(needs.matched, e, needs.matched_employers),
      matchRate: guard(ratio(needs.matched, needs.needs), e, needs.matched_employers),
      medianDaysToMatch: guard(
        needs.median_days === null ? null : round(Number(needs.median_days), 1),
        needs.matched_employers,
      ),
      funnel: {
        received: guard(needs.needs, e),
        proposed: guard(needs.proposed, e, needs.proposed_employers),
        matched: guard(needs.matched, e, needs.matched_employers),
      },
      initiatives: guard(live.initiatives, live.employers),
      initiativesByStatus: {
        planned: byStatus('planned'),
        running: byStatus('running'),
        completed: byStatus('completed'),
        cancelled: byStatus('cancelled'),
      },
      employersPerInitiative: guard(
        live.mean === null ? null : round(Number(live.mean), 2),
        live.employers,
      ),
      employersPerInitiativeDistribution: initiatives
        .filter((r) => r.dim === 'size')
        .map((r) => ({ employers: Number(r.key), initiatives: guard(r.initiatives, r.employers) }))
        .sort((a, b) => a.employers - b.employers),
      pooledEmployers: guard(live.employers, live.employers),
      smeShare: guard(ratio(needs.sme_employers, e), e),
      participantsByGender: {
        women: guard(needs.women, e),
        men: guard(needs.men, e),
        notStated: guard(notStated, e),
      },
      ...unmet,
      projectDrafts: draftCount(null),
      projectDraftsByStatus: { draft: draftCount('draft'), approved: draftCount('approved') },
      targets,
      smallCountThreshold: SUPPRESSION_THRESHOLD,
    };
  }

  /**
   * Every metric per week or month for one scope, by the week/month the needs were received
   * (initiatives: approved). `from` defaults to one year before `to` (default: today).
   */
  async timeseriesTable(
    scope: MonitoringScope,
    interval: MonitoringInterval,
    today = swedishToday(),
  ): Promise<TimeseriesTable> {
    const period = timeseriesPeriod(
      interval,
      today,
      scope.from ?? undefined,
      scope.to ?? undefined,
    );
    const ranged = { ...scope, ...period };
    const bucketOf = (column: string) =>
      `to_char(date_trunc('${interval}', ${column} AT TIME ZONE '${TZ}'), 'YYYY-MM-DD')`;

    const needParams = new Params();
    const needSql = `
      WITH x AS MATERIALIZED (${scopedNeedsSql(
        scopeConditions(needParams, ranged, 'n.county_code', 'n.created_at'),
        { bucket: bucketOf('n.created_at') },
      )}),
      per_employer AS (
        SELECT x.bucket, x.employer_id, bool_or(x.sme) AS sme, count(*) AS needs,
               sum(x.participants_total) AS participants, count(x.matched_at) AS matched
          FROM x GROUP BY x.bucket, x.employer_id
      ),
      medians AS (
        SELECT x.bucket, ${MEDIAN_DAYS} AS median_days
          FROM x WHERE x.matched_at IS NOT NULL GROUP BY x.bucket
      )
      SELECT p.bucket, count(*)::int AS employers, sum(p.needs)::int AS needs,
             sum(p.participants)::int AS participants,
             count(*) FILTER (WHERE p.sme)::int AS sme_employers,
             sum(p.matched)::int AS matched,
             count(*) FILTER (WHERE p.matched > 0)::int AS matched_employers,
             min(m.median_days) AS median_days
        FROM per_employer p LEFT JOIN medians m ON m.bucket = p.bucket
       GROUP BY p.bucket`;

    const initiativeParams = new Params();
    const initiativeSql = `
      SELECT ${bucketOf('i.created_at')} AS bucket, count(DISTINCT i.id)::int AS initiatives,
             count(DISTINCT n.employer_id)::int AS employers
        FROM initiative i
        JOIN initiative_need inn ON inn.initiative_id = i.id
        JOIN need n ON n.id = inn.need_id
       ${whereClause([
         ...scopeConditions(initiativeParams, ranged, 'i.county_code', 'i.created_at'),
         `i.status <> 'cancelled'`,
       ])}
       GROUP BY 1`;

    const [needRows, initiativeRows] = await Promise.all([
      this.db.query(needSql, needParams.values) as Promise<BucketRow[]>,
      this.db.query(initiativeSql, initiativeParams.values) as Promise<
        { bucket: string; initiatives: number; employers: number }[]
      >,
    ]);
    const needsBy = new Map(needRows.map((r) => [r.bucket, r]));
    const initiativesBy = new Map(initiativeRows.map((r) => [r.bucket, r]));
    return {
      interval,
      scope: ranged,
      buckets: bucketStarts(interval, ranged.from, ranged.to).map((start) => {
        const n = needsBy.get(start);
        const i = initiativesBy.get(start);
        const e = n?.employers ?? 0;
        const matchedEmployers = n?.matched_employers ?? 0;
        return {
          start,
          needs: guard(n?.needs ?? 0, e),
          participantsRequested: guard(n?.participants ?? 0, e),
          matchedNeeds: guard(n?.matched ?? 0, e, matchedEmployers),
          matchRate: guard(n ? ratio(n.matched, n.needs) : null, e, matchedEmployers),
          medianDaysToMatch: guard(
            n?.median_days === null || n?.median_days === undefined
              ? null
              : round(Number(n.median_days), 1),
            matchedEmployers,
          ),
          smeShare: guard(n ? ratio(n.sme_employers, n.employers) : null, e),
          initiatives: guard(i?.initiatives ?? 0, i?.employers ?? 0),
        };
      }),
    };
  }

  /** One metric of the table (api.md: GET /monitoring/timeseries). */
  timeseries(table: TimeseriesTable, metric: TimeseriesMetric): MonitoringTimeseries {
    return {
      metric,
      interval: table.interval,
      countyCode: table.scope.countyCode,
      countyName: table.scope.countyName,
      from: table.scope.from,
      to: table.scope.to,
      points: table.buckets.map((b) => ({ start: b.start, value: b[metric] })),
    };
  }

  private async needFigures(scope: MonitoringScope): Promise<NeedFiguresRow> {
    const params = new Params();
    const [row]: NeedFiguresRow[] = await this.db.query(
      `WITH x AS MATERIALIZED (${scopedNeedsSql(
        scopeConditions(params, scope, 'n.county_code', 'n.created_at'),
        { proposed: true },
      )}),
      per_employer AS (
        SELECT x.employer_id, bool_or(x.sme) AS sme, count(*) AS needs,
               sum(x.participants_total) AS participants, sum(x.participants_women) AS women,
               sum(x.participants_men) AS men, count(*) FILTER (WHERE x.proposed) AS proposed,
               count(x.matched_at) AS matched
          FROM x GROUP BY x.employer_id
      )
      SELECT count(*)::int AS employers, coalesce(sum(p.needs), 0)::int AS needs,
             coalesce(sum(p.participants), 0)::int AS participants,
             coalesce(sum(p.women), 0)::int AS women, coalesce(sum(p.men), 0)::int AS men,
             count(*) FILTER (WHERE p.sme)::int AS sme_employers,
             coalesce(sum(p.proposed), 0)::int AS proposed,
             count(*) FILTER (WHERE p.proposed > 0)::int AS proposed_employers,
             coalesce(sum(p.matched), 0)::int AS matched,
             count(*) FILTER (WHERE p.matched > 0)::int AS matched_employers,
             (SELECT ${MEDIAN_DAYS} FROM x WHERE x.matched_at IS NOT NULL) AS median_days
        FROM per_employer p`,
      params.values,
    );
    return row;
  }

  /**
   * Initiatives approved in the period, by status, by number of employers pooled, and the live
   * (not cancelled) ones together; each with the distinct employers it was built from.
   */
  private async initiativeFigures(scope: MonitoringScope): Promise<InitiativeFiguresRow[]> {
    const params = new Params();
    return this.db.query(
      `WITH pooled AS (
         SELECT DISTINCT i.id, i.status, n.employer_id
           FROM initiative i
           JOIN initiative_need inn ON inn.initiative_id = i.id
           JOIN need n ON n.id = inn.need_id
          ${whereClause(scopeConditions(params, scope, 'i.county_code', 'i.created_at'))}
       ),
       sized AS (SELECT p.id, p.status, count(*)::int AS k FROM pooled p GROUP BY p.id, p.status)
       SELECT 'status' AS dim, p.status AS key, count(DISTINCT p.id)::int AS initiatives,
              count(DISTINCT p.employer_id)::int AS employers, NULL::float8 AS mean
         FROM pooled p GROUP BY p.status
       UNION ALL
       SELECT 'size', s.k::text, count(DISTINCT p.id)::int, count(DISTINCT p.employer_id)::int, NULL
         FROM pooled p JOIN sized s ON s.id = p.id
        WHERE p.status <> 'cancelled' GROUP BY s.k
       UNION ALL
       SELECT 'live', NULL, count(DISTINCT p.id)::int, count(DISTINCT p.employer_id)::int,
              (SELECT avg(s.k) FROM sized s WHERE s.status <> 'cancelled')::float8
         FROM pooled p WHERE p.status <> 'cancelled'`,
      params.values,
    );
  }

  /**
   * Participants of needs the matcher found no fit for, by competence × municipality, by
   * competence and by municipality (a need asking for two competences counts for both).
   */
  private async unmetDemand(scope: MonitoringScope): Promise<{
    unmetDemand: UnmetDemandRow[];
    unmetByCompetence: UnmetByCompetenceRow[];
    unmetByMunicipality: UnmetByMunicipalityRow[];
  }> {
    const params = new Params();
    const conditions = [
      ...scopeConditions(params, scope, 'n.county_code', 'n.created_at'),
      `n.status = 'unmet'`,
    ];
    const rows: UnmetRow[] = await this.db.query(
      `WITH u AS MATERIALIZED (
         SELECT n.id, n.employer_id, n.participants_total, n.municipality_code::text AS municipality_code
           FROM need n ${whereClause(conditions)}
       ),
       grouped AS (
         SELECT CASE WHEN grouping(u.municipality_code) = 1 THEN 1 ELSE 0 END AS level,
                nc.competence_id, u.municipality_code,
                count(DISTINCT u.employer_id)::int AS employers,
                sum(u.participants_total)::int AS participants
           FROM u JOIN need_competence nc ON nc.need_id = u.id
          GROUP BY GROUPING SETS ((nc.competence_id, u.municipality_code), (nc.competence_id))
         UNION ALL
         SELECT 2, NULL, u.municipality_code, count(DISTINCT u.employer_id)::int,
                sum(u.participants_total)::int
           FROM u GROUP BY u.municipality_code
       ),
       ranked AS (
         SELECT g.*, row_number() OVER (
                  PARTITION BY g.level
                  ORDER BY (g.employers >= ${SUPPRESSION_THRESHOLD}) DESC,
                           CASE WHEN g.employers >= ${SUPPRESSION_THRESHOLD} THEN g.participants END
                             DESC NULLS LAST,
                           g.competence_id, g.municipality_code) AS rank
           FROM grouped g
       )
       SELECT r.level, r.competence_id, c.label AS competence_label, r.municipality_code,
              m.name AS municipality_name, r.employers, r.participants
         FROM ranked r
         LEFT JOIN competence c ON c.id = r.competence_id
         LEFT JOIN municipality m ON m.code = r.municipality_code
        WHERE r.rank <= CASE WHEN r.level = 0 THEN ${UNMET_DEMAND_LIMIT}
                             ELSE ${UNMET_BY_DIMENSION_LIMIT} END
        ORDER BY r.level, r.rank`,
      params.values,
    );
    const figures = (r: UnmetRow) => ({
      employers: guard(r.employers, r.employers),
      participants: guard(r.participants, r.employers),
    });
    return {
      unmetDemand: rows
        .filter((r) => r.level === 0)
        .map((r) => ({
          competenceId: r.competence_id!,
          competenceLabel: r.competence_label ?? r.competence_id!,
          municipalityCode: r.municipality_code!,
          municipalityName: r.municipality_name ?? r.municipality_code!,
          ...figures(r),
        })),
      unmetByCompetence: rows
        .filter((r) => r.level === 1)
        .map((r) => ({
          competenceId: r.competence_id!,
          competenceLabel: r.competence_label ?? r.competence_id!,
          ...figures(r),
        })),
      unmetByMunicipality: rows
        .filter((r) => r.level === 2)
        .map((r) => ({
          municipalityCode: r.municipality_code!,
          municipalityName: r.municipality_name ?? r.municipality_code!,
          ...figures(r),
        })),
    };
  }

  /** ESF project drafts (not superseded) created in the period, by status and together. */
  private async draftFigures(
    scope: MonitoringScope,
  ): Promise<{ status: string | null; drafts: number; employers: number }[]> {
    const params = new Params();
    return this.db.query(
      `SELECT CASE WHEN grouping(d.status) = 1 THEN NULL ELSE d.status END AS status,
              count(DISTINCT d.id)::int AS drafts, count(DISTINCT x.employer_id)::int AS employers
         FROM project_draft d
         LEFT JOIN LATERAL unnest(d.employer_ids) AS x(employer_id) ON true
        ${whereClause([
          ...scopeConditions(params, scope, 'd.county_code', 'd.created_at'),
          `d.status <> 'superseded'`,
        ])}
        GROUP BY GROUPING SETS ((d.status), ())`,
      params.values,
    );
  }

  /**
   * The targets of the county (all counties for a nationwide scope), each with its actual figure
   * over the target's own period, not the selected one: a target belongs to a project period.
   */
  async targets(countyCode: string | null): Promise<TargetView[]> {
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
    const actuals = new Map<string, Promise<TargetActualsRow>>();
    const actualsOf = (row: TargetRow) => {
      const key = `${row.county_code}|${row.period_start}|${row.period_end}`;
      if (!actuals.has(key)) actuals.set(key, this.targetActuals(row));
      return actuals.get(key)!;
    };
    return Promise.all(
      rows.map(async (row) => {
        const a = await actualsOf(row);
        return {
          id: row.id,
          countyCode: row.county_code,
          countyName: row.county_name,
          metric: row.metric,
          name: row.name,
          unit: row.unit,
          target: Number(row.target),
          actual: targetActual(row.metric, a),
          periodStart: row.period_start,
          periodEnd: row.period_end,
        };
      }),
    );
  }

  private async targetActuals(row: TargetRow): Promise<TargetActualsRow> {
    const params = new Params();
    const period = { countyCode: row.county_code, from: row.period_start, to: row.period_end };
    const initiativeWhere = whereClause([
      ...scopeConditions(params, period, 'i.county_code', 'i.created_at'),
      `i.status <> 'cancelled'`,
    ]);
    const draftWhere = whereClause([
      ...scopeConditions(params, period, 'd.county_code', 'd.approved_at'),
      `d.status = 'approved'`,
    ]);
    const [actuals]: TargetActualsRow[] = await this.db.query(
      `WITH live AS MATERIALIZED (
         SELECT i.id, i.participants_women, i.participants_men FROM initiative i ${initiativeWhere}
       ),
       pooled AS (
         SELECT DISTINCT n.employer_id, n.municipality_code
           FROM live JOIN initiative_need inn ON inn.initiative_id = live.id AND inn.committed
           JOIN need n ON n.id = inn.need_id
       )
       SELECT (SELECT count(DISTINCT employer_id) FROM pooled)::int AS employers_with_initiative,
              (SELECT count(DISTINCT municipality_code) FROM pooled)::int
                AS municipalities_with_initiative,
              (SELECT count(DISTINCT x.employer_id)
                 FROM project_draft d, unnest(d.employer_ids) AS x(employer_id) ${draftWhere})::int
                AS employers_in_approved_esf_draft,
              (SELECT coalesce(sum(participants_women), 0) FROM live)::int AS women,
              (SELECT coalesce(sum(participants_men), 0) FROM live)::int AS men`,
      params.values,
    );
    return actuals;
  }
}

function targetActual(metric: RegionTargetMetric, a: TargetActualsRow): Protected<number | null> {
  const pooled = a.employers_with_initiative;
  switch (metric) {
    case 'employers_with_initiative':
      return guard(pooled, pooled);
    case 'municipalities_with_initiative':
      return guard(a.municipalities_with_initiative, pooled);
    case 'employers_in_approved_esf_draft':
      return guard(a.employers_in_approved_esf_draft, a.employers_in_approved_esf_draft);
    case 'underrepresented_gender_share': {
      const share = ratio(Math.min(num(a.women), num(a.men)), num(a.women) + num(a.men), 3);
      return guard(share === null ? null : round(share * 100, 1), pooled);
    }
  }
}
