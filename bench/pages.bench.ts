/**
 * npm run bench:pages -- [--needs 100000] [--requests 200] [--keep]
 *
 * Mäklarvyn under a national dataset: creates a fresh database (on DATABASE_URL's server, else
 * 127.0.0.1:5432), migrates and seeds it, inserts N needs (with employers, contacts,
 * competences), offerings, open proposals of three needs each (with explanations naming a
 * left-out need), approved proposals with initiatives, and superseded and rejected ones, all in
 * SQL (generate_series, seeded random). Then it boots the API on 127.0.0.1, logs in a broker of
 * Lärcentrum Örebro (session cookie, as the browser sends it) and times its pages over HTTP, one
 * request at a time: the queue (/maklare, as on a return visit), the queue filtered and paged,
 * and proposal pages (a different open proposal of the broker's each time). p50 / p95 / max per
 * page. Drops the database.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@km/database';
import { seedReferenceData } from '@km/reference';
import { SESSION_COOKIE } from '../apps/api/src/staff/staff-session';
import { numberArg, stringArg } from './http-load';
import { startInProcessApi } from './in-process-api';
import { adminQuery, percentile, withDatabase } from './stack';

const NEEDS = numberArg('needs', 100_000);
const REQUESTS = numberArg('requests', 200);
/** Keep the database afterwards (for EXPLAIN); its name is printed. */
const KEEP = process.argv.includes('--keep');
/** Time against a database kept by an earlier run (`--reuse km_bench_pages_…`): no populate. */
const REUSE = stringArg('reuse', '') || undefined;
const WARMUP = 10;
const TARGET_MS = 200;
const ADMIN = { email: 'admin@bench.local', password: 'bench-admin-password' };
const BROKER = { email: 'maklare@bench.local', password: 'bench-broker-password' };
/** Lärcentrum Örebro serves Örebro (1880). */
const BROKER_CENTRE = 'lc-orebro';
const BROKER_MUNICIPALITY = '1880';

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = (sql: string) => adminQuery(serverUrl, sql);

