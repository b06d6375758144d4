import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@km/config';
import { MailTransport, NotificationDispatcher, TrackingLinkVault } from '@km/notifications';
import { MatchingRunService } from '@km/proposals';
import * as build from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';
import { swedishDayFromToday } from '@km/common';

const ADMIN = { email: 'admin@broker.test', password: 'admin-password-123' };
const PASSWORD = 'account-password-1';
const isoDay = (daysFromNow: number) => swedishDayFromToday(daysFromNow);

describe('broker admin API', () => {
  let t: TestApp;
  let db: DataSource;
  let mailDir: string;
  let ipCounter = 0;
  const tokens: Record<string, string> = {};
  const http = () => request(t.app.getHttpServer());
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const approve = (who: string, id: string, headers: Record<string, string> = {}) =>
    http()
      .post(`/api/v1/admin/proposals/${id}/approve`)
      .set({ ...as(who), ...headers })
      .send({});

  /** An employer + need straight in SQL (status proposed, as after a matching run). */
  const insertNeed = (municipalityCode: string, total = 3, name = 'Företag AB') =>
    build.insertNeed(db, { municipalityCode, participants: total, employer: { name } });

  const insertProposal = (
    needs: { needId: string; employerId: string; municipalityCode?: string }[],
    venue = '1880',
    kind: 'new_initiative' | 'joint_initiative' = 'new_initiative',
  ) =>
    build.insertProposal(db, {
      needs: needs.map((n) => ({ ...n, employerName: 'Företag AB' })),
      venueMunicipalityCode: venue,
      kind,
    });

  beforeAll(async () => {
    mailDir = mkdtempSync(join(tmpdir(), 'km-mail-'));
    chmodSync(mailDir, 0o755);
    t = await startTestApp({
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      MAIL_DIR: mailDir,
      PUBLIC_RATE_LIMIT_PER_MINUTE: '1000',
    });
    db = t.app.get(DataSource);
    const login = async (email: string, password: string) =>
      (
        await http()
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', `10.8.0.${++ipCounter}`)
          .send({ email, password })
          .expect(200)
      ).body.accessToken as string;
    tokens.admin = await login(ADMIN.email, ADMIN.password);
    const accounts: [string, Record<string, string>][] = [
      ['brokerOrebro', { role: 'broker', learningCentreId: 'lc-orebro' }],
      ['brokerViadidakt', { role: 'broker', learningCentreId: 'viadidakt' }],
      ['regional18', { role: 'regional', countyCode: '18' }],
      ['providerOrebro', { role: 'provider', learningCentreId: 'lc-orebro' }],
    ];
    for (const [name, scope] of accounts) {
      await http()
        .post('/api/v1/admin/users')
        .set(as('admin'))
        .send({ email: `${name.toLowerCase()}@broker.test`, password: PASSWORD, ...scope })
        .expect(201);
      tokens[name] = await login(`${name.toLowerCase()}@broker.test`, PASSWORD);
    }
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('50 concurrent approvals over overlapping proposals: one initiative per need, the rest 409', async () => {
    const needs: { needId: string; employerId: string }[] = [];
    for (let i = 0; i < 12; i++) needs.push(await insertNeed('1880'));
    const proposalIds: string[] = [];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 50; i++) {
      const picked = new Set<number>();
      while (picked.size < 3) picked.add(next() % needs.length);
      proposalIds.push(await insertProposal([...picked].map((k) => needs[k])));
    }
    const responses = await Promise.all(proposalIds.map((id) => approve('brokerOrebro', id)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    for (const r of responses.filter((r) => r.status === 409)) {
      expect(r.headers['content-type']).toContain('application/problem+json');
    }

    const twice = await db.query(
      `SELECT need_id FROM initiative_need WHERE committed GROUP BY need_id HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
    const initiatives = await db.query(`SELECT count(*)::int AS n FROM initiative`);
    expect(initiatives[0].n).toBe(statuses.filter((s) => s === 201).length);
    // Every need of an approved proposal is matched and committed exactly once.
    const approvedNeeds = await db.query(
      `SELECT pn.need_id, n.status FROM proposal p JOIN proposal_need pn ON pn.proposal_id = p.id
        JOIN need n ON n.id = pn.need_id WHERE p.status = 'approved'`,
    );
    expect(approvedNeeds.every((n: { status: string }) => n.status === 'matched')).toBe(true);
    expect(new Set(approvedNeeds.map((n: { need_id: string }) => n.need_id)).size).toBe(
      approvedNeeds.length,
    );
    // Nothing is left open: each proposal was approved or superseded.
    const left = await db.query(
      `SELECT status, count(*)::int AS n FROM proposal WHERE id = ANY ($1) GROUP BY status`,
      [proposalIds],
    );
    expect(left.map((r: { status: string }) => r.status).sort()).toEqual([
      'approved',
      'superseded',
    ]);
    const events = await db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE type = 'ProposalApproved' AND county_code = '18'`,
    );
    expect(events[0].n).toBe(initiatives[0].n);
  }, 60_000);

  it('scopes: Sörmland broker 403, regional/provider 403 on approve, anonymous 401', async () => {
    const n = await insertNeed('1880');
    const id = await insertProposal([n]);
    await http().get(`/api/v1/admin/proposals/${id}`).set(as('brokerViadidakt')).expect(403);
    await approve('brokerViadidakt', id).expect(403);
    await http()
      .post(`/api/v1/admin/proposals/${id}/reject`)
      .set(as('brokerViadidakt'))
      .send({ reason: 'Inte vår region' })
      .expect(403);
    await approve('regional18', id).expect(403);
    await approve('providerOrebro', id).expect(403);
    await http().post(`/api/v1/admin/proposals/${id}/approve`).send({}).expect(401);
    await http().get(`/api/v1/admin/proposals`).expect(401);
    await http().get(`/api/v1/admin/proposals/${id}`).set(as('regional18')).expect(200);
    const own = await http()
      .get('/api/v1/admin/proposals?status=open&limit=200')
      .set(as('brokerViadidakt'))
      .expect(200);
    expect(own.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    const mine = await http()
      .get('/api/v1/admin/proposals?status=open&limit=200')
      .set(as('brokerOrebro'))
      .expect(200);
    expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(id);
    await http().get('/api/v1/admin/proposals/unknown-id').set(as('brokerOrebro')).expect(404);
    await http()
      .post(`/api/v1/admin/proposals/${id}/reject`)
      .set(as('brokerOrebro'))
      .send({ reason: 'x' })
      .expect(400);

    // Idempotency-Key: the retry gets the first answer.
    const key = randomUUID();
    const first = await approve('brokerOrebro', id, { 'Idempotency-Key': key }).expect(201);
    const again = await approve('brokerOrebro', id, { 'Idempotency-Key': key }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    await approve('brokerOrebro', id).expect(409);

    // The same key on another proposal is another request: never the first proposal's answer.
    const other = await insertProposal([await insertNeed('1880')]);
    const second = await approve('brokerOrebro', other, { 'Idempotency-Key': key }).expect(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.initiativeId).not.toBe(first.body.initiativeId);

    // The new_initiative approval is the centre's commitment to create the offering.
    const initiative = await http()
      .get(`/api/v1/admin/initiatives/${first.body.initiativeId}`)
      .set(as('brokerOrebro'))
      .expect(200);
    expect(initiative.body).toMatchObject({
      kind: 'new_initiative',
      learningCentreId: 'lc-orebro',
      offeringCommitment: true,
      status: 'planned',
    });
    await http()
      .get(`/api/v1/admin/initiatives/${first.body.initiativeId}`)
      .set(as('brokerViadidakt'))
      .expect(403);
  });

  it('initiative lifecycle: only planned → running → completed | cancelled, with outcome; audited', async () => {
    const n1 = await insertNeed('1880');
    const n2 = await insertNeed('1880');
    const id = await insertProposal([n1, n2]);
    const { initiativeId } = (await approve('brokerOrebro', id).expect(201)).body;
    const status = (body: object) =>
      http()
        .post(`/api/v1/admin/initiatives/${initiativeId}/status`)
        .set(as('brokerOrebro'))
        .send(body);
    await status({ status: 'completed', outcome: { completed: { women: 1, men: 1 } } }).expect(409);
    await status({ status: 'bogus' }).expect(400);
    await status({ status: 'running' }).expect(200);
    await status({ status: 'completed' }).expect(400);
    await status({ status: 'completed', outcome: { completed: { women: 5, men: 5 } } }).expect(400);
    const done = await status({
      status: 'completed',
      outcome: { completed: { women: 2, men: 3 } },
    }).expect(200);
    expect(done.body.outcome).toEqual({ completed: { women: 2, men: 3 } });
    await status({ status: 'cancelled', reason: 'För sent att ställa in' }).expect(409);
    await http()
      .post(`/api/v1/admin/initiatives/${initiativeId}/status`)
      .set(as('regional18'))
      .send({ status: 'running' })
      .expect(403);

    const audit = await http()
      .get(`/api/v1/admin/audit?entityType=initiative&entityId=${initiativeId}`)
      .set(as('admin'))
      .expect(200);
    expect(audit.body.items.map((a: { after: { status: string } }) => a.after.status)).toEqual([
      'completed',
      'running',
    ]);
    expect(audit.body.items[0].actor.email).toBe('brokerorebro@broker.test');
    await http().get('/api/v1/admin/audit').set(as('brokerOrebro')).expect(403);
    const list = await http()
      .get('/api/v1/admin/initiatives?status=completed')
      .set(as('brokerOrebro'))
      .expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(initiativeId);
  });

  it('matcher: a rejected pair never returns; a cancelled initiative’s needs do; the employer gets one e-mail with a working link', async () => {
    const matcher = t.app.get(MatchingRunService);
    const vault = t.app.get(TrackingLinkVault);
    const rematch = () =>
      matcher.execute({
        id: `job-${randomUUID()}`,
        countyCode: '18',
        runId: null,
        trigger: 'manual',
      });
    const offering = async (competenceId: string, title: string) =>
      (
        await http()
          .post('/api/v1/offerings')
          .set(as('providerOrebro'))
          .send({
            title,
            competenceIds: [competenceId],
            deliveryMode: 'onsite',
            venueMunicipalityCode: '1880',
            minParticipants: 4,
            maxParticipants: 12,
            costFixedSek: 10000,
            costPerParticipantSek: 1000,
            durationDays: 2,
            startWindows: [{ from: isoDay(40), to: isoDay(60) }],
            language: 'sv',
          })
          .expect(201)
      ).body.id as string;
    const submit = async (competenceId: string, orgNumber: string, name: string) => {
      const res = await http()
        .post('/api/v1/needs')
        .set('X-Forwarded-For', `10.7.0.${++ipCounter}`)
        .send({
          employer: { orgNumber, name, municipalityCode: '1880', sniSection: 'C', employees: 12 },
          contact: { name: 'Åsa Öberg', email: `${orgNumber}@example.se` },
          title: 'Utbildning för personalen',
          competenceIds: [competenceId],
          participants: { total: 3, women: 1, men: 2 },
          earliestStart: isoDay(30),
          latestEnd: isoDay(120),
          deliveryModes: ['onsite'],
          maxTravelKm: 30,
          language: 'sv',
          consent: true,
        });
      expect(res.body.errors ?? []).toEqual([]);
      expect(res.status).toBe(201);
      // Until the intake stores it itself: seal the token so e-mails can carry the link.
      await vault.store(db.manager, res.body.id, res.body.trackingToken);
      return res.body as { id: string; trackingToken: string };
    };
    const truck = await offering('truckkort-a-b', 'Truckkort A+B i Örebro');
    const hygien = await offering('livsmedelshygien-grund', 'Livsmedelshygien för kök');
    const truckNeeds = [
      await submit('truckkort-a-b', '5560360793', 'Lager & Logistik i Örebro AB'),
      await submit('truckkort-a-b', '5567037485', 'Åkeri Ödmjuk AB'),
    ];
    const foodNeeds = [
      await submit('livsmedelshygien-grund', '2120000142', 'Örebro kommun kök'),
      await submit('livsmedelshygien-grund', '5565945838', 'Café Ängen AB'),
    ];
    await rematch();
    const openProposals = async () =>
      (
        await http()
          .get('/api/v1/admin/proposals?status=open&limit=200')
          .set(as('brokerOrebro'))
          .expect(200)
      ).body.items as {
        id: string;
        offering: { id: string } | null;
        needs: { needId: string }[];
      }[];
    const withOffering = (list: Awaited<ReturnType<typeof openProposals>>, id: string) =>
      list.filter((p) => p.offering?.id === id);

    const first = await openProposals();
    const truckProposal = withOffering(first, truck)[0];
    const foodProposal = withOffering(first, hygien)[0];
    expect(truckProposal).toBeDefined();
    expect(foodProposal).toBeDefined();

    await http()
      .post(`/api/v1/admin/proposals/${truckProposal.id}/reject`)
      .set(as('brokerOrebro'))
      .send({ reason: 'Arbetsgivarna vill ha kvällskurs' })
      .expect(200);
    const approved = await approve('brokerOrebro', foodProposal.id).expect(201);
    await rematch();
    const second = await openProposals();
    const rejectedNeedIds = new Set(truckProposal.needs.map((n) => n.needId));
    for (const p of withOffering(second, truck)) {
      expect(p.needs.some((n) => rejectedNeedIds.has(n.needId))).toBe(false);
    }
    const foodNeedIds = new Set(foodNeeds.map((n) => n.id));
    expect(second.some((p) => p.needs.some((n) => foodNeedIds.has(n.needId)))).toBe(false);

    // The employer's e-mails: the receipt of the intake, and exactly one for the approval, with a
    // working tracking link.
    const dispatcher = new NotificationDispatcher(
      db,
      t.app.get(MailTransport),
      vault,
      t.app.get(APP_CONFIG),
    );
    // Every intake's receipt is pending too: send in batches until nothing is left.
    let sent = 0;
    for (let batch = await dispatcher.dispatchPending(); batch > 0;) {
      sent += batch;
      batch = await dispatcher.dispatchPending();
    }
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(await dispatcher.dispatchPending()).toBe(0);
    const mails = () =>
      readdirSync(mailDir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => JSON.parse(readFileSync(join(mailDir, f), 'utf8')));
    const toEmployerAll = mails().filter((m) => m.to === `2120000142@example.se`);
    expect(toEmployerAll.filter((m) => m.subject.startsWith('Vi har tagit emot'))).toHaveLength(1);
    const toEmployer = toEmployerAll.filter((m) => !m.subject.startsWith('Vi har tagit emot'));
    expect(toEmployer).toHaveLength(1);
    expect(toEmployer[0].subject).toContain('Livsmedelshygien för kök');
    const link = /http:\/\/[^\s]+\/behov\/([A-Za-z0-9_-]{43})/.exec(toEmployer[0].text);
    expect(link?.[1]).toBe(foodNeeds[0].trackingToken);
    const page = await http().get(`/behov/${link![1]}`).expect(200);
    expect(page.text).toContain('Utbildning för personalen');
    const tracked = await http().get(`/api/v1/needs/track/${link![1]}`).expect(200);
    expect(tracked.body.status).toBe('matched');
    // The linked page shows the initiative the need is now part of.
    expect(tracked.body.initiative).toMatchObject({ status: 'planned' });
    expect(page.text).toContain('Utbildningsinsats');
    expect(page.text).toContain(tracked.body.initiative.title);
    expect(
      mails().filter(
        (m) =>
          m.to === 'providerorebro@broker.test' && m.subject.includes('Livsmedelshygien för kök'),
      ),
    ).toHaveLength(1);

    // Cancelling (with a reason) frees the needs; the same cohort comes back only once the
    // broker reopens it, then the next rematch proposes it again.
    await http()
      .post(`/api/v1/admin/initiatives/${approved.body.initiativeId}/status`)
      .set(as('brokerOrebro'))
      .send({ status: 'cancelled', reason: 'Lokalen är inte tillgänglig' })
      .expect(200);
    const freed = await db.query(`SELECT status FROM need WHERE id = ANY ($1)`, [[...foodNeedIds]]);
    expect(freed.map((n: { status: string }) => n.status)).toEqual(['received', 'received']);
    const event = await db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE type = 'InitiativeStatusChanged' AND aggregate_id = $1`,
      [approved.body.initiativeId],
    );
    expect(event[0].n).toBe(1);
    await rematch();
    const blocked = await openProposals();
    expect(
      withOffering(blocked, hygien).some((p) => p.needs.some((n) => foodNeedIds.has(n.needId))),
    ).toBe(false);
    await http()
      .post(`/api/v1/admin/initiatives/${approved.body.initiativeId}/reopen`)
      .set(as('brokerOrebro'))
      .expect(200);
    await rematch();
    const third = await openProposals();
    expect(
      withOffering(third, hygien).some((p) => p.needs.some((n) => foodNeedIds.has(n.needId))),
    ).toBe(true);
    // And it can be approved again.
    await approve('brokerOrebro', withOffering(third, hygien)[0].id).expect(201);
    expect(truckNeeds).toHaveLength(2);
  }, 60_000);
});
