import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@km/database';
import { seedDemoData } from '@km/demo';
import { MATCHING_JOB_OPTIONS } from '@km/proposals';
import { bullConnection, JobName, QueueName } from '@km/queue';
import { eventually } from '../support/fixtures';
import { startProcess, stopProcess } from '../support/processes';
import { createTestDatabase, testRedisPrefix } from '../support/test-database';

/** Large enough that a county's run lasts long enough to be killed half-way. */
const NEEDS = 6000;
const OFFERINGS = 240;

interface Database {
  url: string;
  name: string;
  drop: () => Promise<void>;
}

/** A matcher worker as its own process, as in production (`node …/matcher/main`). */
const startWorker = (databaseUrl: string, redisPrefix: string): ChildProcess =>
  startProcess('matcher', { DATABASE_URL: databaseUrl, REDIS_PREFIX: redisPrefix });
const stopWorker = stopProcess;

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Queues a manual run the way the API does: the run row first, then its job. */
async function queueRun(db: Database, queue: Queue, countyCode: string): Promise<string> {
  const runId = randomUUID();
  await query(
    db.url,
    `INSERT INTO matching_run (id, job_id, county_code, trigger) VALUES ($1, $2, $3, 'manual')`,
    [runId, `run-${runId}`, countyCode],
  );
  await queue.add(
    JobName.MatchingRun,
    { runId, countyCode, trigger: 'manual' },
    { ...MATCHING_JOB_OPTIONS, jobId: `run-${runId}` },
  );
  return runId;
}

const runStatus = async (db: Database, runId: string) =>
  (
    await query<{ status: string }>(db.url, `SELECT status FROM matching_run WHERE id = $1`, [
      runId,
    ])
  )[0]?.status;

/** Everything a run decides, in a comparable form. */
const proposalsOf = (db: Database, countyCode: string) =>
  query<{ id: string; kind: string; status: string; offering: string | null; needs: string[] }>(
    db.url,
    `SELECT p.id, p.kind, p.status, p.offering_id AS offering,
            array_agg(pn.need_id::text ORDER BY pn.need_id) AS needs
       FROM proposal p JOIN proposal_need pn ON pn.proposal_id = p.id
      WHERE p.county_code = $1
      GROUP BY p.id ORDER BY p.id`,
    [countyCode],
  );

const needStatusesOf = (db: Database, countyCode: string) =>
  query<{ id: string; status: string }>(
    db.url,
    `SELECT id, status FROM need WHERE county_code = $1 ORDER BY id`,
    [countyCode],
  );

