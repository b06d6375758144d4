import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@km/database';
import { runMatching } from '@km/matching';
import {
  MATCHING_ENGINE_WORKER_FILE,
  MATCHING_JOB_OPTIONS,
  MatchingScopeLoader,
  ProposalWriter,
} from '@km/proposals';
import { bullConnection, JobName, QueueName } from '@km/queue';
import { MatcherModule } from '../../apps/matcher/src/matcher.module';
import { FAILING_EMPLOYER } from '../support/failing-engine.worker';
import { proposalRowVersions, seedDemoCounties } from '../support/builders';
import { eventually } from '../support/fixtures';
import { createTestDatabase, testRedisPrefix } from '../support/test-database';

/** Each partition takes this long, so both workers get some before the first is done. */
const SLOW_MS = 1500;

/**
 * Two matcher workers (each its own Nest context with one engine thread) sharing nationwide
 * runs: a parent run whose partitions are child runs on their own queue.
 */
describe('a nationwide run as partitions shared by two matcher workers', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: DataSource;
  const matchers: INestApplicationContext[] = [];
  let queue: Queue;
  let partitions: Queue;
  const prefix = testRedisPrefix();

  const startMatcher = async () => {
    const moduleRef = await Test.createTestingModule({ imports: [MatcherModule] })
      .overrideProvider(MATCHING_ENGINE_WORKER_FILE)
      .useValue(join(__dirname, '..', 'support', 'failing-engine.worker.ts'))
      .setLogger(false as never)
      .compile();
    matchers.push(await moduleRef.init());
  };

  const nationwideRun = async () => {
    const runId = randomUUID();
    await db.query(
      `INSERT INTO matching_run (id, job_id, county_code, trigger) VALUES ($1, $2, NULL, 'manual')`,
      [runId, `run-${runId}`],
    );
    await queue.add(
      JobName.MatchingRun,
      { runId, countyCode: null, trigger: 'manual' },
      { ...MATCHING_JOB_OPTIONS, jobId: `run-${runId}` },
    );
    const progress: number[] = [];
    const run = await eventually(
      async () => {
        const [row] = await db.query(
          `SELECT status, progress, attempts, counts, error FROM matching_run WHERE id = $1`,
          [runId],
        );
        progress.push(Number(row.progress));
        return row.status === 'completed' || row.status === 'failed' ? row : undefined;
      },
      120_000,
      50,
    );
    const children: { id: string; jobId: string; status: string; error: string | null }[] =
      await db.query(
        `SELECT id, job_id AS "jobId", status, error FROM matching_run
          WHERE parent_run_id = $1 ORDER BY job_id`,
        [runId],
      );
    return { runId, run, progress, children };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(dataSourceOptions(database.url));
    await db.initialize();
    await seedDemoCounties(db, ['03', '17', '18'], { needs: 120, offerings: 16, seed: 11 });
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      REDIS_URL: process.env.KM_TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      OUTBOX_RELAY: 'off',
      KM_SLOW_ENGINE_MS: String(SLOW_MS),
      MATCH_ENGINE_THREADS: '1',
    });
    await startMatcher();
    await startMatcher();
    const connection = bullConnection(process.env.KM_TEST_REDIS_URL!);
    queue = new Queue(QueueName.Matching, { connection, prefix });
    partitions = new Queue(QueueName.MatchingPartitions, { connection, prefix });
  }, 120_000);

  afterAll(async () => {
    await queue?.close();
    await partitions?.close();
    await Promise.all(matchers.map((m) => m.close()));
    await db?.destroy();
    await database?.drop();
    delete process.env.KM_SLOW_ENGINE_MS;
    delete process.env.MATCH_ENGINE_THREADS;
  });

  it('both workers run partitions; the parent shows progress, completes once, and its proposals are what one engine call finds', async () => {
    const { runId, run, progress, children } = await nationwideRun();

    expect(run.status).toBe('completed');
    expect(run.attempts).toBe(1);
    expect(children.length).toBeGreaterThanOrEqual(2);
    expect(run.counts.partitions).toBe(children.length);
    expect(children.every((c) => c.status === 'completed')).toBe(true);
    // Progress is the share of partitions done, then 1 (the partitions differ in size, so the
    // slow test engine ends them apart).
    const sizes: { needs: number }[] = await db.query(
      `SELECT (counts->>'needs')::int AS needs FROM matching_run WHERE parent_run_id = $1`,
      [runId],
    );
    expect(new Set(sizes.map((s) => s.needs)).size).toBe(sizes.length);
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
    expect(progress[progress.length - 1]).toBe(1);

    const jobs = await Promise.all(children.map((c) => partitions.getJob(c.jobId)));
    expect(jobs.every((j) => j?.attemptsMade === 1)).toBe(true);
    expect(new Set(jobs.map((j) => j?.processedBy)).size).toBe(2);
    const parent = await queue.getJob(`run-${runId}`);
    expect(await parent!.getState()).toBe('completed');
    expect(parent!.attemptsMade).toBe(1);

    // No need in two open proposals, no start window booked by two partitions.
    const doubled = await db.query(
      `SELECT pn.need_id FROM proposal_need pn JOIN proposal p ON p.id = pn.proposal_id
        WHERE p.status = 'open' GROUP BY 1 HAVING count(*) > 1`,
    );
    expect(doubled).toEqual([]);
    const windows = await db.query(
      `SELECT p.offering_id, p.start_window_from, count(DISTINCT p.run_id) AS runs
         FROM proposal p WHERE p.status = 'open' AND p.kind = 'joint_initiative'
        GROUP BY 1, 2 HAVING count(DISTINCT p.run_id) > 1`,
    );
    expect(windows).toEqual([]);

    // The partitions together found what a single call of the engine over the country finds.
    const input = await matchers[0].get(MatchingScopeLoader).load(null);
    const whole = runMatching({ ...input, previousProposals: [] });
    const open: { id: string }[] = await db.query(
      `SELECT id FROM proposal WHERE status = 'open' ORDER BY id`,
    );
    expect(open.map((p) => p.id)).toEqual(whole.proposals.map((p) => p.id).sort());

    // Each partition recomputed the ESF drafts of its own themes: they are what recomputing
    // every county's drafts from the database gives.
    const drafts = () =>
      db.query(
        `SELECT county_code, theme, proposal_ids, employers, participants_total, budget_sek,
                eligible, flags
           FROM project_draft ORDER BY county_code, theme`,
      );
    const written = await drafts();
    expect(written.some((d: { proposal_ids: string[] }) => d.proposal_ids.length > 0)).toBe(true);
    await db.transaction((tx) =>
      matchers[0].get(ProposalWriter).recomputeDrafts(tx, ['03', '17', '18'], runId),
    );
    expect(await drafts()).toEqual(written);
  }, 180_000);

  it('a repeat nationwide run with nothing changed writes no proposal rows', async () => {
    const versions = () => proposalRowVersions(db);
    const before = await versions();
    const { run } = await nationwideRun();
    expect(run.status).toBe('completed');
    expect(run.counts.inserted).toBe(0);
    expect(run.counts.superseded).toBe(0);
    expect(await versions()).toEqual(before);
  }, 180_000);

  it('a partition that keeps failing fails the parent with its error, once', async () => {
    await db.query(
      `UPDATE employer SET name = $1
        WHERE id = (SELECT employer_id FROM need WHERE status = 'proposed' ORDER BY id LIMIT 1)`,
      [FAILING_EMPLOYER],
    );
    const { runId, run, children } = await nationwideRun();

    expect(run.status).toBe('failed');
    expect(run.error).toContain(`the engine failed on a need of ${FAILING_EMPLOYER}`);
    const failing = children.filter((c) => c.error?.includes('the engine failed'));
    expect(failing).toHaveLength(1);
    expect(failing[0].status).toBe('failed');
    const failedJob = await partitions.getJob(failing[0].jobId);
    expect(failedJob!.attemptsMade).toBe(MATCHING_JOB_OPTIONS.attempts);
    // The parent is not retried: its partitions already had their retries.
    const parent = await queue.getJob(`run-${runId}`);
    expect(await parent!.getState()).toBe('failed');
    expect(parent!.attemptsMade).toBe(1);
    // The others complete, or end unwritten once the parent has failed.
    const others = await eventually(async () => {
      const rows: { status: string; error: string | null }[] = await db.query(
        `SELECT status, error FROM matching_run WHERE parent_run_id = $1 AND id <> $2`,
        [runId, failing[0].id],
      );
      return rows.every((r) => r.status === 'completed' || r.status === 'failed')
        ? rows
        : undefined;
    }, 60_000);
    for (const other of others)
      expect(
        other.status === 'completed' ||
          other.error === 'the nationwide run this partition belongs to ended first',
      ).toBe(true);
  }, 180_000);
});
