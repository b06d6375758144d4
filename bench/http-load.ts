/**
 * Shared by bench:load and bench:soak: the built api on a fresh database (rate limits raised),
 * autocannon runs against 127.0.0.1 only, and their figures.
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { needBody } from './need-bodies';
import { BenchStack, startBenchStack } from './stack';

export interface LoadStack extends BenchStack {
  competenceIds: string[];
}

export function numberArg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index > 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

export function stringArg(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
}

/** The api as in production (NODE_ENV=production, JSON request logs to stdout), limits raised. */
export async function startLoadStack(name: string, logLevel: string): Promise<LoadStack> {
  const stack = await startBenchStack({
    name,
    matcher: false,
    ownRedis: true,
    env: {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: logLevel,
      PUBLIC_RATE_LIMIT_PER_MINUTE: '100000000',
    },
  });
  const client = new Client({ connectionString: stack.databaseUrl });
  await client.connect();
  const rows = (await client.query(`SELECT id FROM competence ORDER BY id`)).rows as {
    id: string;
  }[];
  await client.end();
  return { ...stack, competenceIds: rows.map((row) => row.id) };
}

let nextNeed = 0;

/** POST /api/v1/needs with another valid body (employer, municipality, window…) each time. */
export function intakeRequest(competenceIds: string[]): autocannon.Request {
  return {
    method: 'POST',
    path: '/api/v1/needs',
    headers: { 'content-type': 'application/json' },
    setupRequest: (request) => ({
      ...request,
      body: JSON.stringify(needBody(nextNeed++, competenceIds)),
    }),
  };
}

export interface LoadFigures {
  name: string;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  status5xx: number;
  statusCodes: Record<string, number>;
}

/** One autocannon run against the stack, bounded in time. */
export async function cannon(
  name: string,
  baseUrl: string,
  options: Partial<autocannon.Options> & { duration: number },
): Promise<LoadFigures> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(baseUrl)) throw new Error('load only against 127.0.0.1');
  const result = await autocannon({ url: baseUrl, connections: 10, timeout: 10, ...options });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat?.count ?? 0]),
  );
  return {
    name,
    seconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status5xx: result['5xx'],
    statusCodes,
  };
}

export function formatFigures(f: LoadFigures): string {
  return (
    `${f.name.padEnd(28)} ${f.requestsPerSecond.toFixed(0).padStart(6)} req/s  ` +
    `p50 ${f.p50.toFixed(1).padStart(5)} ms  p99 ${f.p99.toFixed(1).padStart(6)} ms  ` +
    `max ${f.max.toFixed(0).padStart(5)} ms  ${f.requests} requests  errors ${f.errors}  ` +
    `timeouts ${f.timeouts}  non-2xx ${f.non2xx}  5xx ${f.status5xx}  ` +
    `status ${JSON.stringify(f.statusCodes)}`
  );
}
