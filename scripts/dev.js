#!/usr/bin/env node
// `npm run dev`: compiles (swc), starts PostgreSQL (embedded unless DATABASE_URL is set) and Redis,
// migrates, seeds the LC-KOMP demo history, runs api + matcher, prints the URLs and demo
// accounts, and shows the apps' JSON logs as one readable line each. Ctrl-C stops all.
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const infra = require('./infra');
const { prettyPipe } = require('./dev-log');
const { build } = require('./dev-build');

const ROOT = path.resolve(__dirname, '..');
const children = [];
// Pretty one-line logs unless LOG_FORMAT=json asks for the apps' own (production) JSON lines.
const prettyLogs = (process.env.LOG_FORMAT || 'pretty') !== 'json';
const stops = [];
let shuttingDown = false;

const say = (line) => process.stdout.write(`[dev] ${line}\n`);
const fail = (line) => {
  process.stderr.write(`[dev] ${line}\n`);
  shutdown(1);
};

function runStep(label, file, env, args = []) {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, file), ...args, ...process.argv.slice(2)],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    },
  );
  if (result.status !== 0)
    throw new Error(`${label} failed: ${(result.stderr || result.stdout).trim()}`);
  for (const line of result.stdout.trim().split('\n')) say(line);
}

function startChild(name, file, env) {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(ROOT, file)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', prettyLogs ? 'pipe' : 'inherit', prettyLogs ? 'pipe' : 'inherit'],
  });
  if (prettyLogs) {
    prettyPipe(child.stdout, name, process.stdout);
    prettyPipe(child.stderr, name, process.stderr);
  }
  child.on('exit', (code, signal) => {
    if (!shuttingDown) fail(`${name} exited (${signal ?? code}); stopping everything.`);
  });
  children.push(child);
  return child;
}

async function waitForReady(url, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  say('stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  process.exit(code);
}

/** Every page and tool a newcomer looks for, and the accounts to sign in with. */
function printBanner(base, env) {
  const urls = [
    ['Startsida (start page)', '/'],
    ['Behovsformulär (public form)', '/behov/ny'],
    ['Personalinloggning (staff)', '/logga-in'],
    ['Mäklare (broker)', '/maklare'],
    ['Utbud (provider)', '/utbud'],
    ['Uppföljning (dashboard)', '/uppfoljning'],
    ['API', '/api/v1'],
    ['OpenAPI docs', '/docs'],
    ['Queues (Bull Board, admin)', '/admin/queues'],
    ['Metrics', '/metrics'],
    ['Health', '/health/ready'],
  ];
  say('');
  say('Kompetensmäklaren is running:');
  for (const [label, url] of urls) say(`  ${label.padEnd(30)}${base}${url}`);
  say('');
  say('Sign in as:');
  const adminPassword = process.env.ADMIN_PASSWORD ? '(from ADMIN_PASSWORD)' : env.ADMIN_PASSWORD;
  say(`  ${'admin'.padEnd(10)}${env.ADMIN_EMAIL.padEnd(30)}${adminPassword}`);
  const { DEMO_ACCOUNTS, DEMO_PASSWORD } = require(
    path.join(ROOT, 'dist/libs/auth/src/demo-accounts.js'),
  );
  for (const account of DEMO_ACCOUNTS) {
    say(`  ${account.role.padEnd(10)}${account.email.padEnd(30)}${DEMO_PASSWORD}`);
  }
  say('');
  say(`Logs: one line per request; LOG_LEVEL=debug for more, LOG_FORMAT=json for raw JSON.`);
}

/** DATABASE_URL, or the embedded PostgreSQL with its data in .data/postgres. */
async function database() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const pg = await infra.startEmbeddedPostgres({
    dataDir: path.join(ROOT, '.data', 'postgres'),
    port: Number(process.env.DEV_POSTGRES_PORT || 0) || undefined,
    log: say,
  });
  stops.push(() => pg.stop());
  await infra.ensureDatabase(pg.adminUrl, 'kompetensmaklaren');
  return pg.urlFor('kompetensmaklaren');
}

async function main() {
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));

  // The compile and PostgreSQL's start (initdb on a clean clone) overlap. swc, not tsc: seconds
  // instead of a minute on a clean clone (type checks: npm run typecheck).
  const [, databaseUrl] = await Promise.all([
    build().then(({ compiled, total, ms }) =>
      say(`compiled ${compiled} of ${total} files with swc (${ms} ms)`),
    ),
    database(),
  ]);

  const redis = await infra.resolveRedis({ log: say });
  stops.push(() => redis.stop());

  const port = process.env.PORT || '3000';
  const env = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV || 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    PORT: port,
    ADMIN_EMAIL: process.env.ADMIN_EMAIL || 'admin@kompetensmaklaren.local',
    ADMIN_PASSWORD: process.env.ADMIN_PASSWORD || 'admin-dev-password',
  };
  say('migrating and seeding the LC-KOMP demo history…');
  runStep('migrations and seed', 'dist/apps/cli/src/seed.js', { ...env, SEED_DEMO: 'true' }, [
    '--migrate',
  ]);

  startChild('api', 'dist/apps/api/src/main.js', env);
  const base = `http://localhost:${port}`;
  if (!(await waitForReady(`${base}/health/ready`)))
    return fail(`api did not become ready at ${base}/health/ready`);
  // The matcher starts once the api is up: on two cores its start-up and the history's backlog of
  // events would otherwise slow the api's. Jobs wait in Redis meanwhile.
  startChild('matcher', 'dist/apps/matcher/src/main.js', env);
  printBanner(base, env);
  say('Press Ctrl-C to stop.');
}

main().catch((error) => fail(error.message));
