/**
 * npm run bench:monitoring -- [--needs 100000] [--requests 100]
 *
 * Creates a fresh database (on DATABASE_URL's server, else 127.0.0.1:5432), migrates and seeds
 * it, inserts N needs with employers, competences, proposals, initiatives and ESF drafts in SQL
 * (generate_series, seeded random), then boots the API on 127.0.0.1 and times the monitoring
 * endpoints over HTTP, one request at a time: p50 / p95 / max per scenario. Drops the database.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@km/database';
import { seedReferenceData } from '@km/reference';
import { startInProcessApi } from './in-process-api';
import { percentile } from './stack';
import { addDays, swedishToday } from '@km/common';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const NEEDS = arg('needs', 100_000);
/** Keep the database afterwards (for EXPLAIN); its name is printed. */
const KEEP = process.argv.includes('--keep');
const REQUESTS = arg('requests', 100);
const WARMUP = 10;
const ADMIN = { email: 'admin@bench.local', password: 'bench-admin-password' };
const REGIONAL = { email: 'regional18@bench.local', password: 'bench-regional-password' };

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const withDatabase = (name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabase('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The dataset, all in SQL on one connection so `setseed` makes it the same every run. */
async function populate(url: string, needs: number): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const q = (sql: string) => client.query(sql);
  const employers = Math.round(needs / 4);
  try {
    await q(`SELECT setseed(0.42)`);
    await q(`CREATE TEMP TABLE muni AS
      SELECT code, county_code, row_number() OVER (ORDER BY code) - 1 AS i FROM municipality`);
    await q(`CREATE TEMP TABLE muni18 AS
      SELECT code, row_number() OVER (ORDER BY code) - 1 AS i FROM municipality WHERE county_code = '18'`);
    // One employer in ten in Örebro län, the rest all over Sweden; 55 % micro, 5 % large.
    await q(`INSERT INTO employer (org_number, name, municipality_code, sni_section, employees, size_band)
      SELECT '55' || lpad(g::text, 8, '0'), 'Bench ' || g,
             CASE WHEN g % 10 = 0 THEN (SELECT code FROM muni18 WHERE i = g % (SELECT count(*) FROM muni18))
                  ELSE (SELECT code FROM muni WHERE i = g % 290) END,
             'C', e.employees,
             CASE WHEN e.employees < 10 THEN '1-9' WHEN e.employees < 50 THEN '10-49'
                  WHEN e.employees < 250 THEN '50-249' ELSE '250+' END
        FROM generate_series(1, ${employers}) g,
             LATERAL (SELECT CASE WHEN r < 0.55 THEN 1 + floor(r * 16)::int
                                  WHEN r < 0.8 THEN 10 + floor(r * 40)::int
                                  WHEN r < 0.95 THEN 50 + floor(r * 200)::int
                                  ELSE 250 + floor(r * 1000)::int END AS employees
                        FROM (SELECT random() + g * 0 AS r) x) e`);
    await q(`CREATE TEMP TABLE emp AS
      SELECT id, municipality_code, row_number() OVER (ORDER BY org_number) - 1 AS i FROM employer`);
    await q(`CREATE UNIQUE INDEX ON emp (i)`);
    // Needs over two years; statuses as after months of matching.
    await q(`INSERT INTO need (employer_id, title, participants_total, participants_women, participants_men,
              earliest_start, latest_end, delivery_modes, max_travel_km, tracking_token_hash,
              municipality_code, county_code, status, created_at, updated_at, withdrawn_at)
      SELECT e.id, 'Behov ' || g.i, g.total, g.women, least(g.total - g.women, g.men),
             (g.created + interval '30 days')::date, (g.created + interval '150 days')::date, '{onsite}', 50,
             md5(g.i::text) || md5((-g.i)::text), e.municipality_code, left(e.municipality_code, 2),
             g.status, g.created, g.created, CASE WHEN g.status = 'withdrawn' THEN g.created END
        FROM (SELECT i, floor(random() * ${employers})::int AS e,
                     now() - random() * interval '730 days' AS created,
                     t.total, floor(random() * (t.total + 1))::int AS women,
                     t.total - floor(random() * 2)::int AS men,
                     CASE WHEN s < 0.35 THEN 'matched' WHEN s < 0.5 THEN 'proposed' WHEN s < 0.75 THEN 'unmet'
                          WHEN s < 0.85 THEN 'received' WHEN s < 0.92 THEN 'withdrawn' ELSE 'expired' END AS status
                FROM generate_series(1, ${needs}) i,
                     LATERAL (SELECT 1 + floor(random() * 12)::int + i * 0 AS total, random() + i * 0 AS s) t) g
        JOIN emp e ON e.i = g.e`);
    await q(`CREATE TEMP TABLE comp AS
      SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM competence`);
    // Popular competences first (squared uniform), a second competence for three needs in ten.
    // The random index is drawn in a subquery, once per need (not per joined pair).
    await q(`INSERT INTO need_competence (need_id, competence_id)
      SELECT x.id, c.id
        FROM (SELECT id, floor(power(random(), 2) * (SELECT count(*) FROM comp))::int AS ci FROM need) x
        JOIN comp c ON c.i = x.ci`);
    await q(`INSERT INTO need_competence (need_id, competence_id)
      SELECT x.id, c.id
        FROM (SELECT id, floor(random() * (SELECT count(*) FROM comp))::int AS ci, random() AS r
                FROM need) x
        JOIN comp c ON c.i = x.ci
       WHERE x.r < 0.3 ON CONFLICT DO NOTHING`);
    // Matched needs pooled four at a time (per county, in order of arrival) into initiatives.
    await q(`CREATE TEMP TABLE pooled AS
      SELECT n.id AS need_id, n.employer_id, n.municipality_code, n.county_code, n.created_at,
             n.participants_total, n.participants_women, n.participants_men,
             'bench-' || n.county_code || '-' ||
               ((row_number() OVER (PARTITION BY n.county_code ORDER BY n.created_at) - 1) / 4) AS g
        FROM need n WHERE n.status = 'matched'`);
    await q(`INSERT INTO proposal (id, kind, status, county_code, venue_municipality_code, participants_total,
              participants_women, participants_men, employers, score, competence_ids, theme, explanation,
              created_at, updated_at)
      SELECT g, 'joint_initiative', 'approved', min(county_code), min(municipality_code),
             sum(participants_total), sum(participants_women), sum(participants_men),
             count(DISTINCT employer_id), 1, '{}', 'bench', '{}', max(created_at), max(created_at)
        FROM pooled GROUP BY g`);
    await q(`INSERT INTO proposal_need (proposal_id, need_id, employer_id, employer_name, municipality_code,
              participants_total, participants_women, participants_men, fit)
      SELECT g, need_id, employer_id, 'Bench', municipality_code, participants_total,
             participants_women, participants_men, 1 FROM pooled`);
    await q(`INSERT INTO initiative (proposal_id, kind, county_code, venue_municipality_code, title, status,
              participants_total, participants_women, participants_men, employers, completed_women,
              completed_men, created_at, updated_at)
      SELECT p.id, 'joint_initiative', p.county_code, p.venue_municipality_code, 'Bench', s.status,
             p.participants_total, p.participants_women, p.participants_men, p.employers,
             CASE WHEN s.status = 'completed' THEN p.participants_women END,
             CASE WHEN s.status = 'completed' THEN p.participants_men END,
             p.created_at + s.days, p.created_at + s.days
        FROM proposal p,
             LATERAL (SELECT CASE WHEN r < 0.5 THEN 'planned' WHEN r < 0.8 THEN 'running' ELSE 'completed' END AS status,
                             (1 + floor(r * 60)::int) * interval '1 day' AS days
                        FROM (SELECT random() + length(p.id) * 0 AS r) x) s
       WHERE p.id LIKE 'bench-%'`);
    await q(`INSERT INTO initiative_need (initiative_id, need_id, committed)
      SELECT i.id, pooled.need_id, true FROM pooled JOIN initiative i ON i.proposal_id = pooled.g`);
    // Open proposals for the proposed needs, three at a time.
    await q(`CREATE TEMP TABLE open_needs AS
      SELECT n.id AS need_id, n.employer_id, n.municipality_code, n.county_code, n.participants_total,
             n.participants_women, n.participants_men,
             'open-' || ((row_number() OVER (ORDER BY n.county_code, n.created_at) - 1) / 3) AS g
        FROM need n WHERE n.status = 'proposed'`);
    await q(`INSERT INTO proposal (id, kind, county_code, venue_municipality_code, participants_total,
              participants_women, participants_men, employers, score, competence_ids, theme, explanation)
      SELECT g, 'joint_initiative', min(county_code), min(municipality_code), sum(participants_total),
             sum(participants_women), sum(participants_men), count(DISTINCT employer_id), 1, '{}', 'bench', '{}'
        FROM open_needs GROUP BY g`);
    await q(`INSERT INTO proposal_need (proposal_id, need_id, employer_id, employer_name, municipality_code,
              participants_total, participants_women, participants_men, fit)
      SELECT g, need_id, employer_id, 'Bench', municipality_code, participants_total,
             participants_women, participants_men, 1 FROM open_needs`);
    // ESF drafts: ten initiatives of a county each (one living draft per county × theme), one in
    // three approved as version 1.
    await q(`INSERT INTO project_draft (id, county_code, theme, status, eligible, proposal_ids, employer_ids,
              employers, participants_total, participants_women, participants_men, sme_share, budget_sek,
              horizontal_criteria, document, created_at, updated_at)
      SELECT 'draft-' || d.county_code || '-' || d.k, d.county_code, 'bench-' || d.k, 'draft', true,
             d.proposals, d.employers, cardinality(d.employers), d.total, d.women, d.men, 0.9, 500000,
             '{}', '{}', d.created, d.created
        FROM (SELECT i.county_code, x.k, array_agg(DISTINCT i.proposal_id) AS proposals,
                     array_agg(DISTINCT n.employer_id::text) AS employers, sum(n.participants_total)::int AS total,
                     sum(n.participants_women)::int AS women, sum(n.participants_men)::int AS men,
                     max(i.created_at) AS created
                FROM (SELECT id, proposal_id, county_code, created_at,
                             (row_number() OVER (PARTITION BY county_code ORDER BY created_at) - 1) / 10 AS k
                        FROM initiative) x
                JOIN initiative i ON i.id = x.id
                JOIN initiative_need inn ON inn.initiative_id = i.id
                JOIN need n ON n.id = inn.need_id
               GROUP BY i.county_code, x.k) d`);
    await q(`INSERT INTO project_draft_snapshot (draft_id, version, county_code, theme, document, eligible,
              employer_ids, employers, participants_total, participants_women, participants_men,
              budget_sek, approved_at)
      SELECT id, 1, county_code, theme, '{}', true, employer_ids, employers, participants_total,
             participants_women, participants_men, budget_sek, created_at
        FROM project_draft WHERE substring(theme FROM 7)::int % 3 = 0`);
    await q(`VACUUM ANALYZE`);
    const counts: Record<string, number> = {};
    for (const table of [
      'employer',
      'need',
      'need_competence',
      'proposal',
      'initiative',
      'initiative_need',
      'project_draft',
      'project_draft_snapshot',
    ]) {
      const { rows } = await q(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = rows[0].n;
    }
    const { rows } = await q(`SELECT count(*)::int AS n FROM need WHERE county_code = '18'`);
    counts['need (Örebro län)'] = rows[0].n;
    return counts;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const name = `km_bench_monitoring_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(name);
  await admin(`CREATE DATABASE "${name}"`);
  let close: (() => Promise<void>) | undefined;
  try {
    const started = Date.now();
    const ds = new DataSource(dataSourceOptions(url));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await seedReferenceData(ds.manager);
    await ds.destroy();
    const counts = await populate(url, NEEDS);
    console.log(
      `database ${name}: migrated, seeded and populated in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(
      Object.entries(counts)
        .map(([table, n]) => `  ${table}: ${n.toLocaleString('en-US')}`)
        .join('\n'),
    );

    const api = await startInProcessApi(url, ADMIN);
    close = api.close;
    const { base, post, adminToken } = api;
    await post(
      '/api/v1/admin/users',
      { ...REGIONAL, role: 'regional', countyCode: '18' },
      adminToken,
    );
    const regionalToken = (await post('/api/v1/auth/login', REGIONAL)).accessToken;

    const today = swedishToday();
    const yearAgo = addDays(today, -364);
    const twoYearsAgo = addDays(today, -729);
    const scenarios: [string, string, string][] = [
      ['summary, Örebro län (regional), all time', '/api/v1/monitoring/summary', regionalToken],
      [
        'summary, Örebro län, last 12 months',
        `/api/v1/monitoring/summary?from=${yearAgo}&to=${today}`,
        regionalToken,
      ],
      ['summary, whole country (admin), all time', '/api/v1/monitoring/summary', adminToken],
      [
        'timeseries matchRate per month, Örebro län',
        '/api/v1/monitoring/timeseries?metric=matchRate&interval=month',
        regionalToken,
      ],
      [
        'timeseries medianDaysToMatch per week, whole country, 2 years',
        `/api/v1/monitoring/timeseries?metric=medianDaysToMatch&interval=week&from=${twoYearsAgo}`,
        adminToken,
      ],
      [
        'timeseries needs per month, whole country, 2 years',
        `/api/v1/monitoring/timeseries?metric=needs&from=${twoYearsAgo}`,
        adminToken,
      ],
      ['export.csv, Örebro län', '/api/v1/monitoring/export.csv', regionalToken],
    ];
    console.log(`\n${REQUESTS} sequential requests per scenario after ${WARMUP} warm-up requests:`);
    console.log(
      `${'scenario'.padEnd(66)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`,
    );
    let worstP95 = 0;
    for (const [label, path, token] of scenarios) {
      const times: number[] = [];
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const t0 = performance.now();
        const res = await fetch(`${base}${path}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        await res.arrayBuffer();
        const ms = performance.now() - t0;
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        if (i >= WARMUP) times.push(ms);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      if (!label.startsWith('export')) worstP95 = Math.max(worstP95, p95);
      const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(8);
      console.log(
        `${label.padEnd(66)} ${fmt(percentile(times, 50))} ${fmt(p95)} ${fmt(times.at(-1)!)}`,
      );
    }
    console.log(
      `\nworst p95 of summary/timeseries: ${worstP95.toFixed(1)} ms (target ≤ 300 ms: ${worstP95 <= 300 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await close?.();
    if (KEEP) console.log(`kept database ${name}`);
    else await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench:monitoring failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
