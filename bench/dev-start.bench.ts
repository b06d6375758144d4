/**
 * npm run bench:dev-start -- [--runs 1]
 *
 * Issue 19: `npm ci && npm run dev` on a clean clone is ready within 60 s with a dashboard that
 * shows data. Clones this repository's HEAD into a temporary folder, links node_modules (what
 * `npm ci` would install; nothing is downloaded), and runs `npm run dev` there with the embedded
 * PostgreSQL (a new data folder), a redis-server of its own and free ports, so nothing is shared
 * with other work on the machine. Times each phase from the start until the banner's last line,
 * then logs in as the demo's regional user and counts the dashboard's charts that hold at least
 * two non-zero points or bars. Stops everything and removes the folder. Prints the load average.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { numberArg } from './http-load';
import { percentile } from './stack';

/** The repository: this file runs compiled, from dist/bench. */
const ROOT = resolve(__dirname, '..', '..');
// The same start-up helpers as `npm run dev` (plain JS in scripts/, found from the repository).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const infra = require(join(ROOT, 'scripts', 'infra')) as {
  startRedisServer(o: {
    log?: (s: string) => void;
  }): Promise<{ url: string; stop(): Promise<void> }>;
};
const RUNS = numberArg('runs', 1);
const TARGET_S = 60;
const READY_TIMEOUT_MS = 600_000;
/** Lines of the dev script that close a phase, in order. */
const PHASES: [string, RegExp][] = [
  ['compiled (swc)', /\[dev\] compiled /],
  ['PostgreSQL up', /\[dev\] PostgreSQL: embedded server on/],
  ['migrated and seeded', /\[dev\] Demo history/],
  ['banner (api ready)', /\[dev\] Press Ctrl-C to stop/],
];

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** The dashboard of Örebro län as the demo's regional user sees it: non-zero values per chart. */
async function dashboardCharts(base: string): Promise<Record<string, number>> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const jar = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = await fetch(`${base}/logga-in`);
  keep(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const login = await fetch(`${base}/logga-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: csrf,
      email: 'regional@orebrolan.demo',
      password: 'kompetens-demo',
    }),
  });
  keep(login);
  const page = await (await fetch(`${base}/uppfoljning`, { headers: { cookie: jar() } })).text();
  const json = /<script type="application\/json" id="dashboard-data">([\s\S]*?)<\/script>/.exec(
    page,
  )?.[1];
  const data = json
    ? (JSON.parse(json) as { charts: Record<string, { datasets: { data: unknown[] }[] }> })
    : { charts: {} };
  // Every chart's table is on the page; only charts with data are in the JSON for Chart.js.
  const ids = [...page.matchAll(/id="chart-([a-z-]+)-table"/g)].map((m) => m[1]);
  return Object.fromEntries(
    ids.map((id) => [
      id,
      (data.charts[id]?.datasets ?? []).flatMap((d) =>
        d.data.filter((v) => typeof v === 'number' && v > 0),
      ).length,
    ]),
  );
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    process.kill(-child.pid!, 'SIGINT');
  });
}

async function run(index: number): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), 'km-dev-start-'));
  // The embedded PostgreSQL runs as the postgres user, who must reach its data folder.
  chmodSync(folder, 0o755);
  const clone = join(folder, 'clone');
  execFileSync('git', ['clone', '-q', ROOT, clone]);
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: clone }).toString();
  const redis = await infra.startRedisServer({});
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DEV_POSTGRES_PORT: String(await freePort()),
    REDIS_URL: redis.url,
  };
  for (const name of ['DATABASE_URL', 'REDIS_PREFIX', 'NODE_ENV', 'LOG_FORMAT', 'LOG_LEVEL']) {
    delete env[name];
  }
  const load = loadavg().map((l) => l.toFixed(1));
  console.log(`run ${index + 1}: clean clone of ${commit.trim()}, load average ${load.join(' ')}`);
  const started = Date.now();
  const child = spawn('npm', ['run', 'dev'], { cwd: clone, env, detached: true });
  const seconds = () => (Date.now() - started) / 1000;
  let next = 0;
  let output = '';
  try {
    const ready = await new Promise<number>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('not ready in time')), READY_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const lines = output.split('\n');
        output = lines.pop() ?? '';
        for (const line of lines) {
          if (next < PHASES.length && PHASES[next][1].test(line)) {
            console.log(`  ${seconds().toFixed(1).padStart(6)} s  ${PHASES[next][0]}`);
            if (/Demo history/.test(line)) console.log(`            ${line.replace('[dev] ', '')}`);
            next++;
            if (next === PHASES.length) {
              clearTimeout(timer);
              done(seconds());
            }
          }
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => fail(new Error(`npm run dev exited (${code}) early`)));
    });
    const charts = await dashboardCharts(`http://127.0.0.1:${port}`);
    const all = Object.keys(charts);
    const full = all.filter((id) => charts[id] >= 2);
    console.log(
      `  ready after ${ready.toFixed(1)} s (target ${TARGET_S} s: ${ready <= TARGET_S ? 'met' : 'NOT met'}); ` +
        `dashboard charts with ≥ 2 non-zero points or bars: ${full.length} of ${all.length}` +
        (full.length < all.length
          ? ` (thin: ${all.filter((id) => !full.includes(id)).join(', ')})`
          : ''),
    );
    return ready;
  } finally {
    await stop(child);
    await redis.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function main() {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await run(i));
  if (RUNS > 1) {
    console.log(`median ${percentile(times, 50).toFixed(1)} s over ${RUNS} runs`);
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