/** The dataset, all in SQL on one connection so `setseed` makes it the same every run. */
async function populate(url: string, needs: number): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const q = (sql: string) => client.query(sql);
  const employers = Math.round(needs / 4);
  try {
    await q(`SELECT setseed(0.15)`);
    await q(`CREATE TEMP TABLE muni AS
      SELECT code, county_code, row_number() OVER (ORDER BY code) - 1 AS i FROM municipality`);
    await q(`CREATE TEMP TABLE muni18 AS
      SELECT code, row_number() OVER (ORDER BY code) - 1 AS i FROM municipality WHERE county_code = '18'`);
    // One employer in ten in Örebro (the broker's municipality: about six times its share of
    // Sweden's population, so its queue is a heavy one), one in ten elsewhere in Örebro län, the
    // rest all over Sweden.
    await q(`INSERT INTO employer (org_number, name, municipality_code, sni_section, employees, size_band)
      SELECT '55' || lpad(g::text, 8, '0'), 'Arbetsgivare ' || g || ' AB',
             CASE WHEN g % 10 = 0 THEN '${BROKER_MUNICIPALITY}'
                  WHEN g % 10 = 5 THEN (SELECT code FROM muni18 WHERE i = g % (SELECT count(*) FROM muni18))
                  ELSE (SELECT code FROM muni WHERE i = g % 290) END,
             'C', 1 + g % 60, CASE WHEN g % 60 < 9 THEN '1-9' ELSE '10-49' END
        FROM generate_series(1, ${employers}) g`);
    await q(`CREATE TEMP TABLE emp AS
      SELECT id, municipality_code, row_number() OVER (ORDER BY org_number) - 1 AS i FROM employer`);
    await q(`CREATE UNIQUE INDEX ON emp (i)`);
    // Needs over two years; a third waits in open proposals, as after months of matching.
    // The reference is given: its default draws from one counter row, a slow path for 100,000 rows.
    await q(`INSERT INTO need (employer_id, reference, title, description, participants_total, participants_women,
              participants_men, earliest_start, latest_end, delivery_modes, max_travel_km,
              tracking_token_hash, municipality_code, county_code, status, created_at, updated_at, withdrawn_at)
      SELECT e.id, 'KB-2026-' || lpad(g.i::text, 6, '0'), 'Behov ' || g.i, 'Vi behöver utbilda personal i lagret.', g.total, g.women,
             g.total - g.women, (g.created + interval '30 days')::date, (g.created + interval '150 days')::date,
             '{onsite}', 50, md5(g.i::text) || md5((-g.i)::text), e.municipality_code,
             left(e.municipality_code, 2), g.status, g.created, g.created,
             CASE WHEN g.status = 'withdrawn' THEN g.created END
        FROM (SELECT i, floor(random() * ${employers})::int AS e,
                     now() - random() * interval '730 days' AS created,
                     t.total, floor(random() * (t.total + 1))::int AS women,
                     CASE WHEN s < 0.36 THEN 'proposed' WHEN s < 0.56 THEN 'matched' WHEN s < 0.76 THEN 'unmet'
                          WHEN s < 0.86 THEN 'received' WHEN s < 0.93 THEN 'withdrawn' ELSE 'expired' END AS status
                FROM generate_series(1, ${needs}) i,
                     LATERAL (SELECT 1 + floor(random() * 6)::int + i * 0 AS total, random() + i * 0 AS s) t) g
        JOIN emp e ON e.i = g.e`);
    await q(`INSERT INTO contact (need_id, name, email, phone)
      SELECT id, 'Kontakt ' || left(id::text, 8), 'kontakt-' || left(id::text, 8) || '@example.se', '070-1234567'
        FROM need WHERE status <> 'withdrawn'`);
    await q(`CREATE TEMP TABLE comp AS
      SELECT id, area_id, row_number() OVER (ORDER BY id) - 1 AS i FROM competence`);
    await q(`INSERT INTO need_competence (need_id, competence_id)
      SELECT x.id, c.id
        FROM (SELECT id, floor(power(random(), 2) * (SELECT count(*) FROM comp))::int AS ci FROM need) x
        JOIN comp c ON c.i = x.ci`);
    // Offerings: ten per municipality, of the learning centres in turn.
    await q(`CREATE TEMP TABLE lc AS
      SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM learning_centre`);
    await q(`INSERT INTO offering (learning_centre_id, title, delivery_mode, venue_municipality_code,
              min_participants, max_participants, cost_fixed_sek, cost_per_participant_sek, duration_days)
      SELECT (SELECT id FROM lc WHERE i = (m.i * 10 + k) % (SELECT count(*) FROM lc)),
             'Kurs ' || m.code || '-' || k, 'onsite', m.code, 5, 15, 20000, 1500, 5
        FROM muni m, generate_series(0, 9) k`);
    await q(`CREATE TEMP TABLE off AS
      SELECT id, venue_municipality_code, row_number() OVER (PARTITION BY venue_municipality_code ORDER BY id) - 1 AS k
        FROM offering`);
    await q(`INSERT INTO offering_competence (offering_id, competence_id)
      SELECT o.id, c.id FROM off o JOIN comp c ON c.i = (o.k * 37 + length(o.venue_municipality_code)) % (SELECT count(*) FROM comp)`);
    // Needs pooled three at a time per municipality, in order of arrival.
    await q(`CREATE TEMP TABLE grouped AS
      SELECT n.id AS need_id, n.employer_id, n.municipality_code, n.county_code, n.status, n.created_at,
             n.participants_total, n.participants_women, n.participants_men, e.name AS employer_name,
             n.status || '-' || n.municipality_code || '-' ||
               ((row_number() OVER (PARTITION BY n.status, n.municipality_code ORDER BY n.created_at, n.id) - 1) / 3) AS g
        FROM need n JOIN employer e ON e.id = n.employer_id
       WHERE n.status IN ('proposed', 'matched', 'unmet')`);
    await q(`CREATE INDEX ON grouped (g)`);
    // proposed → open proposals; matched → approved (with an initiative); unmet → superseded
    // (two in three) or rejected. One open proposal in ten is a new_initiative (no offering).
    await q(`INSERT INTO proposal (id, kind, status, county_code, offering_id, start_window_from, start_window_to,
              start_date, venue_municipality_code, suggested_learning_centre_id, participants_total,
              participants_women, participants_men, employers, cost_per_participant_sek, total_cost_sek,
              score, competence_ids, theme, explanation, created_at, updated_at)
      SELECT 'bench-' || md5(x.g), CASE WHEN x.new THEN 'new_initiative' ELSE 'joint_initiative' END,
             CASE x.status WHEN 'proposed' THEN 'open' WHEN 'matched' THEN 'approved'
                           ELSE CASE WHEN x.h % 3 = 0 THEN 'rejected' ELSE 'superseded' END END,
             x.county_code, CASE WHEN x.new THEN NULL ELSE o.id END,
             (x.created + interval '40 days')::date, (x.created + interval '60 days')::date,
             (x.created + interval '40 days')::date, x.venue,
             CASE WHEN x.new THEN '${BROKER_CENTRE}' END,
             x.total, x.women, x.men, x.employers,
             CASE WHEN x.new THEN NULL ELSE round(20000.0 / x.total + 1500, 2) END,
             20000 + 1500 * x.total, x.total + x.h % 10,
             ARRAY[(SELECT c.id FROM comp c WHERE c.i = x.h % (SELECT count(*) FROM comp))],
             (SELECT c.area_id FROM comp c WHERE c.i = x.h % (SELECT count(*) FROM comp)),
             jsonb_build_object(
               'summary', x.employers || ' arbetsgivare samlas till en gemensam kurs.',
               'factors', jsonb_build_array(
                 jsonb_build_object('name', 'deltagare', 'value', x.total, 'weight', 1, 'detail', x.total || ' deltagare'),
                 jsonb_build_object('name', 'arbetsgivare', 'value', x.employers, 'weight', 0.5, 'detail', 'flera små arbetsgivare')),
               'leftOut', CASE WHEN x.left_out IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object(
                 'needId', x.left_out, 'cause', 'distance', 'reason', 'avstånd 53 km > max 50 km')) END,
               'whatIf', CASE WHEN x.left_out IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object(
                 'kind', 'relax_constraint', 'needId', x.left_out, 'constraint', 'distance', 'requiredValue', 53,
                 'text', 'med 3 km längre resväg kommer arbetsgivaren med')) END),
             x.created, x.created
        FROM (SELECT gr.g, min(status) AS status, min(county_code) AS county_code, min(municipality_code) AS venue,
                     sum(participants_total)::int AS total, sum(participants_women)::int AS women,
                     sum(participants_men)::int AS men, count(DISTINCT employer_id)::int AS employers,
                     max(created_at) AS created, abs(hashtext(gr.g)) AS h,
                     min(status) = 'proposed' AND abs(hashtext(gr.g)) % 10 = 0 AS new,
                     (SELECT u.need_id FROM grouped u WHERE u.g = replace(gr.g, 'proposed-', 'unmet-') LIMIT 1) AS left_out
                FROM grouped gr GROUP BY gr.g) x
        LEFT JOIN off o ON o.venue_municipality_code = x.venue AND o.k = x.h % 10`);
    await q(`INSERT INTO proposal_need (proposal_id, need_id, employer_id, employer_name, municipality_code,
              participants_total, participants_women, participants_men, distance_km, fit)
      SELECT 'bench-' || md5(g), need_id, employer_id, employer_name, municipality_code, participants_total,
             participants_women, participants_men, 12.5, 1 FROM grouped`);
    await q(`INSERT INTO initiative (proposal_id, kind, county_code, venue_municipality_code, title, status,
              participants_total, participants_women, participants_men, employers, offering_id,
              learning_centre_id, start_date, created_at, updated_at)
      SELECT p.id, p.kind, p.county_code, p.venue_municipality_code, 'Kurs', 'planned',
             p.participants_total, p.participants_women, p.participants_men, p.employers, p.offering_id,
             o.learning_centre_id, p.start_date, p.created_at, p.created_at
        FROM proposal p LEFT JOIN offering o ON o.id = p.offering_id WHERE p.status = 'approved'`);
    await q(`INSERT INTO initiative_need (initiative_id, need_id, committed)
      SELECT i.id, pn.need_id, true FROM initiative i JOIN proposal_need pn ON pn.proposal_id = i.proposal_id`);
    await q(`VACUUM ANALYZE`);
  } finally {
    await client.end();
  }
  return countRows(url);
}

