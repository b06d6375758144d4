import { DataSource } from 'typeorm';
import { MonitoringInterval } from './monitoring-period';

/** When a need was matched: it joined a planned initiative later (a fill), or at its approval. */
const JOINED = 'coalesce(inn.joined_at, i.created_at)';

const TZ = 'Europe/Stockholm';

/** One figure per bucket: its value and how many distinct employers it was built from. */
export interface BucketFigure {
  value: number[];
  employers: number[];
  /** The employers themselves (ids), for sparse figures: blocks close on their union. */
  members?: string[][];
}

/** Per employer, the indexes of the buckets it contributed to. */
export type Presence = number[][];

export interface UnmetCells {
  rows: {
    competenceId: string;
    competenceLabel: string;
    municipalityCode: string;
    municipalityName: string;
    cells: BucketFigure;
  }[];
  byCompetence: { competenceId: string; competenceLabel: string; cells: BucketFigure }[];
  byMunicipality: { municipalityCode: string; municipalityName: string; cells: BucketFigure }[];
}

/**
 * Everything the published figures are computed from: per bucket (week or month) of a grid,
 * values and employer counts, never a single employer's row. Flows are counted in the bucket
 * the event happened in, so a bucket's cells never change once it has ended.
 */
export interface MonitoringCells {
  grid: string[];
  needs: {
    needs: BucketFigure;
    participants: BucketFigure;
    women: BucketFigure;
    men: BucketFigure;
    notStated: BucketFigure;
  };
  employers: { all: Presence; sme: Presence; large: Presence };
  matched: BucketFigure;
  /** Days from need to approval, per matched need, with the bucket of the approval. */
  matchDays: { bucket: number; days: number }[];
  /** Joint initiatives approved, by employers pooled: 2, 3, 4, 5 or more. */
  bySize: (BucketFigure & { employerSum: number[] })[];
  pooled: Presence;
  completed: BucketFigure;
  cancelled: BucketFigure;
  crossBorder: {
    venueCountyCode: string;
    venueCountyName: string;
    needsCountyCode: string;
    needsCountyName: string;
    cells: BucketFigure;
  }[];
  draftsCreated: BucketFigure;
  draftsApproved: BucketFigure;
  unmet: UnmetCells | null;
}

/** Which data the cells are read from: a county (or all), a time window and a bucket size. */
export interface CellQuery {
  countyCode: string | null;
  interval: MonitoringInterval;
  /** Inclusive first day, or null for all history. */
  from: string | null;
  /** Exclusive: the first day not read. */
  until: string;
  /** The first day of the first bucket of the grid (buckets before the data are empty). */
  gridFrom: string;
  /** The first day of the last bucket of the grid. */
  gridTo: string;
  /** The clock of the unmet-demand table; null: not published for this selection. */
  unmetAsOf: string | null;
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Reads the cells with plain SQL over the live tables (read-only). */
export class MonitoringCellReader {
  constructor(private readonly db: DataSource) {}

