/**
 * `npm run bench:national`: the national instance through the real pipeline.
 *
 *   npm run bench:national -- [--needs 100000] [--offerings 10000] [--seed 1] [--matchers 1,2]
 *                             [--latency 20] [--repeat 0] [--reuse]
 *
 * 1. The engine alone on the instance (in this process), at the start and again right before each
 *    pipeline run: the figure beside it is what that run is held to (the machine's load moves).
 * 2. For each matcher count: a fresh database loaded with the same instance through SQL, api + N
 *    matcher processes, a nationwide run started with `POST /api/v1/admin/matching/runs {}` and
 *    followed to completion: wall time, the load/engine/write split the run records, peak RSS of
 *    each matcher (VmHWM), and whether any job ran twice (attempts).
 * 3. On the one-matcher stack afterwards: single needs posted in the largest county, each waited
 *    for until it is in an open proposal (or the run left it unmet): p50/p95 from 201, and how many
 *    proposals each need's rematch superseded; then a repeat nationwide run with nothing changed
 *    (rows inserted and superseded).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMatching } from '@km/matching';
import { withLuhnDigit } from '@km/needs';
import { loadInstance, nationalInstance } from './national-instance';
import { RssSampler, mb } from './rss-sampler';
import { BenchStack, login, percentile, startBenchStack } from './stack';

const arg = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const NEEDS = Number(arg('needs', '100000'));
const OFFERINGS = Number(arg('offerings', '10000'));
const SEED = Number(arg('seed', '1'));
const MATCHERS = arg('matchers', '1,2').split(',').map(Number);
const LATENCY_NEEDS = Number(arg('latency', '20'));
/** Keep the loaded instance as a template database and copy it next time (see `templateName`). */
const REUSE = process.argv.includes('--reuse');
const REPEAT = arg('repeat', '1') !== '0';

const log = (line: string) => process.stderr.write(`[national] ${line}\n`);

/** Phase times of a run's counts in seconds ('?' when the run did not record one). */
const seconds = (...ms: (number | undefined)[]) =>
  ms.map((v) => (v === undefined ? '?' : (v / 1000).toFixed(1))).join(' / ');

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Peak resident set of a process so far (Linux), in bytes. */
function peakRss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return line ? Number(line.replace(/\D+/g, '')) * 1024 : NaN;
}

interface RunView {
  status: string;
  counts: Record<string, number>;
  startedAt: string | null;
  finishedAt: string | null;
}

