/**
 * `npm run bench:rematch`: a nationwide rematch through the real pipeline. The built api and
 * matcher run as processes on a fresh database; demo needs are seeded in every municipality of
 * Sweden and demo offerings at the LC-KOMP venues (a share of them turned remote, which is
 * national), with the outbox relay off so nothing else runs. Then, each timed from the 202 until
 * the run reads completed:
 *   - `POST /api/v1/admin/matching/runs {}` over the whole country, twice (the second with
 *     nothing changed);
 *   - `POST … {countyCode}` for the county with most open needs, `--county-runs` times (what a
 *     new need there triggers, without the debounce).
 *
 *   npm run bench:rematch -- [--needs 20000] [--offerings 1000] [--remote-share 0.05] [--county-runs 3]
 */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@km/database';
import { seedDemoData } from '@km/demo';
import { login, percentile, startBenchStack } from './stack';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const NEEDS = arg('needs', 20_000);
const OFFERINGS = arg('offerings', 1_000);
const REMOTE_SHARE = arg('remote-share', 0.05);
const COUNTY_RUNS = arg('county-runs', 3);

interface RunView {
  status: string;
  counts: Record<string, number>;
  error: string | null;
}

async function main(): Promise<void> {
  const stack = await startBenchStack({
    name: 'rematch',
    matcher: true,
    ownRedis: true,
    env: { OUTBOX_RELAY: 'off', NIGHTLY_REMATCH_CRON: '0 2 1 1 *' },
  });
  try {
    const seedStarted = Date.now();
    const dataSource = new DataSource(dataSourceOptions(stack.databaseUrl));
    await dataSource.initialize();
    try {
      const all: { code: string }[] = await dataSource.query(`SELECT code FROM municipality`);
      await seedDemoData(dataSource.manager, {
        needs: NEEDS,
        offerings: OFFERINGS,
        seed: 21,
        municipalityCodes: all.map((m) => m.code.trim()),
        emitEvents: false,
      });
      await dataSource.query(
        `UPDATE offering SET delivery_mode = 'remote'
          WHERE id IN (SELECT id FROM offering ORDER BY md5(id::text) LIMIT $1)`,
        [Math.round(OFFERINGS * REMOTE_SHARE)],
      );
    } finally {
      await dataSource.destroy();
    }
    process.stderr.write(`[bench] seeded in ${Date.now() - seedStarted} ms\n`);

    const headers = {
      ...(await login(stack.baseUrl, stack.admin.email, stack.admin.password)),
      'content-type': 'application/json',
    };
    const timedRun = async (body: Record<string, string>) => {
      const started = Date.now();
      const response = await fetch(`${stack.baseUrl}/api/v1/admin/matching/runs`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      if (response.status !== 202)
        throw new Error(`run: ${response.status} ${await response.text()}`);
      const { runId } = (await response.json()) as { runId: string };
      for (;;) {
        const view = (await (
          await fetch(`${stack.baseUrl}/api/v1/admin/matching/runs/${runId}`, { headers })
        ).json()) as RunView;
        if (view.status === 'completed' || view.status === 'failed') {
          if (view.status === 'failed') throw new Error(`run failed: ${view.error}`);
          return { ms: Date.now() - started, counts: view.counts };
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    const first = await timedRun({});
    const repeat = await timedRun({});
    const client = new Client({ connectionString: stack.databaseUrl });
    await client.connect();
    const { rows } = await client.query(
      `SELECT county_code::text AS county, count(*)::int AS n FROM need
        WHERE status IN ('received', 'proposed', 'unmet') GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    const counties = await client.query(`SELECT count(DISTINCT county_code)::int AS n FROM need`);
    await client.end();
    const county = rows[0].county as string;
    const countyRuns: number[] = [];
    let countyCounts: Record<string, number> = {};
    for (let i = 0; i < COUNTY_RUNS; i++) {
      const run = await timedRun({ countyCode: county });
      countyRuns.push(run.ms);
      countyCounts = run.counts;
    }
    console.log(
      JSON.stringify(
        {
          needs: NEEDS,
          offerings: OFFERINGS,
          remoteOfferings: Math.round(OFFERINGS * REMOTE_SHARE),
          countiesWithNeeds: counties.rows[0].n,
          nationalRunMs: first.ms,
          nationalRunCounts: first.counts,
          nationalRepeatMs: repeat.ms,
          nationalRepeatCounts: repeat.counts,
          largestCounty: county,
          largestCountyOpenNeeds: rows[0].n,
          countyRunMs: countyRuns,
          countyRunP50Ms: percentile(countyRuns, 50),
          countyRunCounts: countyCounts,
        },
        null,
        2,
      ),
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
