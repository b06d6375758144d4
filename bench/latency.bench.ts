/**
 * `npm run bench:latency`: posts needs over the public API at a steady pace while api + matcher
 * run as in production (outbox relay, debounced rematch, one run per county at a time), and
 * measures for each need the time from its 201 until it appears in a proposal visible through
 * the broker admin API. Target: p95 ≤ 1 s, debounce included.
 *
 *   npm run bench:latency -- [--needs 200] [--rate 20]
 *   npm run bench:latency -- --compare-listen 2   # polling only vs LISTEN/NOTIFY, alternating
 */
import { withLuhnDigit } from '@km/needs';
import { Client } from 'pg';
import { login, percentile, startBenchStack } from './stack';
import { swedishDayFromToday } from '@km/common';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const NEEDS = arg('needs', 200);
const RATE_PER_SECOND = arg('rate', 20);
const POLL_MS = 25;

/** Municipalities of the LC-KOMP region in Örebro län, where the demo offerings are. */
const MUNICIPALITIES = ['1880', '1885', '1883', '1861', '1864', '1863', '1882', '1881'];
const THEMES = ['truckkort-a-b', 'svetsning-mig-mag', 'heta-arbeten', 'hlr-hjartstartare'];

const day = (offset: number) => swedishDayFromToday(offset);

function needBody(i: number) {
  return {
    employer: {
      orgNumber: withLuhnDigit(`559${String(i).padStart(6, '0')}`),
      name: `Latens ${i} AB`,
      municipalityCode: MUNICIPALITIES[i % MUNICIPALITIES.length],
      sniSection: 'C',
      employees: 5 + (i % 40),
    },
    contact: { name: `Kontakt ${i}`, email: `latens${i}@example.se` },
    title: 'Utbildning för personalen',
    competenceIds: [THEMES[i % THEMES.length]],
    participants: { total: 3, women: 1, men: 2 },
    earliestStart: day(20),
    latestEnd: day(240),
    deliveryModes: ['onsite'],
    maxTravelKm: 90,
    language: 'sv',
    consent: true,
  };
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function measure(env: Record<string, string> = {}) {
  const stack = await startBenchStack({
    name: 'latency',
    matcher: true,
    env: { SEED_DEMO: 'true', PUBLIC_RATE_LIMIT_PER_MINUTE: '100000', ...env },
  });
  try {
    const admin = await login(stack.baseUrl, stack.admin.email, stack.admin.password);
    const proposedNeedIds = async (): Promise<Set<string>> => {
      const seen = new Set<string>();
      for (let offset = 0; ; offset += 200) {
        const response = await fetch(
          `${stack.baseUrl}/api/v1/admin/proposals?status=open&limit=200&offset=${offset}`,
          { headers: admin },
        );
        if (!response.ok) throw new Error(`GET /admin/proposals answered ${response.status}`);
        const body = (await response.json()) as {
          items: { needs: { needId: string }[] }[];
          total: number;
        };
        for (const proposal of body.items) for (const need of proposal.needs) seen.add(need.needId);
        if (offset + 200 >= body.total) return seen;
      }
    };
    // Let the demo data's own first runs settle, so they are not counted.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const submittedAt = new Map<string, number>();
    const visibleAfter = new Map<string, number>();
    let posting = true;
    let lastPost = Date.now();
    const poller = (async () => {
      while (posting || visibleAfter.size < submittedAt.size) {
        const seen = await proposedNeedIds();
        const now = Date.now();
        for (const [id, at] of submittedAt) {
          if (!visibleAfter.has(id) && seen.has(id)) visibleAfter.set(id, now - at);
        }
        if (!posting && Date.now() - lastPost > 15_000) break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    })();
    let pollerError: Error | undefined;
    poller.catch((error: Error) => (pollerError = error));
    const started = Date.now();
    for (let i = 0; i < NEEDS; i++) {
      const due = started + (i * 1000) / RATE_PER_SECOND;
      if (pollerError) throw pollerError;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const response = await fetch(`${stack.baseUrl}/api/v1/needs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(needBody(i)),
      });
      if (response.status !== 201) throw new Error(`POST /needs answered ${response.status}`);
      const { id } = (await response.json()) as { id: string };
      submittedAt.set(id, Date.now());
      lastPost = Date.now();
    }
    posting = false;
    await poller;

    const latencies = [...visibleAfter.values()];
    const runs: { ms: number }[] = await withClient(stack.databaseUrl, (client) =>
      client
        .query(
          `SELECT extract(epoch FROM finished_at - started_at) * 1000 AS ms FROM matching_run
            WHERE status = 'completed' AND created_at >= to_timestamp($1 / 1000.0)`,
          [started],
        )
        .then((result) => result.rows),
    );
    const runMs = runs.map((run) => Number(run.ms));
    const result = {
      needs: NEEDS,
      ratePerSecond: RATE_PER_SECOND,
      inAProposal: latencies.length,
      neverProposed: NEEDS - latencies.length,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      maxMs: Math.max(...latencies),
      runs: runMs.length,
      runP50Ms: Math.round(percentile(runMs, 50)),
      runP95Ms: Math.round(percentile(runMs, 95)),
      target: 'p95 ≤ 1000 ms',
      met: percentile(latencies, 95) <= 1000 && latencies.length === NEEDS,
    };
    return result;
  } finally {
    await stack.stop();
  }
}

async function main(): Promise<void> {
  const rounds = arg('compare-listen', 0);
  if (rounds === 0) {
    const result = await measure();
    console.log(JSON.stringify(result, null, 2));
    if (!result.met) process.exitCode = 1;
    return;
  }
  // Side by side in one session, alternating, so the machine's noise falls on both.
  const rows: Record<string, unknown>[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const listen of ['off', 'on'] as const) {
      const result = await measure({ OUTBOX_LISTEN: listen });
      rows.push({
        round,
        wakeUp: listen === 'on' ? 'LISTEN/NOTIFY' : 'polling only',
        proposed: `${result.inAProposal}/${result.needs}`,
        p50Ms: Math.round(result.p50Ms),
        p95Ms: Math.round(result.p95Ms),
        maxMs: Math.round(result.maxMs),
        runs: result.runs,
      });
      console.error(JSON.stringify(rows[rows.length - 1]));
    }
  }
  console.table(rows);
}

main().catch((error: Error) => {
  console.error(`bench:latency failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
