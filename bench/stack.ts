/**
 * Bench-only: the built api (and optionally the matcher) as child processes on a fresh database,
 * exactly as `npm run dev` runs them, on 127.0.0.1 only.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import type * as Infra from '../scripts/infra';

/** The project root, from source (bench/) or compiled (dist/bench/) alike. */
export const ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
})();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const infra = require(join(ROOT, 'scripts', 'infra.js')) as typeof Infra;

export interface BenchStack {
  baseUrl: string;
  databaseUrl: string;
  admin: { email: string; password: string };
  /** The api process, e.g. to sample its memory. */
  apiPid: number;
  /** The matcher processes, in start order. */
  matcherPids: number[];
  stop: () => Promise<void>;
}

const ADMIN = { email: 'admin@bench.local', password: 'bench-admin-password' };

/** A PostgreSQL server to create the bench database on: DATABASE_URL's, the local one, or embedded. */
async function postgresServer(log: (line: string) => void) {
  const candidates = [process.env.DATABASE_URL, 'postgres://postgres@127.0.0.1:5432/postgres'];
  for (const url of candidates) {
    if (!url) continue;
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return { adminUrl: url, stop: async () => undefined };
    } catch {
      await client.end().catch(() => undefined);
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'km-bench-pg-'));
  chmodSync(dir, 0o755);
  const pg = await infra.startEmbeddedPostgres({
    dataDir: join(dir, 'data'),
    persistent: false,
    log,
  });
  return { adminUrl: pg.adminUrl, stop: pg.stop };
}

async function databaseExists(adminUrl: string, database: string): Promise<boolean> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database]);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

/** The URL of another database on the same server. */
export function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** One statement on the server's maintenance database (CREATE / DROP DATABASE). */
export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitForReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become ready`);
}

export async function startBenchStack(options: {
  name: string;
  matcher: boolean;
  /** How many matcher processes (when `matcher`); one by default. */
  matchers?: number;
  /** Runs on the migrated, seeded database before api and matcher start (bulk loads). */
  prepare?: (databaseUrl: string) => Promise<void>;
  env?: Record<string, string>;
  log?: (line: string) => void;
  /** A redis-server of the bench's own (stopped afterwards), so queued jobs don't pile up in a shared one. */
  ownRedis?: boolean;
  /**
   * Keeps the migrated, seeded and prepared database as this template database and starts from
   * a copy of it the next time (a bulk load of minutes, paid once). The name must change with
   * whatever shapes the data (migrations, instance, day).
   */
  template?: string;
}): Promise<BenchStack> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[bench] ${line}\n`));
  const server = await postgresServer(log);
  const database = `km_bench_${options.name}_${randomBytes(3).toString('hex')}`;
  const fromTemplate = options.template
    ? await databaseExists(server.adminUrl, options.template)
    : false;
  await adminQuery(
    server.adminUrl,
    fromTemplate
      ? `CREATE DATABASE "${database}" TEMPLATE "${options.template}"`
      : `CREATE DATABASE "${database}"`,
  );
  if (fromTemplate) log(`database copied from template ${options.template}`);
  const redis = options.ownRedis
    ? await infra.startRedisServer({ log })
    : await infra.resolveRedis({ log });
  const port = await infra.freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: withDatabase(server.adminUrl, database),
    REDIS_URL: redis.url,
    REDIS_PREFIX: `kmbench-${randomBytes(3).toString('hex')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await redis.stop();
    await server.stop();
  };
  const start = (file: string) => {
    const child = spawn(process.execPath, [join(ROOT, file)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child.pid as number;
  };
  const matcherPids: number[] = [];
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    for (const step of fromTemplate ? [] : ['migrate', 'seed']) {
      const result = spawnSync(process.execPath, [join(ROOT, 'dist/apps/cli/src', `${step}.js`)], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`${step} failed: ${result.stderr || result.stdout}`);
    }
    if (!fromTemplate) {
      await options.prepare?.(env.DATABASE_URL!);
      if (options.template)
        await adminQuery(
          server.adminUrl,
          `CREATE DATABASE "${options.template}" TEMPLATE "${database}"`,
        );
    }
    start('dist/apps/api/src/main.js');
    if (options.matcher)
      for (let i = 0; i < (options.matchers ?? 1); i++)
        matcherPids.push(start('dist/apps/matcher/src/main.js'));
    await waitForReady(`${baseUrl}/health/ready`);
  } catch (error) {
    // Leave nothing behind: processes, the database, an own redis-server.
    await stop().catch(() => undefined);
    throw error;
  }
  return {
    baseUrl,
    databaseUrl: env.DATABASE_URL!,
    admin: ADMIN,
    apiPid: children[0].pid as number,
    matcherPids,
    stop,
  };
}

/** Bearer headers of an account of the stack. */
export async function login(baseUrl: string, email: string, password: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  const body = (await response.json()) as { accessToken: string };
  return { Authorization: `Bearer ${body.accessToken}` };
}

/** p-th percentile (0..100) of the values, nearest-rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