  async read(q: CellQuery): Promise<MonitoringCells> {
    const bucket = (column: string) =>
      `to_char(date_trunc('${q.interval}', ${column} AT TIME ZONE '${TZ}'), 'YYYY-MM-DD')`;
    const window = (p: Params, column: string, until = q.until) => {
      const parts = [`${column} < (${p.add(until)}::date::timestamp AT TIME ZONE '${TZ}')`];
      if (q.from) {
        parts.push(`${column} >= (${p.add(q.from)}::date::timestamp AT TIME ZONE '${TZ}')`);
      }
      return parts.join(' AND ');
    };
    const county = (p: Params, column: string) =>
      q.countyCode ? `${column} = ${p.add(q.countyCode)}` : 'true';

    const gridRows: { b: string }[] = await this.db.query(
      `SELECT to_char(g, 'YYYY-MM-DD') AS b
         FROM generate_series($1::date, $2::date, '1 ${q.interval}'::interval) g`,
      [q.gridFrom, q.gridTo],
    );
    const grid = gridRows.map((r) => r.b);
    const index = new Map(grid.map((b, i) => [b, i]));
    const figure = (): BucketFigure => ({
      value: grid.map(() => 0),
      employers: grid.map(() => 0),
    });
    const put = (
      f: BucketFigure,
      b: string,
      value: unknown,
      employers: unknown,
      members?: string[],
    ) => {
      const i = index.get(b);
      if (i === undefined) return;
      f.value[i] += Number(value ?? 0);
      f.employers[i] += Number(employers ?? 0);
      if (members) {
        f.members ??= grid.map(() => []);
        f.members[i].push(...members);
      }
    };
    const presence = (rows: { buckets: string[] }[]): Presence =>
      rows.map((r) =>
        r.buckets.map((b) => index.get(b)).filter((i): i is number => i !== undefined),
      );

    const np = new Params();
    const needWhere = `${county(np, 'n.county_code')} AND ${window(np, 'n.created_at')}`;
    const needPerEmployer = `SELECT ${bucket('n.created_at')} AS b, n.employer_id,
              count(*) AS needs, sum(n.participants_total) AS participants,
              sum(n.participants_women) AS women, sum(n.participants_men) AS men,
              sum(n.participants_total - n.participants_women - n.participants_men) AS not_stated
         FROM need n WHERE ${needWhere} GROUP BY 1, 2`;
    // Who the employers are is only needed where there are 1 or 2 of them in a bucket (a block
    // closes once their union reaches 3); elsewhere the count says enough.
    const few = (filter: string) =>
      `CASE WHEN count(*) FILTER (WHERE ${filter}) < 3
            THEN array_agg(employer_id::text) FILTER (WHERE ${filter}) END`;
    const needRows = this.db.query(
      `SELECT b, count(*)::int AS employers, sum(needs)::int AS needs,
              sum(participants)::int AS participants,
              sum(women)::int AS women, count(*) FILTER (WHERE women > 0)::int AS women_employers,
              sum(men)::int AS men, count(*) FILTER (WHERE men > 0)::int AS men_employers,
              sum(not_stated)::int AS not_stated,
              count(*) FILTER (WHERE not_stated > 0)::int AS not_stated_employers,
              ${few('true')} AS members, ${few('women > 0')} AS women_members,
              ${few('men > 0')} AS men_members, ${few('not_stated > 0')} AS not_stated_members
         FROM (${needPerEmployer}) p GROUP BY b`,
      np.values,
    );
    const employerRows = this.db.query(
      `SELECT e.size_band <> '250+' AS sme, array_agg(p.b) AS buckets
         FROM (${needPerEmployer}) p JOIN employer e ON e.id = p.employer_id
        GROUP BY p.employer_id, e.size_band`,
      np.values,
    );

    // A need is matched in the bucket its initiative was approved in, or it joined a planned
    // one (a fill, issue 21); a need approved again after a cancellation is matched again;
    // counted in the need's county, like the needs.
    const mp = new Params();
    // One row per bucket: the days to match ride along as one array (no row per need).
    const matchedRows = this.db.query(
      `SELECT m.b, count(*)::int AS matched, count(DISTINCT m.employer_id)::int AS employers,
              CASE WHEN count(DISTINCT m.employer_id) < 3
                   THEN array_agg(DISTINCT m.employer_id::text) END AS members,
              array_agg(round(m.days::numeric, 3)) AS days
         FROM (SELECT ${bucket(JOINED)} AS b, n.employer_id,
                      extract(epoch FROM ${JOINED} - n.created_at) / 86400 AS days
                 FROM initiative_need inn
                 JOIN initiative i ON i.id = inn.initiative_id
                 JOIN need n ON n.id = inn.need_id
                -- A need its employer withdrew is matched in no period (issue 22); a cancelled
                -- initiative's needs stay matched where they were (as of the end of the period).
                WHERE ${county(mp, 'n.county_code')} AND ${window(mp, JOINED)}
                  AND n.status <> 'withdrawn') m
        GROUP BY m.b`,
      mp.values,
    );

    // Initiatives count in the county of their venue; their size is the distinct employers
    // of their needs.
    const ip = new Params();
    const initiativeCte = `WITH i AS MATERIALIZED (
         SELECT i.id, ${bucket('i.created_at')} AS b
           FROM initiative i JOIN municipality vm ON vm.code = i.venue_municipality_code
          WHERE ${county(ip, 'vm.county_code')} AND ${window(ip, 'i.created_at')}
       ),
       ie AS MATERIALIZED (
         SELECT DISTINCT i.id, i.b, n.employer_id
           FROM i JOIN initiative_need inn ON inn.initiative_id = i.id JOIN need n ON n.id = inn.need_id
       ),
       k AS MATERIALIZED (SELECT id, b, count(*)::int AS k, least(count(*), 5)::int AS bin
                            FROM ie GROUP BY id, b HAVING count(*) >= 2)`;
    const sizeRows = this.db.query(
      `${initiativeCte}
       SELECT a.b, a.bin, a.initiatives, a.employer_sum, e.employers, e.members
         FROM (SELECT b, bin, count(*)::int AS initiatives, sum(k)::int AS employer_sum
                 FROM k GROUP BY b, bin) a
         JOIN (SELECT k.b, k.bin, count(DISTINCT ie.employer_id)::int AS employers,
                      array_agg(DISTINCT ie.employer_id::text) AS members
                 FROM k JOIN ie ON ie.id = k.id GROUP BY k.b, k.bin) e
           ON e.b = a.b AND e.bin = a.bin`,
      ip.values,
    );
    const pooledRows = this.db.query(
      `${initiativeCte}
       SELECT array_agg(DISTINCT ie.b) AS buckets
         FROM ie JOIN k ON k.id = ie.id GROUP BY ie.employer_id`,
      ip.values,
    );

    const sp = new Params();
    const statusRows = this.db.query(
      `WITH ie AS MATERIALIZED (
         SELECT DISTINCT i.id, i.status, ${bucket('i.status_changed_at')} AS b, n.employer_id
           FROM initiative i
           JOIN municipality vm ON vm.code = i.venue_municipality_code
           JOIN initiative_need inn ON inn.initiative_id = i.id
           JOIN need n ON n.id = inn.need_id
          WHERE i.status IN ('completed', 'cancelled') AND i.status_changed_at IS NOT NULL
            AND ${county(sp, 'vm.county_code')} AND ${window(sp, 'i.status_changed_at')}
       ),
       joint AS (SELECT id FROM ie GROUP BY id HAVING count(*) >= 2)
       SELECT status, b, count(DISTINCT id)::int AS initiatives,
              count(DISTINCT employer_id)::int AS employers,
              array_agg(DISTINCT employer_id::text) AS members
         FROM ie WHERE id IN (SELECT id FROM joint)
        GROUP BY 1, 2`,
      sp.values,
    );

    const cp = new Params();
    const crossRows = this.db.query(
      `WITH ie AS MATERIALIZED (
         SELECT DISTINCT i.id, ${bucket('i.created_at')} AS b, vm.county_code::text AS venue,
                n.county_code::text AS needs, n.employer_id
           FROM initiative i
           JOIN municipality vm ON vm.code = i.venue_municipality_code
           JOIN initiative_need inn ON inn.initiative_id = i.id
           JOIN need n ON n.id = inn.need_id
          WHERE ${window(cp, 'i.created_at')}
       ),
       joint AS (SELECT id FROM ie GROUP BY id HAVING count(DISTINCT employer_id) >= 2)
       SELECT ie.b, ie.venue, vc.name AS venue_name, ie.needs, nc.name AS needs_name,
              count(DISTINCT ie.id)::int AS initiatives, count(DISTINCT ie.employer_id)::int AS employers,
              array_agg(DISTINCT ie.employer_id::text) AS members
         FROM ie JOIN county vc ON vc.code = ie.venue JOIN county nc ON nc.code = ie.needs
        WHERE ie.venue <> ie.needs AND ie.id IN (SELECT id FROM joint)
          ${q.countyCode ? `AND ${cp.add(q.countyCode)} IN (ie.venue, ie.needs)` : ''}
        GROUP BY 1, 2, 3, 4, 5`,
      cp.values,
    );

    const dp = new Params();
    // Living drafts count when first written, whatever became of them since (as of the end of the
    // period: a draft emptied today still existed then); approved versions (snapshots, frozen
    // when a broker approves) count when they were approved.
    const draftWhere = county(dp, 'd.county_code');
    const draftRows = this.db.query(
      `SELECT 'created' AS kind, ${bucket('d.created_at')} AS b, count(DISTINCT d.id)::int AS drafts,
              count(DISTINCT x.employer_id)::int AS employers,
              array_remove(array_agg(DISTINCT x.employer_id::text), NULL) AS members
         FROM project_draft d LEFT JOIN LATERAL unnest(d.employer_ids) AS x(employer_id) ON true
        WHERE ${draftWhere} AND ${window(dp, 'd.created_at')}
        GROUP BY 2
       UNION ALL
       SELECT 'approved', ${bucket('d.approved_at')}, count(DISTINCT d.id)::int,
              count(DISTINCT x.employer_id)::int,
              array_remove(array_agg(DISTINCT x.employer_id::text), NULL)
         FROM project_draft_snapshot d LEFT JOIN LATERAL unnest(d.employer_ids) AS x(employer_id) ON true
        WHERE ${county(dp, 'd.county_code')} AND ${window(dp, 'd.approved_at')}
        GROUP BY 2`,
      dp.values,
    );

    const [needs, employers, matched, sizes, pooled, statuses, crosses, drafts, unmet] =
      await Promise.all([
        needRows,
        employerRows,
        matchedRows,
        sizeRows,
        pooledRows,
        statusRows,
        crossRows,
        draftRows,
        q.unmetAsOf ? this.readUnmet(q, q.unmetAsOf, bucket, window, county) : null,
      ]);

    const cells: MonitoringCells = {
      grid,
      needs: {
        needs: figure(),
        participants: figure(),
        women: figure(),
        men: figure(),
        notStated: figure(),
      },
      employers: { all: [], sme: [], large: [] },
      matched: figure(),
      matchDays: [],
      bySize: [2, 3, 4, 5].map(() => ({ ...figure(), employerSum: grid.map(() => 0) })),
      pooled: presence(pooled),
      completed: figure(),
      cancelled: figure(),
      crossBorder: [],
      draftsCreated: figure(),
      draftsApproved: figure(),
      unmet: null,
    };
    for (const r of needs) {
      put(cells.needs.needs, r.b, r.needs, r.employers, r.members ?? []);
      put(cells.needs.participants, r.b, r.participants, r.employers, r.members ?? []);
      put(cells.needs.women, r.b, r.women, r.women_employers, r.women_members ?? []);
      put(cells.needs.men, r.b, r.men, r.men_employers, r.men_members ?? []);
      put(
        cells.needs.notStated,
        r.b,
        r.not_stated,
        r.not_stated_employers,
        r.not_stated_members ?? [],
      );
    }
    for (const r of employers as { sme: boolean; buckets: string[] }[]) {
      const [p] = presence([r]);
      cells.employers.all.push(p);
      (r.sme ? cells.employers.sme : cells.employers.large).push(p);
    }
    for (const r of matched as {
      b: string;
      matched: number;
      employers: number;
      members: string[] | null;
      days: (string | number)[];
    }[]) {
      const i = index.get(r.b);
      if (i === undefined) continue;
      put(cells.matched, r.b, r.matched, r.employers, r.members ?? []);
      for (const days of r.days) cells.matchDays.push({ bucket: i, days: Number(days) });
    }
    for (const r of sizes) {
      const bin = cells.bySize[r.bin - 2];
      put(bin, r.b, r.initiatives, r.employers, r.members);
      const i = index.get(r.b);
      if (i !== undefined) bin.employerSum[i] += r.employer_sum;
    }
    for (const r of statuses) {
      put(
        r.status === 'completed' ? cells.completed : cells.cancelled,
        r.b,
        r.initiatives,
        r.employers,
        r.members,
      );
    }
    const crossBy = new Map<string, MonitoringCells['crossBorder'][number]>();
    for (const r of crosses) {
      const key = `${r.venue}|${r.needs}`;
      if (!crossBy.has(key)) {
        crossBy.set(key, {
          venueCountyCode: r.venue,
          venueCountyName: r.venue_name,
          needsCountyCode: r.needs,
          needsCountyName: r.needs_name,
          cells: figure(),
        });
      }
      put(crossBy.get(key)!.cells, r.b, r.initiatives, r.employers, r.members);
    }
    cells.crossBorder = [...crossBy.values()].sort((a, b) =>
      `${a.venueCountyCode}${a.needsCountyCode}`.localeCompare(
        `${b.venueCountyCode}${b.needsCountyCode}`,
      ),
    );
    for (const r of drafts) {
      put(
        r.kind === 'created' ? cells.draftsCreated : cells.draftsApproved,
        r.b,
        r.drafts,
        r.employers,
        r.members,
      );
    }
    if (unmet) cells.unmet = unmet(figure, put);
    return cells;
  }

