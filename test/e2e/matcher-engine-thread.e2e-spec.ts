import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@km/database';
import { MATCHING_ENGINE_WORKER_FILE, MATCHING_JOB_OPTIONS } from '@km/proposals';
import { bullConnection, JobName, QueueName } from '@km/queue';
import { MatcherModule } from '../../apps/matcher/src/matcher.module';
import { proposalRowVersions, seedDemoCounties } from '../support/builders';
import { eventually } from '../support/fixtures';
import { createTestDatabase, testRedisPrefix } from '../support/test-database';

/** Longer than the 5 s job lock: on the main thread this starved the lock renewal. */
const SLOW_MS = 8000;

describe('the matching engine runs off the event loop', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: DataSource;
  let matcher: INestApplicationContext;
  let queue: Queue;
  let events: QueueEvents;
  const prefix = testRedisPrefix();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(dataSourceOptions(database.url));
    await db.initialize();
    await seedDemoCounties(db, ['18'], { needs: 40, offerings: 6, seed: 3 });
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      REDIS_URL: process.env.KM_TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      OUTBOX_RELAY: 'off',
      KM_SLOW_ENGINE_MS: String(SLOW_MS),
      MATCH_ENGINE_THREADS: '1',
    });
    const moduleRef = await Test.createTestingModule({ imports: [MatcherModule] })
      .overrideProvider(MATCHING_ENGINE_WORKER_FILE)
      .useValue(join(__dirname, '..', 'support', 'slow-engine.worker.ts'))
      .setLogger(false as never)
      .compile();
    matcher = await moduleRef.init();
    const connection = bullConnection(process.env.KM_TEST_REDIS_URL!);
    queue = new Queue(QueueName.Matching, { connection, prefix });
    events = new QueueEvents(QueueName.Matching, { connection, prefix });
    await events.waitUntilReady();
  }, 120_000);

  afterAll(async () => {
    await events?.close();
    await queue?.close();
    await matcher?.close();
    await db?.destroy();
    await database?.drop();
    delete process.env.KM_SLOW_ENGINE_MS;
    delete process.env.MATCH_ENGINE_THREADS;
  });

  it('a partition slower than the job lock runs once: the lock renews, the loop keeps turning, BullMQ and matching_run agree', async () => {
    const stalled: string[] = [];
    events.on('stalled', ({ jobId }) => stalled.push(jobId));
    let longestGap = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 50);

    const runId = randomUUID();
    await db.query(
      `INSERT INTO matching_run (id, job_id, county_code, trigger) VALUES ($1, $2, '18', 'manual')`,
      [runId, `run-${runId}`],
    );
    const started = Date.now();
    await queue.add(
      JobName.MatchingRun,
      { runId, countyCode: '18', trigger: 'manual' },
      { ...MATCHING_JOB_OPTIONS, jobId: `run-${runId}` },
    );
    const run = await eventually(
      async () => {
        const [row] = await db.query(
          `SELECT status, attempts, counts FROM matching_run WHERE id = $1`,
          [runId],
        );
        return row.status === 'completed' ? row : undefined;
      },
      90_000,
      100,
    );
    clearInterval(ticker);

    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_MS);
    expect(run.attempts).toBe(1);
    expect(run.counts.proposals).toBeGreaterThan(0);
    const job = await queue.getJob(`run-${runId}`);
    expect(await job!.getState()).toBe('completed');
    expect(job!.attemptsMade).toBe(1);
    expect(stalled).toEqual([]);
    // The engine's seconds of work did not hold the matcher's own event loop.
    expect(longestGap).toBeLessThan(1000);
  }, 120_000);

  it('a repeat run with nothing changed writes no proposal rows', async () => {
    const versions = () => proposalRowVersions(db);
    const before = await versions();
    expect(before.length).toBeGreaterThan(0);
    const runId = randomUUID();
    await db.query(
      `INSERT INTO matching_run (id, job_id, county_code, trigger) VALUES ($1, $2, '18', 'manual')`,
      [runId, `run-${runId}`],
    );
    await queue.add(
      JobName.MatchingRun,
      { runId, countyCode: '18', trigger: 'manual' },
      { ...MATCHING_JOB_OPTIONS, jobId: `run-${runId}` },
    );
    const run = await eventually(
      async () => {
        const [row] = await db.query(`SELECT status, counts FROM matching_run WHERE id = $1`, [
          runId,
        ]);
        return row.status === 'completed' ? row : undefined;
      },
      90_000,
      100,
    );
    expect(run.counts.inserted).toBe(0);
    expect(run.counts.superseded).toBe(0);
    expect(await versions()).toEqual(before);
  }, 120_000);
});
