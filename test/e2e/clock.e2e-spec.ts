import request from 'supertest';
import { DataSource } from 'typeorm';
import { validNeedBody } from '../support/bodies';
import { fakeDateOnly } from '../support/clock';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * One clock: the service's "today" is the day in Sweden. At 23:30 UTC on 31 December it is
 * already 1 January in Stockholm, whatever time zone the server runs in (the suite runs under
 * TZ=UTC and TZ=Europe/Stockholm).
 */
describe('the clock at 23:30 UTC on New Year’s Eve', () => {
  let t: TestApp;
  let competence: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '10000', OUTBOX_RELAY: 'off' });
    const db = t.app.get(DataSource);
    [{ id: competence }] = await db.query(`SELECT id FROM competence ORDER BY id LIMIT 1`);
    fakeDateOnly(new Date('2026-12-31T23:30:00Z'));
  });
  afterAll(async () => {
    jest.useRealTimers();
    await t?.close();
  });

  it('accepts a need starting on 1 January, the Swedish today', async () => {
    const body = validNeedBody([competence], {
      earliestStart: '2027-01-01',
      latestEnd: '2027-06-30',
    });
    const res = await http().post('/api/v1/needs').send(body).expect(201);
    const stored = await t.app
      .get(DataSource)
      .query(`SELECT earliest_start::text AS day FROM need WHERE id = $1`, [res.body.id]);
    expect(stored[0].day).toBe('2027-01-01');
  });

  it('refuses 31 December as a start in the past, naming today as 1 January', async () => {
    const body = validNeedBody([competence], {
      earliestStart: '2026-12-31',
      latestEnd: '2027-06-30',
    });
    const res = await http().post('/api/v1/needs').send(body).expect(400);
    expect(JSON.stringify(res.body)).toContain('today is 2027-01-01');
  });
});
