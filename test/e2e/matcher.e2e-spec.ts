import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { hashTrackingToken } from '@km/needs';
import { TrackingLinkVault } from '@km/notifications';
import { MatcherModule } from '../../apps/matcher/src/matcher.module';
import { eventually, isoDay, needBody } from '../support/fixtures';
import { TestApp } from '../support/test-app';
import { startWorld, World, WORLD_ADMIN } from '../support/world';

const TRUCK = 'truckkort-a-b';

interface ProposalListItem {
  id: string;
  kind: string;
  status: string;
  offering: { id: string } | null;
  needs: { needId: string; municipalityCode: string }[];
}

describe('queue-driven matcher (api + in-process worker)', () => {
  let t: TestApp;
  let matcher: INestApplicationContext;
  let db: DataSource;
  let world: World;
  let as: Record<string, Record<string, string>>;
  let jointProposalId: string;
  const trackingTokens: string[] = [];
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    world = await startWorld({
      OUTBOX_RELAY: 'on',
      MATCH_DEBOUNCE_MS: '300',
      OUTBOX_POLL_MS: '50',
      LOG_LEVEL: 'silent',
    });
    t = world.t;
    matcher = await NestFactory.createApplicationContext(MatcherModule, { logger: false });
    await matcher.init();
    db = world.db;
    as = {
      admin: world.auth('admin'),
      providerOrebro: world.auth('providerOwn'),
      brokerOrebro: world.auth('brokerOwn'),
      regional18: world.auth('regionalOwn'),
    };
  }, 60_000);

  afterAll(async () => {
    await matcher?.close();
    await t?.close();
  });

  it('four firms in four municipalities and an Örebro course become one open joint initiative, without anyone starting a run', async () => {
    const firms = [
      ['1885', 'Lindesbergs Lager AB'],
      ['1880', 'Örebro Logistik AB'],
      ['1883', 'Karlskoga Verkstad AB'],
      ['1861', 'Hallsbergs Terminal AB'],
    ];
    const needIds: string[] = [];
    for (const [municipalityCode, name] of firms) {
      const res = await http()
        .post('/api/v1/needs')
        .send(needBody({ municipalityCode, name, competenceIds: [TRUCK] }))
        .expect(201);
      needIds.push(res.body.id);
      trackingTokens.push(res.body.trackingToken);
    }
    const offering = await http()
      .post('/api/v1/offerings')
      .set(as.providerOrebro)
      .send({
        title: 'Truckkort A+B',
        competenceIds: [TRUCK],
        deliveryMode: 'onsite',
        venueMunicipalityCode: '1880',
        minParticipants: 6,
        maxParticipants: 12,
        costFixedSek: 20000,
        costPerParticipantSek: 3000,
        durationDays: 3,
        startWindows: [{ from: isoDay(40), to: isoDay(90) }],
        language: 'sv',
      })
      .expect(201);

    const joint = await eventually(async () => {
      const res = await http()
        .get('/api/v1/admin/proposals?status=open&kind=joint_initiative')
        .set(as.brokerOrebro)
        .expect(200);
      const items = res.body.items as ProposalListItem[];
      return items.find((p) => needIds.every((id) => p.needs.some((n) => n.needId === id)));
    });
    expect(joint.offering?.id).toBe(offering.body.id);
    expect(joint.needs.map((n) => n.municipalityCode).sort()).toEqual([
      '1861',
      '1880',
      '1883',
      '1885',
    ]);
    const runs = await db.query(`SELECT trigger, status FROM matching_run`);
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((r: { trigger: string }) => r.trigger === 'event')).toBe(true);
    const statuses = await db.query(`SELECT DISTINCT status FROM need WHERE id = ANY($1)`, [
      needIds,
    ]);
    expect(statuses).toEqual([{ status: 'proposed' }]);
    jointProposalId = joint.id;
  });

  it('once the broker approves, each employer sees its initiative through its tracking link (and the e-mail link works)', async () => {
    await http()
      .post(`/api/v1/admin/proposals/${jointProposalId}/approve`)
      .set(as.brokerOrebro)
      .send({ note: 'Alla fyra har bekräftat' })
      .expect(201);
    for (const token of trackingTokens) {
      const tracked = await http().get(`/api/v1/needs/track/${token}`).expect(200);
      expect(tracked.body.status).toBe('matched');
      expect(tracked.body.initiative).toMatchObject({
        title: 'Truckkort A+B',
        status: 'planned',
        venueMunicipalityName: 'Örebro',
        employers: 4,
        participantsTotal: 8,
      });
      const page = await http().get(`/behov/${token}`).expect(200);
      expect(page.text).toContain('Utbildningsinsats');
      expect(page.text).toContain('3 andra arbetsgivare, 8 deltagare totalt');
      expect(page.text).not.toContain('Lindesbergs Lager AB, Örebro');
    }
    // The intake sealed each token, so the approval e-mail can carry the employer's own link.
    const vault = t.app.get(TrackingLinkVault);
    const links = await Promise.all(
      trackingTokens.map(async (token) => {
        const [need] = await db.query(`SELECT id FROM need WHERE tracking_token_hash = $1`, [
          hashTrackingToken(token),
        ]);
        return vault.trackingUrl(db.manager, need.id);
      }),
    );
    links.forEach((link, i) => expect(link).toMatch(new RegExp(`/behov/${trackingTokens[i]}$`)));
  });

  it('a burst of needs in one county gives one or a few runs, not one per need', async () => {
    const before = Number((await db.query(`SELECT count(*) FROM matching_run`))[0].count);
    const burstStarted = Date.now();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        http()
          .post('/api/v1/needs')
          .send(
            needBody({
              municipalityCode: ['1880', '1881', '1882'][i % 3],
              competenceIds: ['svetsning-mig-mag'],
            }),
          )
          .expect(201),
      ),
    );
    const burstEnded = Date.now();
    await eventually(async () => {
      const rows = await db.query(`SELECT count(*)::int AS n FROM need WHERE status = 'received'`);
      return rows[0].n === 0 ? true : undefined;
    });
    const after = Number((await db.query(`SELECT count(*) FROM matching_run`))[0].count);
    // Each debounce window of the burst (300 ms here) yields at most one run.
    const windows = Math.ceil((burstEnded - burstStarted) / 300);
    expect(after - before).toBeGreaterThanOrEqual(1);
    expect(after - before).toBeLessThanOrEqual(windows + 1);
    expect(after - before).toBeLessThan(30);
  });

  it('a broker starts a run for its county and follows it to completion', async () => {
    const started = await http()
      .post('/api/v1/admin/matching/runs')
      .set(as.brokerOrebro)
      .send({})
      .expect(202);
    const runId = started.body.runId as string;
    const run = await eventually(async () => {
      const res = await http()
        .get(`/api/v1/admin/matching/runs/${runId}`)
        .set(as.brokerOrebro)
        .expect(200);
      return res.body.status === 'completed' ? res.body : undefined;
    });
    expect(run).toMatchObject({ id: runId, countyCode: '18', trigger: 'manual', progress: 1 });
    expect(run.counts.needs).toBeGreaterThanOrEqual(4);
    expect(run.counts.offerings).toBeGreaterThanOrEqual(1);
    expect(run.counts.proposals).toBeGreaterThanOrEqual(1);
    expect(run.startedAt).toBeTruthy();
    expect(run.finishedAt).toBeTruthy();
  });

  it('scopes and validates runs: other county 403, unknown county 400, wrong role 403, unknown run 404', async () => {
    const other = await http()
      .post('/api/v1/admin/matching/runs')
      .set(as.brokerOrebro)
      .send({ countyCode: '01' })
      .expect(403);
    expect(other.headers['content-type']).toContain('application/problem+json');
    const unknown = await http()
      .post('/api/v1/admin/matching/runs')
      .set(as.admin)
      .send({ countyCode: '99' })
      .expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'countyCode' })]);
    await http()
      .post('/api/v1/admin/matching/runs')
      .set(as.admin)
      .send({ countyCode: 'x' })
      .expect(400);
    await http().post('/api/v1/admin/matching/runs').set(as.providerOrebro).send({}).expect(403);
    await http().post('/api/v1/admin/matching/runs').set(as.regional18).send({}).expect(403);
    await http().post('/api/v1/admin/matching/runs').send({}).expect(401);
    await http()
      .get('/api/v1/admin/matching/runs/00000000-0000-4000-8000-000000000000')
      .set(as.admin)
      .expect(404);
    await http().get('/api/v1/admin/matching/runs/not-a-uuid').set(as.admin).expect(400);

    const allCounties = await http()
      .post('/api/v1/admin/matching/runs')
      .set(as.admin)
      .send({})
      .expect(202);
    // A run over every county is the admin's; a broker may not read it.
    await http()
      .get(`/api/v1/admin/matching/runs/${allCounties.body.runId}`)
      .set(as.brokerOrebro)
      .expect(403);
    const done = await eventually(async () => {
      const res = await http()
        .get(`/api/v1/admin/matching/runs/${allCounties.body.runId}`)
        .set(as.admin)
        .expect(200);
      return res.body.status === 'completed' ? res.body : undefined;
    });
    expect(done.countyCode).toBeNull();
  });

  it('an Idempotency-Key makes a retried run request answer the same run', async () => {
    const key = `run-${Date.now()}`;
    const first = await http()
      .post('/api/v1/admin/matching/runs')
      .set({ ...as.brokerOrebro, 'Idempotency-Key': key })
      .send({})
      .expect(202);
    const second = await http()
      .post('/api/v1/admin/matching/runs')
      .set({ ...as.brokerOrebro, 'Idempotency-Key': key })
      .send({})
      .expect(202);
    expect(second.body.runId).toBe(first.body.runId);
  });

  it('Bull Board at /admin/queues is for admins only', async () => {
    const anonymous = await http().get('/admin/queues').expect(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic /);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    await http().get('/admin/queues').set(as.brokerOrebro).expect(403);
    const basicWrong = Buffer.from(`${WORLD_ADMIN.email}:wrong-password`).toString('base64');
    await http().get('/admin/queues').set('Authorization', `Basic ${basicWrong}`).expect(401);

    const page = await http().get('/admin/queues').set(as.admin).expect(200);
    expect(page.text).toContain('<div id="root">');
    // No web fonts from Google: the policy blocks them (a console error on every visit).
    expect(page.text).not.toMatch(/fonts\.googleapis|fonts\.gstatic/);
    // Our remedies for the board's unnamed buttons and low contrast, from this origin (CSP).
    expect(page.text).toContain('<script defer src="/assets/queue-board.js"></script>');
    expect(page.text).toContain('<link href="/assets/queue-board.css" rel="stylesheet">');
    const script = await http().get('/assets/queue-board.js').expect(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.text).toContain('aria-label');
    await http()
      .get('/assets/queue-board.css')
      .expect(200)
      .expect('Content-Type', /^text\/css/);
    const basic = Buffer.from(`${WORLD_ADMIN.email}:${WORLD_ADMIN.password}`).toString('base64');
    const queues = await http()
      .get('/admin/queues/api/queues')
      .set('Authorization', `Basic ${basic}`)
      .expect(200);
    const names = (queues.body.queues as { name: string }[]).map((q) => q.name).sort();
    // Only the queues a matcher worker takes jobs from; none shows "No workers" for ever.
    expect(names).toEqual(['domain-events', 'maintenance', 'matching', 'matching-partitions']);
  });
});
