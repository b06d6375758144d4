/**
 * npm run bench:load -- [--seconds 20] [--warmup 5] [--connections 10] [--log-level info]
 *
 * The built api (NODE_ENV=production) on a fresh database, rate limits raised; autocannon
 * against 127.0.0.1 only. In one run: a bare endpoint of the same framework (GET /health/live:
 * the same Nest app, middleware, logging and metrics, no I/O) and the public intake
 * (POST /api/v1/needs, a different valid body and employer each request). Targets: intake
 * ≥ 50 % of bare req/s, intake p99 < 100 ms, zero errors and zero 5xx; every 201 stored.
 */
import { Client } from 'pg';
import {
  cannon,
  formatFigures,
  intakeRequest,
  LoadFigures,
  numberArg,
  startLoadStack,
  stringArg,
} from './http-load';

const SECONDS = numberArg('seconds', 20);
const WARMUP = numberArg('warmup', 5);
const CONNECTIONS = numberArg('connections', 10);
const LOG_LEVEL = stringArg('log-level', 'info');

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

async function main(): Promise<void> {
  const stack = await startLoadStack('load', LOG_LEVEL);
  try {
    const bare = { requests: [{ method: 'GET' as const, path: '/health/live' }] };
    const intake = { requests: [intakeRequest(stack.competenceIds)] };
    const common = { connections: CONNECTIONS };
    // Warm-up: JIT, connection pools, caches; not reported.
    await cannon('warm-up bare', stack.baseUrl, { ...common, ...bare, duration: WARMUP });
    const warm = await cannon('warm-up intake', stack.baseUrl, {
      ...common,
      ...intake,
      duration: WARMUP,
    });

    const results: LoadFigures[] = [];
    results.push(
      await cannon('GET /health/live (bare)', stack.baseUrl, {
        ...common,
        ...bare,
        duration: SECONDS,
      }),
    );
    results.push(
      await cannon('POST /api/v1/needs (intake)', stack.baseUrl, {
        ...common,
        ...intake,
        duration: SECONDS,
      }),
    );
    const [b, i] = results;

    const client = new Client({ connectionString: stack.databaseUrl });
    await client.connect();
    const [{ needs }] = (await client.query(`SELECT count(*)::int AS needs FROM need`)).rows;
    await client.end();
    const created = (warm.statusCodes['201'] ?? 0) + (i.statusCodes['201'] ?? 0);

    console.log(
      `bench:load — ${SECONDS} s per endpoint after ${WARMUP} s warm-up, ${CONNECTIONS} connections, ` +
        `LOG_LEVEL=${LOG_LEVEL}, node ${process.version}`,
    );
    for (const r of results) console.log(formatFigures(r));
    const ratio = i.requestsPerSecond / b.requestsPerSecond;
    const clean = results.every((r) => r.errors === 0 && r.timeouts === 0 && r.status5xx === 0);
    console.log(
      `intake / bare: ${(ratio * 100).toFixed(1)} % (target ≥ 50 %: ${verdict(ratio >= 0.5)})`,
    );
    console.log(`intake p99: ${i.p99.toFixed(1)} ms (target < 100 ms: ${verdict(i.p99 < 100)})`);
    console.log(`errors, timeouts and 5xx: ${clean ? 0 : 'some'} (target 0: ${verdict(clean)})`);
    // A request in flight when a run ends is still stored, though its 201 went unread.
    const cutOff = 2 * CONNECTIONS;
    const stored = needs >= created && needs <= created + cutOff;
    console.log(
      `needs stored: ${needs}; answered 201: ${created} (+ at most ${cutOff} cut off at the ends of the runs): ${verdict(stored)}`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