async function nationwideRun(stack: BenchStack, headers: Record<string, string>) {
  const started = Date.now();
  const response = await fetch(`${stack.baseUrl}/api/v1/admin/matching/runs`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: '{}',
  });
  if (response.status !== 202) throw new Error(`POST runs answered ${response.status}`);
  const { runId } = (await response.json()) as { runId: string };
  for (;;) {
    const run = (await (
      await fetch(`${stack.baseUrl}/api/v1/admin/matching/runs/${runId}`, { headers })
    ).json()) as RunView;
    if (run.status === 'completed' || run.status === 'failed') {
      const [row] = await query<{ attempts: number }>(
        stack.databaseUrl,
        `SELECT attempts FROM matching_run WHERE id = $1`,
        [runId],
      );
      return { runId, seconds: (Date.now() - started) / 1000, run, attempts: row.attempts };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The partitions of a run (child runs), when the run was split, with their attempts. */
async function partitionAttempts(url: string, runId: string) {
  const rows = await query<{ n: number; max: number }>(
    url,
    `SELECT count(*)::int AS n, coalesce(max(attempts), 0)::int AS max FROM matching_run WHERE parent_run_id = $1`,
    [runId],
  ).catch(() => [{ n: 0, max: 0 }]);
  return rows[0];
}

async function singleNeeds(stack: BenchStack) {
  const [largest] = await query<{ county: string }>(
    stack.databaseUrl,
    `SELECT county_code AS county FROM need GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  // Templates: needs in open proposals with a free seat, so a copy can join a cohort.
  const templates = await query<{
    municipality: string;
    competence: string;
    earliest: string;
    latest: string;
    modes: string[];
    travel: number;
  }>(
    stack.databaseUrl,
    `SELECT n.municipality_code AS municipality, nc.competence_id AS competence,
            n.earliest_start::text AS earliest, n.latest_end::text AS latest,
            n.delivery_modes AS modes, n.max_travel_km AS travel
       FROM proposal p
       JOIN offering o ON o.id = p.offering_id
       JOIN proposal_need pn ON pn.proposal_id = p.id
       JOIN need n ON n.id = pn.need_id
       JOIN need_competence nc ON nc.need_id = n.id
      WHERE p.status = 'open' AND p.kind = 'joint_initiative' AND n.county_code = $1
        AND p.participants_total < o.max_participants AND n.earliest_start > current_date + 7
      ORDER BY p.id LIMIT $2`,
    [largest.county, LATENCY_NEEDS],
  );
  const latencies: number[] = [];
  const superseded: number[] = [];
  const ownScope: {
    windows: number;
    needs: number;
    inserted: number;
    pickedUpMs: number;
    lockMs: number;
    scopeMs: number;
    engineMs: number;
    writeMs: number;
    rounds: number;
    totalMs: number;
  }[] = [];
  const perNeed: ({ ms: number } & Partial<(typeof ownScope)[number]>)[] = [];
  let inProposal = 0;
  // One connection for the polling: a new one per poll added its set-up to every figure.
  const watcher = new Client({ connectionString: stack.databaseUrl });
  await watcher.connect();
  for (const [i, t] of templates.entries()) {
    const before = Date.now();
    const response = await fetch(`${stack.baseUrl}/api/v1/needs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        employer: {
          orgNumber: withLuhnDigit(`556${String(900000 + i).padStart(6, '0')}`),
          name: `Nationell ${i} AB`,
          municipalityCode: t.municipality.trim(),
          sniSection: 'C',
          employees: 12,
        },
        contact: { name: 'Kontakt', email: `nationell${i}@example.se` },
        title: 'Utbildning',
        competenceIds: [t.competence],
        participants: { total: 1, women: 0, men: 1 },
        earliestStart: t.earliest,
        latestEnd: t.latest,
        deliveryModes: t.modes,
        maxTravelKm: t.travel,
        language: 'sv',
        consent: true,
      }),
    });
    if (response.status !== 201) throw new Error(`POST /needs answered ${response.status}`);
    const created = Date.now();
    const { id } = (await response.json()) as { id: string };
    for (;;) {
      const [row] = (
        await watcher.query<{ status: string; open: boolean }>(
          `SELECT n.status, EXISTS (SELECT 1 FROM proposal_need pn JOIN proposal p ON p.id = pn.proposal_id
                                     WHERE pn.need_id = n.id AND p.status = 'open') AS open
             FROM need n WHERE n.id = $1`,
          [id],
        )
      ).rows;
      if (row.open || row.status === 'unmet') {
        latencies.push(Date.now() - created);
        if (row.open) inProposal++;
        break;
      }
      if (Date.now() - created > 120_000) throw new Error(`need ${id} not answered in 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Let this need's rematch finish before counting what it superseded.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [changed] = await query<{ n: number }>(
      stack.databaseUrl,
      `SELECT count(*)::int AS n FROM proposal WHERE status = 'superseded' AND updated_at >= to_timestamp($1 / 1000.0)`,
      [before],
    );
    superseded.push(changed.n);
    // The need's own rematch (NeedRematchService), when it answered it rather than a full run.
    const [own] = await query<(typeof ownScope)[number]>(
      stack.databaseUrl,
      `SELECT (counts->>'windows')::int AS windows, (counts->>'needs')::int AS needs,
              (counts->>'inserted')::int AS inserted, (counts->>'scopeMs')::int AS "scopeMs",
              (counts->>'pickedUpMs')::int AS "pickedUpMs", (counts->>'lockMs')::int AS "lockMs",
              (counts->>'engineMs')::int AS "engineMs", (counts->>'writeMs')::int AS "writeMs",
              (counts->>'rounds')::int AS rounds, (counts->>'totalMs')::int AS "totalMs"
         FROM matching_run WHERE counts->>'localNeedId' = $1`,
      [id],
    );
    if (own) ownScope.push(own);
    perNeed.push({ ms: latencies[latencies.length - 1], ...(own ?? {}) });
  }
  await watcher.end();
  const stat = (values: number[]) =>
    values.length ? { p50: percentile(values, 50), max: Math.max(...values) } : null;
  return {
    county: largest.county,
    needs: latencies.length,
    inAnOpenProposal: inProposal,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: Math.max(...latencies),
    supersededPerNeed: { p50: percentile(superseded, 50), max: Math.max(...superseded) },
    answeredOnTheirOwn: ownScope.length,
    // Where the slowest needs' time went (their own rematch's parts).
    slowest: [...perNeed].sort((a, b) => b.ms - a.ms).slice(0, 3),
    ownScope: {
      windows: stat(ownScope.map((o) => o.windows)),
      needs: stat(ownScope.map((o) => o.needs)),
      inserted: stat(ownScope.map((o) => o.inserted)),
      ...Object.fromEntries(
        (
          ['pickedUpMs', 'rounds', 'lockMs', 'scopeMs', 'engineMs', 'writeMs', 'totalMs'] as const
        ).map((k) => [k, stat(ownScope.map((o) => o[k]))]),
      ),
    },
  };
}

/**
 * The template of `--reuse`: one per instance, schema (the migrations built) and day (the
 * generated dates are relative to today).
 */
function templateName(): string {
  const migrations = readdirSync(join(__dirname, '..', 'libs', 'database', 'src', 'migrations'))
    .filter((f) => /^\d+.*\.js$/.test(f))
    .sort();
  const schema = createHash('sha1').update(migrations.join()).digest('hex').slice(0, 8);
  const day = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  return `km_bench_tpl_${NEEDS}_${OFFERINGS}_${SEED}_${schema}_${day.replace(/-/g, '')}`;
}

async function main(): Promise<void> {
  log(`instance: ${NEEDS} needs × ${OFFERINGS} offerings, seed ${SEED}`);
  const input = nationalInstance(NEEDS, OFFERINGS, SEED);

  if (global.gc) global.gc();
  const sampler = new RssSampler();
  sampler.start();
  const t0 = Date.now();
  const engine = runMatching(input);
  const engineSeconds = (Date.now() - t0) / 1000;
  const enginePeak = await sampler.stop();
  const rows: Record<string, unknown>[] = [
    {
      what: 'engine only (in process)',
      seconds: engineSeconds.toFixed(1),
      ratio: '1.00',
      proposals: engine.proposals.length,
      peakRss: mb(enginePeak),
    },
  ];
  log(`engine only: ${engineSeconds.toFixed(1)} s, ${engine.proposals.length} proposals`);

  let latency: Awaited<ReturnType<typeof singleNeeds>> | undefined;
  let repeat: Record<string, unknown> | undefined;
  for (const matchers of MATCHERS) {
    let loadSeconds = 0;
    const stack = await startBenchStack({
      name: 'national',
      matcher: true,
      matchers,
      log,
      env: {
        PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
        MATCHING_RUNS_PER_HOUR: '1000',
        LOG_LEVEL: 'warn',
      },
      template: REUSE ? templateName() : undefined,
      prepare: async (url) => {
        const started = Date.now();
        await loadInstance(url, input);
        loadSeconds = (Date.now() - started) / 1000;
        log(`loaded through SQL in ${loadSeconds.toFixed(1)} s`);
      },
    });
    try {
      // The previous stack's writes (a dropped database, a bulk copy) are flushed first, so no
      // checkpoint falls into this run: the second stack measured was always the slower one.
      await query(stack.databaseUrl, 'CHECKPOINT');
      // The engine alone once more right before the run: on a shared machine the load moves
      // within minutes, so each pipeline figure is held to the engine figure taken beside it.
      const t1 = Date.now();
      runMatching(input);
      const besideSeconds = (Date.now() - t1) / 1000;
      rows.push({
        what: `engine only, before ${matchers} matcher${matchers > 1 ? 's' : ''}`,
        seconds: besideSeconds.toFixed(1),
        ratio: '1.00',
        proposals: engine.proposals.length,
      });
      // The api closes idle kept-alive sockets while the engine blocks this process: let their
      // close events through before the next request (else 'fetch failed' on a dead socket).
      await new Promise((resolve) => setTimeout(resolve, 200));
      const admin = await login(stack.baseUrl, stack.admin.email, stack.admin.password);
      const result = await nationwideRun(stack, admin);
      const parts = await partitionAttempts(stack.databaseUrl, result.runId);
      const c = result.run.counts;
      rows.push({
        what: `pipeline, ${matchers} matcher${matchers > 1 ? 's' : ''}`,
        seconds: result.seconds.toFixed(1),
        ratio: (result.seconds / besideSeconds).toFixed(2),
        proposals: c.proposals,
        peakRss: stack.matcherPids.map((pid) => mb(peakRss(pid))).join(' + '),
        status: result.run.status,
        'load/engine/write s': seconds(c.loadMs, c.engineMs, c.writeMs),
        'wall: load/split/parts/final s': seconds(
          c.splitLoadMs,
          c.partitionMs,
          c.partitionsMs,
          c.finalMs,
        ),
        attempts: parts.n > 0 ? `${parts.n} partitions, max ${parts.max}` : result.attempts,
      });
      log(JSON.stringify(rows[rows.length - 1]));
      if (matchers === MATCHERS[0]) {
        latency = await singleNeeds(stack);
        log(`single needs: ${JSON.stringify(latency)}`);
        const again = REPEAT ? await nationwideRun(stack, admin) : null;
        if (again)
          repeat = {
            seconds: again.seconds.toFixed(1),
            inserted: again.run.counts.inserted,
            superseded: again.run.counts.superseded,
            'load/engine/write s': seconds(
              again.run.counts.loadMs,
              again.run.counts.engineMs,
              again.run.counts.writeMs,
            ),
            'wall: load/split/parts/final s': seconds(
              again.run.counts.splitLoadMs,
              again.run.counts.partitionMs,
              again.run.counts.partitionsMs,
              again.run.counts.finalMs,
            ),
          };
        log(`repeat run: ${JSON.stringify(repeat)}`);
      }
    } finally {
      await stack.stop();
    }
  }
  console.table(rows);
  console.log('single new needs in the largest county:', JSON.stringify(latency, null, 2));
  console.log('repeat nationwide run, nothing changed:', JSON.stringify(repeat));
}

main().catch((error: Error) => {
  console.error(`bench:national failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
