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
  TIMESERIES_METRICS,
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
 * Needs committed to a live (not cancelled) initiative, with the time it was approved: a need
 * is "matched" while this holds. At most one row per need (a unique index guarantees it).
 */
const LIVE_MATCH = `
  SELECT inn.need_id, i.created_at AS matched_at
    FROM initiative_need inn
    JOIN initiative i ON i.id = inn.initiative_id AND i.status <> 'cancelled'
   WHERE inn.committed`;

/**
 * An initiative's needs are exactly those of the proposal it was approved from, and
 * proposal_need carries each need's employer and municipality: joining it spares a pass over
 * every need of the country.
 */
const INITIATIVE_NEEDS = `JOIN proposal_need pn ON pn.proposal_id = i.proposal_id`;

/** A need has been "proposed" once it has been in any proposal, so the funnel only narrows. */
const PROPOSED = `(m.need_id IS NOT NULL OR n.status IN ('proposed', 'matched')
  OR n.id IN (SELECT pn.need_id FROM proposal_need pn))`;

/** Shown (≥ 3 employers) before suppressed, the largest first; suppressed ones by key only. */
const rankOrder = (...keys: string[]) => `(count(*) >= ${SUPPRESSION_THRESHOLD}) DESC,
  CASE WHEN count(*) >= ${SUPPRESSION_THRESHOLD} THEN sum(participants) END DESC NULLS LAST,
  ${keys.join(', ')}`;