  /**
   * Needs received in the window that, at `asOf`, were neither in a live initiative nor
   * withdrawn, and whose latest end had not passed: by competence × municipality and by each.
   */
  private async readUnmet(
    q: CellQuery,
    asOf: string,
    bucket: (column: string) => string,
    window: (p: Params, column: string, until?: string) => string,
    county: (p: Params, column: string) => string,
  ): Promise<
    (
      figure: () => BucketFigure,
      put: (
        f: BucketFigure,
        b: string,
        value: unknown,
        employers: unknown,
        members?: string[],
      ) => void,
    ) => UnmetCells
  > {
    const p = new Params();
    const t = `(${p.add(asOf)}::date::timestamp AT TIME ZONE '${TZ}')`;
    const few = `CASE WHEN count(DISTINCT employer_id) < 3
                      THEN array_agg(DISTINCT employer_id::text) END`;
    const rows: {
      level: number;
      b: string;
      competence_id: string | null;
      competence_label: string | null;
      municipality_code: string | null;
      municipality_name: string | null;
      participants: number;
      employers: number;
      members: string[] | null;
    }[] = await this.db.query(
      `WITH u AS MATERIALIZED (
         SELECT n.id, n.employer_id, n.participants_total, n.municipality_code::text AS municipality_code,
                ${bucket('n.created_at')} AS b
           FROM need n
          WHERE ${county(p, 'n.county_code')} AND ${window(p, 'n.created_at', asOf)}
            AND (n.withdrawn_at IS NULL OR n.withdrawn_at >= ${t})
            AND n.latest_end >= ${p.add(asOf)}::date
            AND NOT EXISTS (
              SELECT 1 FROM initiative_need inn JOIN initiative i ON i.id = inn.initiative_id
               WHERE inn.need_id = n.id AND ${JOINED} < ${t}
                 AND (i.status <> 'cancelled' OR i.status_changed_at >= ${t}))
       ),
       uc AS MATERIALIZED (
         SELECT u.*, nc.competence_id FROM u JOIN need_competence nc ON nc.need_id = u.id
       ),
       agg AS (
         SELECT 0 AS level, b, competence_id, municipality_code, sum(participants_total)::int AS participants,
                count(DISTINCT employer_id)::int AS employers, ${few} AS members
           FROM uc GROUP BY b, competence_id, municipality_code
         UNION ALL
         SELECT 1, b, competence_id, NULL, sum(participants_total)::int, count(DISTINCT employer_id)::int,
                ${few}
           FROM uc GROUP BY b, competence_id
         UNION ALL
         SELECT 2, b, NULL, municipality_code, sum(participants_total)::int, count(DISTINCT employer_id)::int,
                ${few}
           FROM u GROUP BY b, municipality_code
       )
       SELECT agg.*, c.label AS competence_label, m.name AS municipality_name
         FROM agg
         LEFT JOIN competence c ON c.id = agg.competence_id
         LEFT JOIN municipality m ON m.code = agg.municipality_code`,
      p.values,
    );
    return (figure, put) => {
      const result: UnmetCells = { rows: [], byCompetence: [], byMunicipality: [] };
      const rowsBy = new Map<string, UnmetCells['rows'][number]>();
      const compBy = new Map<string, UnmetCells['byCompetence'][number]>();
      const muniBy = new Map<string, UnmetCells['byMunicipality'][number]>();
      for (const r of rows) {
        const competence = {
          competenceId: r.competence_id!,
          competenceLabel: r.competence_label ?? r.competence_id!,
        };
        const municipality = {
          municipalityCode: r.municipality_code!,
          municipalityName: r.municipality_name ?? r.municipality_code!,
        };
        let target: BucketFigure;
        if (r.level === 0) {
          const key = `${r.competence_id}|${r.municipality_code}`;
          if (!rowsBy.has(key))
            rowsBy.set(key, { ...competence, ...municipality, cells: figure() });
          target = rowsBy.get(key)!.cells;
        } else if (r.level === 1) {
          if (!compBy.has(r.competence_id!))
            compBy.set(r.competence_id!, { ...competence, cells: figure() });
          target = compBy.get(r.competence_id!)!.cells;
        } else {
          if (!muniBy.has(r.municipality_code!)) {
            muniBy.set(r.municipality_code!, { ...municipality, cells: figure() });
          }
          target = muniBy.get(r.municipality_code!)!.cells;
        }
        put(target, r.b, r.participants, r.employers, r.members ?? []);
      }
      result.rows = [...rowsBy.values()];
      result.byCompetence = [...compBy.values()];
      result.byMunicipality = [...muniBy.values()];
      return result;
    };
  }
}
