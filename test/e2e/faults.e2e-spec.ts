import { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { bullConnection, QueueName } from '@km/queue';
import { needBody } from '../../bench/need-bodies';
import { startRedisServer, StartedRedis } from '../../scripts/infra';
import { OwnedPostgres, startOwnedPostgres } from '../support/owned-postgres';
import { startTestApp, TestApp } from '../support/test-app';

interface Outcome {
  status: number;
  ms: number;
  body?: { id?: string; status?: number; type?: string };
  contentType?: string | null;
  retryAfter?: string | null;
  error?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(100);
  }
}

/**
 * The API on a PostgreSQL and a Redis this file owns, so both can be stopped under load without
 * touching the shared servers the other test files use.
 */
describe('faults: PostgreSQL and Redis outages', () => {
  let pg: OwnedPostgres;
  let redis: StartedRedis;
  let t: TestApp;
  let baseUrl: string;
  let competences: string[];
  let next = 0;

  /** A client of its own for checks, reconnected after each restart. */
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  const submit = async (): Promise<Outcome> => {
    const started = Date.now();
    try {
      const response = await fetch(`${baseUrl}/api/v1/needs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(needBody(next++, competences)),
        signal: AbortSignal.timeout(15000),
      });
      return {
        status: response.status,
        ms: Date.now() - started,
        body: (await response.json()) as Outcome['body'],
        contentType: response.headers.get('content-type'),
        retryAfter: response.headers.get('retry-after'),
      };
    } catch (error) {
      return { status: 0, ms: Date.now() - started, error: (error as Error).message };
    }
  };

  /** `workers` clients posting back to back until stopped. */
  const load = (workers: number) => {
    const outcomes: Outcome[] = [];
    let running = true;
    const done = Promise.all(
      Array.from({ length: workers }, async () => {
        while (running) outcomes.push(await submit());
      }),
    );
    return {
      outcomes,
      stop: async () => {
        running = false;
        await done;
        return outcomes;
      },
    };
  };

  beforeAll(async () => {
    [pg, redis] = await Promise.all([startOwnedPostgres(), startRedisServer()]);
    t = await startTestApp(
      { REDIS_URL: redis.url, PUBLIC_RATE_LIMIT_PER_MINUTE: '100000', OUTBOX_POLL_MS: '50' },
      { url: pg.url, drop: async () => undefined },
    );
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    competences = (await query<{ id: string }>(`SELECT id FROM competence ORDER BY id`)).map(
      (row) => row.id,
    );
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([pg?.close(), redis?.stop()]);
  });

  it('PostgreSQL restarted under write load: clean 503s, recovery without restart, no half-written need', async () => {
    const traffic = load(6);
    await waitFor(async () => traffic.outcomes.filter((o) => o.status === 201).length >= 20, 15000);
    await pg.stop();
    const whileDown = traffic.outcomes.length;
    await sleep(1500);
    await pg.start();
    await waitFor(
      async () => traffic.outcomes.slice(whileDown).filter((o) => o.status === 201).length >= 20,
      20000,
    );
    const outcomes = await traffic.stop();

    const unexpected = outcomes.filter((o) => o.status !== 201 && o.status !== 503);
    expect(unexpected).toEqual([]);
    const failed = outcomes.filter((o) => o.status === 503);
    expect(failed.length).toBeGreaterThan(0);
    for (const o of failed) {
      expect(o.contentType).toMatch(/^application\/problem\+json/);
      expect(o.body).toMatchObject({ status: 503, type: '/problems/service-unavailable' });
      expect(Number(o.retryAfter)).toBeGreaterThan(0);
    }
    // Failing fast: no request waited on the dead database for long.
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(6000);

    const created = outcomes.filter((o) => o.status === 201).map((o) => o.body?.id as string);
    const stored = await query<{ id: string }>(`SELECT id FROM need WHERE id = ANY($1::uuid[])`, [
      created,
    ]);
    expect(stored).toHaveLength(created.length);
    const [counts] = await query<Record<string, number>>(`SELECT
      (SELECT count(*) FROM need)::int AS needs,
      (SELECT count(*) FROM need n WHERE NOT EXISTS
         (SELECT 1 FROM need_competence nc WHERE nc.need_id = n.id))::int AS without_competences,
      (SELECT count(*) FROM need n WHERE NOT EXISTS
         (SELECT 1 FROM contact c WHERE c.need_id = n.id))::int AS without_contact,
      (SELECT count(*) FROM need n WHERE NOT EXISTS (SELECT 1 FROM outbox o
         WHERE o.aggregate_id = n.id::text AND o.type = 'NeedSubmitted'))::int AS without_event`);
    expect(counts).toMatchObject({ without_competences: 0, without_contact: 0, without_event: 0 });
    // A commit whose answer was lost in the restart may be stored though the client saw a 503.
    expect(counts.needs).toBeGreaterThanOrEqual(created.length);
    expect(counts.needs).toBeLessThanOrEqual(created.length + failed.length);
  });

  it('Redis stopped: intake still answers 201; started again: each event reaches the queue once', async () => {
    const port = redis.port as number;
    await redis.stop();
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 10; i++) outcomes.push(await submit());
    expect(outcomes.map((o) => o.status)).toEqual(Array(10).fill(201));
    const ids = outcomes.map((o) => o.body?.id as string);
    await sleep(1000);
    const pending = async () =>
      (
        await query<{ n: number }>(
          `SELECT count(*)::int AS n FROM outbox
            WHERE published_at IS NULL AND aggregate_id = ANY($1::text[])`,
          [ids],
        )
      )[0].n;
    expect(await pending()).toBe(10);

    redis = await startRedisServer({ port });
    const queue = new Queue(QueueName.DomainEvents, {
      connection: bullConnection(redis.url),
      prefix: process.env.REDIS_PREFIX,
    });
    try {
      await waitFor(async () => (await pending()) === 0, 30000);
      await sleep(500); // a publish retried after a timeout must not add a second job
      const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'delayed', 'failed']);
      const perNeed = ids.map((id) => jobs.filter((job) => job.data.aggregateId === id).length);
      expect(perNeed).toEqual(Array(10).fill(1));
      expect(new Set(jobs.map((job) => job.data.outboxId)).size).toBe(jobs.length);
    } finally {
      await queue.close();
    }
  });
});