async function countRows(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const q = (sql: string) => client.query(sql);
  try {
    const counts: Record<string, number> = {};
    for (const [label, sql] of [
      ['employers', `SELECT count(*) FROM employer`],
      ['needs', `SELECT count(*) FROM need`],
      ['offerings', `SELECT count(*) FROM offering`],
      ['proposals', `SELECT count(*) FROM proposal`],
      ['open proposals', `SELECT count(*) FROM proposal WHERE status = 'open'`],
      ['initiatives', `SELECT count(*) FROM initiative`],
      [
        "open proposals of the broker's municipality",
        `SELECT count(*) FROM proposal p WHERE p.status = 'open' AND (p.venue_municipality_code = '${BROKER_MUNICIPALITY}'
           OR EXISTS (SELECT 1 FROM proposal_need x WHERE x.proposal_id = p.id AND x.municipality_code = '${BROKER_MUNICIPALITY}'))`,
      ],
    ] as const) {
      const { rows } = await q(sql.replace('count(*)', 'count(*)::int AS n'));
      counts[label] = rows[0].n;
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** Ids of the broker's open proposals, newest first, to visit one after another. */
async function brokerProposals(url: string, limit: number): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT p.id FROM proposal p
        WHERE p.status = 'open' AND p.venue_municipality_code = $1
        ORDER BY p.created_at DESC LIMIT $2`,
      [BROKER_MUNICIPALITY, limit],
    );
    return rows.map((r: { id: string }) => r.id);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const name = REUSE ?? `km_bench_pages_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(serverUrl, name);
  if (!REUSE) await admin(`CREATE DATABASE "${name}"`);
  let close: (() => Promise<void>) | undefined;
  try {
    const started = Date.now();
    const ds = new DataSource(dataSourceOptions(url));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    if (!REUSE) await seedReferenceData(ds.manager);
    await ds.destroy();
    const counts = REUSE ? await countRows(url) : await populate(url, NEEDS);
    console.log(
      `database ${name}: migrated, seeded and populated in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(
      Object.entries(counts)
        .map(([table, n]) => `  ${table}: ${n.toLocaleString('en-US')}`)
        .join('\n'),
    );
    if (counts['open proposals'] < 10_000 && counts.needs >= 100_000)
      throw new Error('the dataset has fewer than 10,000 open proposals');

    const api = await startInProcessApi(url, ADMIN);
    close = api.close;
    const { base, post, adminToken } = api;
    if (!REUSE)
      await post(
        '/api/v1/admin/users',
        { ...BROKER, role: 'broker', learningCentreId: BROKER_CENTRE },
        adminToken,
      );
    // The staff session cookie holds the same token the login page sets.
    const session = (await post('/api/v1/auth/login', BROKER)).accessToken;
    const lastSeen = Date.now() - 86_400_000;
    let sessionToken = session;
    const cookie = () => `${SESSION_COOKIE}=${sessionToken}; km_maklare_sedd=${lastSeen}`;
    /** Like a browser: keep the renewed session the pages send back (it is re-issued after 5 min). */
    const keepSession = (res: Response) => {
      for (const line of res.headers.getSetCookie())
        if (line.startsWith(`${SESSION_COOKIE}=`))
          sessionToken = line.slice(SESSION_COOKIE.length + 1).split(';')[0];
    };

    const proposals = await brokerProposals(url, WARMUP + REQUESTS);
    if (proposals.length < WARMUP + REQUESTS)
      throw new Error(`only ${proposals.length} open proposals in the broker's municipality`);
    const {
      rows: [competence],
    } = await (async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      try {
        return await c.query(
          `SELECT unnest(competence_ids) AS id, count(*) FROM proposal
            WHERE status = 'open' AND venue_municipality_code = $1 GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
          [BROKER_MUNICIPALITY],
        );
      } finally {
        await c.end();
      }
    })();

    const scenarios: [string, (i: number) => string, string][] = [
      ['queue /maklare (open, newest first, return visit)', () => '/maklare', 'Förslag'],
      [
        'queue filtered (joint, one competence) and paged',
        (i) => `/maklare?typ=befintlig&kompetens=${competence.id}&sida=${1 + (i % 3)}`,
        'Förslag',
      ],
      ['queue page 5 of the approved ones', () => '/maklare?status=approved&sida=5', 'Förslag'],
      [
        'proposal page (a different open proposal each time)',
        (i) => `/maklare/forslag/${proposals[i]}`,
        'Godkänn',
      ],
    ];
    console.log(
      `\nbroker of ${BROKER_CENTRE}; ${REQUESTS} sequential requests per page after ${WARMUP} warm-up requests:`,
    );
    console.log(
      `${'page'.padEnd(60)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`,
    );
    let worstP95 = 0;
    for (const [label, path, mustContain] of scenarios) {
      const times: number[] = [];
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const t0 = performance.now();
        const res = await fetch(`${base}${path(i)}`, { headers: { Cookie: cookie() } });
        keepSession(res);
        const body = await res.text();
        const ms = performance.now() - t0;
        if (res.status !== 200 || !body.includes(mustContain))
          throw new Error(`${path(i)}: ${res.status} ${body.slice(0, 300)}`);
        if (i >= WARMUP) times.push(ms);
      }
      const p95 = percentile(times, 95);
      worstP95 = Math.max(worstP95, p95);
      const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(8);
      times.sort((a, b) => a - b);
      console.log(
        `${label.padEnd(60)} ${fmt(percentile(times, 50))} ${fmt(p95)} ${fmt(times.at(-1)!)}`,
      );
    }
    console.log(
      `\nworst p95: ${worstP95.toFixed(1)} ms (target ≤ ${TARGET_MS} ms: ${worstP95 <= TARGET_MS ? 'met' : 'NOT met'})`,
    );
  } finally {
    await close?.();
    if (KEEP || REUSE) console.log(`kept database ${name}`);
    else await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench:pages failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
