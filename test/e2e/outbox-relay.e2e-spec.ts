import { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { OutboxService } from '@km/outbox';
import { bullConnection, QueueName } from '@km/queue';
import { startRedisServer, StartedRedis } from '../../scripts/infra';
import { startTestApp, TestApp } from '../support/test-app';

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('outbox relay', () => {
  let redis: StartedRedis;
  let t: TestApp;
  let db: DataSource;
  let queue: Queue;

  const addEvent = (aggregateId: string) =>
    db.transaction((tx) =>
      t.app
        .get(OutboxService)
        .add(tx, { type: 'NeedSubmitted', aggregateType: 'need', aggregateId, countyCode: '18' }),
    );
  const unpublished = async () =>
    Number((await db.query(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`))[0].n);
  const jobsFor = async (aggregateId: string) => {
    const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'delayed', 'failed']);
    return jobs.filter((job) => job.data.aggregateId === aggregateId);
  };

  beforeAll(async () => {
    // A Redis of the test's own, so it can be stopped without touching the shared one.
    redis = await startRedisServer();
    t = await startTestApp({
      REDIS_URL: redis.url,
      OUTBOX_POLL_MS: '50',
      OUTBOX_REDELIVER_AFTER_MS: '1000',
    });
    db = t.app.get(DataSource);
    queue = new Queue(QueueName.DomainEvents, {
      connection: bullConnection(redis.url),
      prefix: process.env.REDIS_PREFIX,
    });
  });
  afterAll(async () => {
    await queue?.close();
    await t?.close();
    await redis?.stop();
  });

  it('publishes a committed event to the queue once and marks it published', async () => {
    const id = await addEvent('need-1');
    await waitFor(async () => ((await unpublished()) === 0 ? true : undefined));
    const jobs = await jobsFor('need-1');
    expect(jobs).toHaveLength(1);
    const [{ event_id: eventId }] = await db.query(`SELECT event_id FROM outbox WHERE id = $1`, [
      id,
    ]);
    // Named by the event's UUID, not the sequence a second database or a restore repeats.
    expect(jobs[0].id).toBe(`event-${eventId}`);
    expect(jobs[0].data).toMatchObject({
      type: 'NeedSubmitted',
      countyCode: '18',
      outboxId: id,
      eventId,
    });
  });

  it('re-sends a published event whose job vanished from the queue, and says so', async () => {
    const id = await addEvent('need-lost');
    await waitFor(async () => ((await unpublished()) === 0 ? true : undefined));
    const [job] = await jobsFor('need-lost');
    // Nobody consumes in this test, so the event waits; a Redis that loses it (no persistence,
    // a flush, another deployment taking it) is what the delivery check is for.
    await job.remove();
    const resent = await waitFor(async () => {
      const jobs = await jobsFor('need-lost');
      return jobs.length === 1 ? jobs[0] : undefined;
    }, 15000);
    expect(resent.id).toBe(job.id);
    const [row] = await db.query(`SELECT attempts, last_error FROM outbox WHERE id = $1`, [id]);
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    expect(row.last_error).toMatch(/not in the queue/);

    // Events published and waiting this long show on /health/ready.
    const ready = await request(t.app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.details.events).toMatchObject({
      status: 'up',
      delivering: expect.any(Boolean),
      unpublished: expect.any(Number),
      unconsumed: expect.any(Number),
    });
  });

  it('never publishes an event whose transaction rolled back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await t.app.get(OutboxService).add(tx, {
          type: 'NeedSubmitted',
          aggregateType: 'need',
          aggregateId: 'need-rolled-back',
        });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await jobsFor('need-rolled-back')).toHaveLength(0);
  });

  it('keeps events while Redis is down and delivers each exactly once when it is back', async () => {
    const port = redis.port as number;
    await queue.close();
    await redis.stop();
    await addEvent('need-during-outage-1');
    await addEvent('need-during-outage-2');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await unpublished()).toBe(2);

    redis = await startRedisServer({ port });
    queue = new Queue(QueueName.DomainEvents, {
      connection: bullConnection(redis.url),
      prefix: process.env.REDIS_PREFIX,
    });
    await waitFor(async () => ((await unpublished()) === 0 ? true : undefined), 20000);
    expect(await jobsFor('need-during-outage-1')).toHaveLength(1);
    expect(await jobsFor('need-during-outage-2')).toHaveLength(1);
  });
});

describe('outbox relay woken by LISTEN/NOTIFY', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    // Polling once a minute: only the notification on commit can explain a prompt publish.
    t = await startTestApp({ OUTBOX_POLL_MS: '60000' });
    db = t.app.get(DataSource);
    // The relay's first pass and the listener's connect happen at start; let them settle.
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
  afterAll(() => t?.close());

  it('publishes an event within a second of its commit', async () => {
    const started = Date.now();
    const id = await db.transaction((tx) =>
      t.app.get(OutboxService).add(tx, {
        type: 'NeedSubmitted',
        aggregateType: 'need',
        aggregateId: 'need-woken',
        countyCode: '18',
      }),
    );
    await waitFor(async () => {
      const [row] = await db.query(`SELECT published_at FROM outbox WHERE id = $1`, [id]);
      return row.published_at ? true : undefined;
    }, 5000);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