/** The same order in TypeScript (the label joins do not keep SQL's order). */
function byRank(a: UnmetRow, b: UnmetRow): number {
  const shown = (r: UnmetRow) => r.employers >= SUPPRESSION_THRESHOLD;
  if (shown(a) !== shown(b)) return shown(a) ? -1 : 1;
  if (shown(a) && a.participants !== b.participants) return b.participants - a.participants;
  const key = (r: UnmetRow) => `${r.competence_id ?? ''}|${r.municipality_code ?? ''}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

const MEDIAN_DAYS = `percentile_cont(0.5) WITHIN GROUP (
  ORDER BY extract(epoch FROM m.matched_at - n.created_at) / 86400)`;

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
  'employers' | 'needs' | 'participants' | 'matched' | 'matched_employers'
> & { bucket: string; sme_employers?: number };

interface MedianRow {
  bucket: string;
  median_days: number;
  matched_employers: number;
}

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
   * Metrics per week or month for one scope, by the week/month the needs were received
   * (initiatives: approved). `from` defaults to one year before `to` (default: today). Only the
   * queries the asked-for metrics need are run.
   */
  async timeseriesTable(
    scope: MonitoringScope,
    interval: MonitoringInterval,
    metrics: readonly TimeseriesMetric[] = TIMESERIES_METRICS,
    today = swedishToday(),
  ): Promise<TimeseriesTable> {
    const period = timeseriesPeriod(
      interval,
      today,
      scope.from ?? undefined,
      scope.to ?? undefined,
    );
    const ranged = { ...scope, ...period };
    const wants = (...names: TimeseriesMetric[]) => names.some((m) => metrics.includes(m));
    // Grouped by the truncated timestamp; formatted only once per bucket, after aggregating.
    const truncated = (column: string) =>
      `date_trunc('${interval}', ${column} AT TIME ZONE '${TZ}')`;
    const bucketOf = (column: string) => `to_char(${truncated(column)}, 'YYYY-MM-DD')`;
    const none = Promise.resolve([]);

    const needParams = new Params();
    const needWhere = whereClause(
      scopeConditions(needParams, ranged, 'n.county_code', 'n.created_at'),
    );
    const sme = wants('smeShare');
    const matched = wants('matchedNeeds', 'matchRate');
    const needRows: Promise<BucketRow[]> = wants(
      'needs',
      'participantsRequested',
      'matchedNeeds',
      'matchRate',
      'smeShare',
    )
      ? this.db.query(
          `SELECT to_char(p.bucket, 'YYYY-MM-DD') AS bucket, count(*)::int AS employers,
                  sum(p.needs)::int AS needs, sum(p.participants)::int AS participants,
                  sum(p.matched)::int AS matched,
                  count(*) FILTER (WHERE p.matched > 0)::int AS matched_employers
                  ${sme ? `, count(*) FILTER (WHERE e.size_band <> '250+')::int AS sme_employers` : ''}
             FROM (SELECT ${truncated('n.created_at')} AS bucket, n.employer_id, count(*) AS needs,
                          sum(n.participants_total) AS participants,
                          ${matched ? 'count(m.need_id)' : '0'} AS matched
                     FROM need n
                     ${matched ? `LEFT JOIN (${LIVE_MATCH}) m ON m.need_id = n.id` : ''}
                    ${needWhere}
                    GROUP BY 1, 2) p
             ${sme ? 'JOIN employer e ON e.id = p.employer_id' : ''}
            GROUP BY p.bucket`,
          needParams.values,
        )
      : none;

    const medianParams = new Params();
    const medianRows: Promise<MedianRow[]> = wants('medianDaysToMatch')
      ? this.db.query(
          `SELECT to_char(${truncated('n.created_at')}, 'YYYY-MM-DD') AS bucket,
                  ${MEDIAN_DAYS} AS median_days,
                  count(DISTINCT n.employer_id)::int AS matched_employers
             FROM need n JOIN (${LIVE_MATCH}) m ON m.need_id = n.id
            ${whereClause(scopeConditions(medianParams, ranged, 'n.county_code', 'n.created_at'))}
            GROUP BY ${truncated('n.created_at')}`,
          medianParams.values,
        )
      : none;

    const initiativeParams = new Params();
    const initiativeRows: Promise<{ bucket: string; initiatives: number; employers: number }[]> =
      wants('initiatives')
        ? this.db.query(
            `SELECT ${bucketOf('i.created_at')} AS bucket, count(DISTINCT i.id)::int AS initiatives,
                    count(DISTINCT pn.employer_id)::int AS employers
               FROM initiative i ${INITIATIVE_NEEDS}
              ${whereClause([
                ...scopeConditions(initiativeParams, ranged, 'i.county_code', 'i.created_at'),
                `i.status <> 'cancelled'`,
              ])}
              GROUP BY 1`,
            initiativeParams.values,
          )
        : none;

    const [needs, medians, initiatives] = await Promise.all([needRows, medianRows, initiativeRows]);
    const needsBy = new Map(needs.map((r) => [r.bucket, r]));
    const mediansBy = new Map(medians.map((r) => [r.bucket, r]));
    const initiativesBy = new Map(initiatives.map((r) => [r.bucket, r]));
    return {
      interval,
      scope: ranged,
      buckets: bucketStarts(interval, ranged.from, ranged.to).map((start) => {
        const n = needsBy.get(start);
        const md = mediansBy.get(start);
        const i = initiativesBy.get(start);
        const e = n?.employers ?? 0;
        const matchedEmployers = n?.matched_employers ?? 0;
        const all: Record<TimeseriesMetric, Protected<number | null>> = {
          needs: guard(n?.needs ?? 0, e),
          participantsRequested: guard(n?.participants ?? 0, e),
          matchedNeeds: guard(n?.matched ?? 0, e, matchedEmployers),
          matchRate: guard(n ? ratio(n.matched, n.needs) : null, e, matchedEmployers),
          medianDaysToMatch: guard(
            md ? round(Number(md.median_days), 1) : null,
            md?.matched_employers ?? 0,
          ),
          smeShare: guard(n ? ratio(n.sme_employers ?? 0, n.employers) : null, e),
          initiatives: guard(i?.initiatives ?? 0, i?.employers ?? 0),
        };
        const bucket: TimeseriesTable['buckets'][number] = { start };
        for (const metric of metrics) bucket[metric] = all[metric];
        return bucket;
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
      points: table.buckets.map((b) => ({ start: b.start, value: b[metric] ?? null })),
    };
  }

  /**
   * One pass over the needs grouped by employer: distinct employers are counted by hashing, the
   * employer table is joined once per employer, and the days to match ride along for the median.
   */
  private async needFigures(scope: MonitoringScope): Promise<NeedFiguresRow> {
    const params = new Params();
    const needWhere = whereClause(scopeConditions(params, scope, 'n.county_code', 'n.created_at'));
    const [row]: NeedFiguresRow[] = await this.db.query(
      `WITH p AS MATERIALIZED (
         SELECT n.employer_id, count(*) AS needs, sum(n.participants_total) AS participants,
                sum(n.participants_women) AS women, sum(n.participants_men) AS men,
                count(*) FILTER (WHERE ${PROPOSED}) AS proposed, count(m.need_id) AS matched,
                array_agg(extract(epoch FROM m.matched_at - n.created_at) / 86400)
                  FILTER (WHERE m.need_id IS NOT NULL) AS days_to_match
           FROM need n LEFT JOIN (${LIVE_MATCH}) m ON m.need_id = n.id
          ${needWhere}
          GROUP BY n.employer_id
       )
       SELECT count(*)::int AS employers, coalesce(sum(p.needs), 0)::int AS needs,
              coalesce(sum(p.participants), 0)::int AS participants,
              coalesce(sum(p.women), 0)::int AS women, coalesce(sum(p.men), 0)::int AS men,
              count(*) FILTER (WHERE e.size_band <> '250+')::int AS sme_employers,
              coalesce(sum(p.proposed), 0)::int AS proposed,
              count(*) FILTER (WHERE p.proposed > 0)::int AS proposed_employers,
              coalesce(sum(p.matched), 0)::int AS matched,
              count(*) FILTER (WHERE p.matched > 0)::int AS matched_employers,
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d)
                 FROM p, unnest(p.days_to_match) AS d) AS median_days
         FROM p JOIN employer e ON e.id = p.employer_id`,
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
    // Distinct employers are counted by grouping first (hashing), not with count(DISTINCT).
    return this.db.query(
      `WITH pooled AS MATERIALIZED (
         SELECT i.id, i.status, pn.employer_id
           FROM initiative i ${INITIATIVE_NEEDS}
          ${whereClause(scopeConditions(params, scope, 'i.county_code', 'i.created_at'))}
          GROUP BY 1, 2, 3
       ),
       sized AS MATERIALIZED (
         SELECT p.id, p.status, count(*)::int AS k FROM pooled p GROUP BY p.id, p.status
       )
       SELECT 'status' AS dim, s.status AS key, s.initiatives, e.employers, NULL::float8 AS mean
         FROM (SELECT status, count(*)::int AS initiatives FROM sized GROUP BY status) s
         JOIN (SELECT status, count(*)::int AS employers
                 FROM (SELECT DISTINCT status, employer_id FROM pooled) d GROUP BY status) e
           ON e.status = s.status
       UNION ALL
       SELECT 'size', s.k::text, s.initiatives, e.employers, NULL
         FROM (SELECT k, count(*)::int AS initiatives FROM sized WHERE status <> 'cancelled' GROUP BY k) s
         JOIN (SELECT k, count(*)::int AS employers
                 FROM (SELECT DISTINCT z.k, p.employer_id FROM pooled p JOIN sized z ON z.id = p.id
                        WHERE p.status <> 'cancelled') d GROUP BY k) e
           ON e.k = s.k
       UNION ALL
       SELECT 'live', NULL, (SELECT count(*)::int FROM sized WHERE status <> 'cancelled'),
              (SELECT count(*)::int FROM (SELECT DISTINCT employer_id FROM pooled
                                           WHERE status <> 'cancelled') d),
              (SELECT avg(k)::float8 FROM sized WHERE status <> 'cancelled')`,
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
      `WITH u AS NOT MATERIALIZED (
         -- Inlined where used, so the join hashes these needs rather than every need_competence.
         SELECT n.id, n.employer_id, n.participants_total, n.municipality_code::text AS municipality_code
           FROM need n ${whereClause(conditions)}
       ),
       -- One row per competence, municipality and employer: employers then count as rows.
       per_employer AS MATERIALIZED (
         SELECT nc.competence_id, u.municipality_code, u.employer_id,
                sum(u.participants_total)::int AS participants
           FROM u JOIN need_competence nc ON nc.need_id = u.id
          GROUP BY 1, 2, 3
       ),
       -- Per level the largest groups first, suppressed ones last (ordered by key, not size).
       ranked AS (
         (SELECT 0 AS level, competence_id, municipality_code, count(*)::int AS employers,
                 sum(participants)::int AS participants
            FROM per_employer GROUP BY competence_id, municipality_code
           ORDER BY ${rankOrder('competence_id', 'municipality_code')} LIMIT ${UNMET_DEMAND_LIMIT})
         UNION ALL
         (SELECT 1, competence_id, NULL, count(*)::int AS employers, sum(participants)::int AS participants
            FROM (SELECT competence_id, employer_id, sum(participants) AS participants
                    FROM per_employer GROUP BY 1, 2) x
           GROUP BY competence_id
           ORDER BY ${rankOrder('competence_id')} LIMIT ${UNMET_BY_DIMENSION_LIMIT})
         UNION ALL
         (SELECT 2, NULL, municipality_code, count(*)::int AS employers,
                 sum(participants)::int AS participants
            FROM (SELECT municipality_code, employer_id, sum(participants_total) AS participants
                    FROM u GROUP BY 1, 2) x
           GROUP BY municipality_code
           ORDER BY ${rankOrder('municipality_code')} LIMIT ${UNMET_BY_DIMENSION_LIMIT})
       )
       SELECT r.level, r.competence_id, c.label AS competence_label, r.municipality_code,
              m.name AS municipality_name, r.employers, r.participants
         FROM ranked r
         LEFT JOIN competence c ON c.id = r.competence_id
         LEFT JOIN municipality m ON m.code = r.municipality_code`,
      params.values,
    );
    rows.sort(byRank);
    const figures = (r: UnmetRow) => ({
      employers: guard(r.employers, r.employers),
      participants: guard(r.participants, r.employers),
    });
    const competence = (r: UnmetRow) => ({
      competenceId: r.competence_id!,
      competenceLabel: r.competence_label ?? r.competence_id!,
    });
    const municipality = (r: UnmetRow) => ({
      municipalityCode: r.municipality_code!,
      municipalityName: r.municipality_name ?? r.municipality_code!,
    });
    const level = (n: number) => rows.filter((r) => r.level === n);
    return {
      unmetDemand: level(0).map((r) => ({ ...competence(r), ...municipality(r), ...figures(r) })),
      unmetByCompetence: level(1).map((r) => ({ ...competence(r), ...figures(r) })),
      unmetByMunicipality: level(2).map((r) => ({ ...municipality(r), ...figures(r) })),
    };
  }

  /**
   * ESF project drafts, by status and together: living drafts with content created in the period
   * (`draft`) and versions approved in it (`approved`).
   */
  private async draftFigures(
    scope: MonitoringScope,
  ): Promise<{ status: string | null; drafts: number; employers: number }[]> {
    const params = new Params();
    return this.db.query(
      `WITH d AS MATERIALIZED (
         SELECT d.id, 'draft' AS status, d.employer_ids FROM project_draft d
          ${whereClause([
            ...scopeConditions(params, scope, 'd.county_code', 'd.created_at'),
            `d.status = 'draft'`,
          ])}
         UNION ALL
         SELECT s.id::text, 'approved', s.employer_ids FROM project_draft_snapshot s
          ${whereClause(scopeConditions(params, scope, 's.county_code', 's.approved_at'))}
       ),
       e AS MATERIALIZED (SELECT DISTINCT d.status, x.employer_id
                            FROM d, unnest(d.employer_ids) AS x(employer_id))
       SELECT d.status, count(*)::int AS drafts,
              (SELECT count(*)::int FROM e WHERE e.status = d.status) AS employers
         FROM d GROUP BY d.status
       UNION ALL
       SELECT NULL, (SELECT count(*)::int FROM d),
              (SELECT count(DISTINCT employer_id)::int FROM e)`,
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
    const draftWhere = whereClause(
      scopeConditions(params, period, 'd.county_code', 'd.approved_at'),
    );
    const [actuals]: TargetActualsRow[] = await this.db.query(
      `WITH live AS MATERIALIZED (
         SELECT i.id, i.proposal_id, i.participants_women, i.participants_men
           FROM initiative i ${initiativeWhere}
       ),
       pooled AS (
         SELECT DISTINCT pn.employer_id, pn.municipality_code FROM live i ${INITIATIVE_NEEDS}
       )
       SELECT (SELECT count(DISTINCT employer_id) FROM pooled)::int AS employers_with_initiative,
              (SELECT count(DISTINCT municipality_code) FROM pooled)::int
                AS municipalities_with_initiative,
              (SELECT count(DISTINCT x.employer_id)
                 FROM project_draft_snapshot d, unnest(d.employer_ids) AS x(employer_id) ${draftWhere})::int
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
