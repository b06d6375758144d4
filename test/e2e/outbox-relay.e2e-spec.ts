import { Queue } from 'bullmq';
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
    t = await startTestApp({ REDIS_URL: redis.url, OUTBOX_POLL_MS: '50' });
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
    expect(jobs[0].id).toBe(`outbox-${id}`);
    expect(jobs[0].data).toMatchObject({ type: 'NeedSubmitted', countyCode: '18', outboxId: id });
  });

  it('never publishes an event whose transaction rolled back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await t.app
          .get(OutboxService)
          .add(tx, {
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