describe('matcher worker processes: crash safety and parallel counties', () => {
  let killed: Database;
  let undisturbed: Database;
  const queues: Queue[] = [];
  const workers: ChildProcess[] = [];

  const queueFor = (prefix: string) => {
    const queue = new Queue(QueueName.Matching, {
      connection: bullConnection(process.env.KM_TEST_REDIS_URL!),
      prefix,
    });
    queues.push(queue);
    return queue;
  };
  const worker = (db: Database, prefix: string) => {
    const child = startWorker(db.url, prefix);
    workers.push(child);
    return child;
  };

  beforeAll(async () => {
    killed = await createTestDatabase();
    const dataSource = new DataSource(dataSourceOptions(killed.url));
    await dataSource.initialize();
    try {
      const municipalities = await dataSource.query(
        `SELECT code FROM municipality WHERE county_code IN ('18', '03')`,
      );
      await seedDemoData(dataSource.manager, {
        needs: NEEDS,
        offerings: OFFERINGS,
        seed: 7,
        municipalityCodes: municipalities.map((m: { code: string }) => m.code.trim()),
      });
    } finally {
      await dataSource.destroy();
    }
    // An identical copy for the undisturbed runs to compare with.
    const copy = await createTestDatabase();
    await copy.drop();
    await query(
      process.env.KM_TEST_ADMIN_URL!,
      `CREATE DATABASE "${copy.name}" TEMPLATE "${killed.name}"`,
    );
    undisturbed = copy;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((child) => stopWorker(child, 'SIGKILL')));
    await Promise.all(queues.map((queue) => queue.close()));
    await killed?.drop();
    await undisturbed?.drop();
  });

  it('two worker processes over two counties at once: both finish, each county only its own needs', async () => {
    const prefix = testRedisPrefix();
    const queue = queueFor(prefix);
    const [a, b] = [worker(undisturbed, prefix), worker(undisturbed, prefix)];
    const runs = {
      '18': await queueRun(undisturbed, queue, '18'),
      '03': await queueRun(undisturbed, queue, '03'),
    };
    for (const runId of Object.values(runs)) {
      await eventually(
        async () => ((await runStatus(undisturbed, runId)) === 'completed' ? true : undefined),
        90_000,
        200,
      );
    }
    for (const [county, runId] of Object.entries(runs)) {
      const [run] = await query<{
        county_code: string;
        counts: { needs: number; proposals: number };
      }>(undisturbed.url, `SELECT county_code, counts FROM matching_run WHERE id = $1`, [runId]);
      expect(run.county_code).toBe(county);
      expect(run.counts.proposals).toBeGreaterThan(0);
      const [expectedNeeds] = await query<{ n: number }>(
        undisturbed.url,
        `SELECT count(*)::int AS n FROM need WHERE county_code = $1`,
        [county],
      );
      expect(run.counts.needs).toBe(expectedNeeds.n);
      // No cross-talk: every need in a county's proposals lies in that county.
      const foreign = await query(
        undisturbed.url,
        `SELECT 1 FROM proposal p JOIN proposal_need pn ON pn.proposal_id = p.id
           JOIN need n ON n.id = pn.need_id
          WHERE p.county_code = $1 AND n.county_code <> $1`,
        [county],
      );
      expect(foreign).toEqual([]);
    }
    const unsettled = await query(undisturbed.url, `SELECT 1 FROM need WHERE status = 'received'`);
    expect(unsettled).toEqual([]);
    await Promise.all([stopWorker(a), stopWorker(b)]);
  }, 150_000);

  it('a worker killed with SIGKILL mid-run: another worker finishes the run with exactly the undisturbed result', async () => {
    const prefix = testRedisPrefix();
    const queue = queueFor(prefix);
    const first = worker(killed, prefix);
    const runId = await queueRun(killed, queue, '18');
    await eventually(
      async () => ((await runStatus(killed, runId)) === 'running' ? true : undefined),
      60_000,
      10,
    );
    await stopWorker(first, 'SIGKILL');

    // Killed before its one write transaction committed: nothing of the run is visible.
    expect(await runStatus(killed, runId)).toBe('running');
    expect(await proposalsOf(killed, '18')).toEqual([]);

    worker(killed, prefix);
    await eventually(
      async () => ((await runStatus(killed, runId)) === 'completed' ? true : undefined),
      90_000,
      200,
    );

    const expected = await proposalsOf(undisturbed, '18');
    const actual = await proposalsOf(killed, '18');
    expect(expected.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
    const ids = actual.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await needStatusesOf(killed, '18')).toEqual(await needStatusesOf(undisturbed, '18'));
    const [{ attempts }] = await query<{ attempts: number }>(
      killed.url,
      `SELECT attempts FROM matching_run WHERE id = $1`,
      [runId],
    );
    expect(attempts).toBeGreaterThanOrEqual(2);
  }, 150_000);

  it('SIGTERM lets a worker finish its run, then it exits cleanly', async () => {
    const prefix = testRedisPrefix();
    const queue = queueFor(prefix);
    const child = worker(undisturbed, prefix);
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const runId = await queueRun(undisturbed, queue, '18');
    await eventually(
      async () => ((await runStatus(undisturbed, runId)) === 'running' ? true : undefined),
      60_000,
      10,
    );
    child.kill('SIGTERM');
    // Nest runs the shutdown hooks (the worker waits for its job), then re-raises the signal.
    expect([
      { code: 0, signal: null },
      { code: null, signal: 'SIGTERM' },
    ]).toContainEqual(await exited);
    expect(await runStatus(undisturbed, runId)).toBe('completed');
  }, 120_000);
});
