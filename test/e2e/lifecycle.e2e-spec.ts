import { swedishToday } from '@km/common';
import { randomUUID } from 'node:crypto';
import { NeedExpiryService } from '@km/lifecycle';
import { accountEmail, isoDay, NeedFixture, startWorld, World } from '../support/world';

/**
 * Lifecycle integrity (issue 22): a change in one aggregate (offering, need, initiative, the
 * clock) is applied to the others in the same transaction, every affected row, e-mail and audit
 * entry is written, and the employer, broker and monitoring APIs tell the truth afterwards.
 */
describe('lifecycle integrity', () => {
  let w: World;
  const brokerEmail = accountEmail('brokerOwn');
  const providerEmail = accountEmail('providerOwn');

  beforeAll(async () => {
    w = await startWorld();
  }, 60_000);

  afterAll(async () => {
    await w?.t.close();
  });

  const proposalStatus = async (id: string) =>
    (await w.db.query(`SELECT status FROM proposal WHERE id = $1`, [id]))[0]?.status;
  const notifications = (eventKeyPrefix: string) =>
    w.db.query(
      `SELECT recipient, template, subject, body, need_id FROM notification
        WHERE event_key LIKE $1 || '%' ORDER BY template, recipient, need_id`,
      [eventKeyPrefix],
    );
  const audit = (entityType: string, entityId: string) =>
    w.db.query(
      `SELECT action, actor_role, before, after FROM audit_log
        WHERE entity_type = $1 AND entity_id = $2 ORDER BY created_at, id`,
      [entityType, entityId],
    );
  const outboxFor = (aggregateId: string, type: string) =>
    w.db.query(
      `SELECT county_code, payload FROM outbox WHERE aggregate_id = $1 AND type = $2 ORDER BY county_code`,
      [aggregateId, type],
    );

  /** An open joint_initiative proposal on an offering, as a matching run of `county` writes it. */
  const jointProposal = async (
    offeringId: string,
    needs: NeedFixture[],
    county = '18',
    startDate = isoDay(30),
  ): Promise<string> => {
    const id = `jp-${randomUUID()}`;
    await w.db.query(
      `INSERT INTO proposal (id, kind, county_code, offering_id, start_window_from, start_window_to,
              start_date, venue_municipality_code, participants_total, participants_women,
              participants_men, employers, cost_per_participant_sek, score, competence_ids, theme,
              explanation)
       SELECT $1, 'joint_initiative', $2, o.id, $4::date, $4::date + 30, $4::date,
              o.venue_municipality_code, $5, $6, $7, $6, 4000, 1, $8, 'truck', '{}'
         FROM offering o WHERE o.id = $3`,
      [
        id,
        county,
        offeringId,
        startDate,
        needs.length * 3,
        needs.length,
        needs.length * 2,
        [w.competenceId],
      ],
    );
    for (const n of needs) {
      await w.db.query(
        `INSERT INTO proposal_need (proposal_id, need_id, employer_id, employer_name,
                municipality_code, participants_total, participants_women, participants_men, fit)
         VALUES ($1, $2, $3, 'Fixtur AB', $4, 3, 1, 2, 1)`,
        [id, n.needId, n.employerId, n.municipalityCode],
      );
    }
    return id;
  };

  const needs = async (count: number, region: 'orebro' | 'sormland' = 'orebro') => {
    const list: NeedFixture[] = [];
    for (let i = 0; i < count; i++) list.push(await w.need(region));
    return list;
  };

  const approve = (proposalId: string) =>
    w
      .http()
      .post(`/api/v1/admin/proposals/${proposalId}/approve`)
      .set(w.auth('brokerOwn'))
      .send({});

  const initiativeOn = async (offeringId: string, members: NeedFixture[]): Promise<string> => {
    const res = await approve(await jointProposal(offeringId, members));
    expect(res.status).toBe(201);
    return res.body.initiativeId as string;
  };

  const brokerView = async (initiativeId: string) =>
    (
      await w
        .http()
        .get(`/api/v1/admin/initiatives/${initiativeId}`)
        .set(w.auth('brokerOwn'))
        .expect(200)
    ).body;

  const matchedNeeds = async () =>
    (
      await w
        .http()
        // The running month (admins may see it), which holds today's approval and withdrawal.
        .get(
          `/api/v1/monitoring/summary?countyCode=18&from=${swedishToday().slice(0, 8)}01&to=${swedishToday()}`,
        )
        .set(w.auth('admin'))
        .expect(200)
    ).body.matchedNeeds;

  it('an offering withdrawn: open proposals superseded in every county at once, planned initiatives flagged, approval a 409 in Swedish', async () => {
    const offeringId = await w.offering('orebro');
    const inOrebro = await jointProposal(offeringId, await needs(2, 'orebro'), '18');
    const inSormland = await jointProposal(offeringId, await needs(2, 'sormland'), '04');
    const members = await needs(2);
    const initiativeId = await initiativeOn(offeringId, members);

    await w.http().delete(`/api/v1/offerings/${offeringId}`).set(w.auth('providerOwn')).expect(204);

    // Every county's open proposal on it, in the same transaction: nothing left to approve.
    expect(await proposalStatus(inOrebro)).toBe('superseded');
    expect(await proposalStatus(inSormland)).toBe('superseded');
    // Both counties rematch (the venue county by the offerings service, the other by lifecycle).
    expect(
      (await outboxFor(offeringId, 'OfferingWithdrawn')).map((e: { county_code: string }) =>
        e.county_code.trim(),
      ),
    ).toEqual(['04', '18']);

    // The planned initiative is flagged, not cancelled, and stays as it was otherwise.
    const [row] = await w.db.query(
      `SELECT status, participants_total, attention FROM initiative WHERE id = $1`,
      [initiativeId],
    );
    expect(row.status).toBe('planned');
    expect(row.participants_total).toBe(6);
    expect(row.attention).toEqual([
      expect.objectContaining({
        kind: 'offering-withdrawn',
        detail: expect.stringContaining('har dragits tillbaka'),
      }),
    ]);
    const view = await brokerView(initiativeId);
    expect(view.status).toBe('planned');
    expect(view.attention.map((a: { kind: string }) => a.kind)).toEqual(['offering-withdrawn']);

    // The broker and the provider are told; the employers in it too, in Swedish.
    const mails = await notifications(`OfferingWithdrawn:${offeringId}:${initiativeId}`);
    expect(
      mails.map((m: { template: string; recipient: string }) => [m.template, m.recipient]),
    ).toEqual([
      ['broker.initiative-attention', brokerEmail],
      ['employer.initiative-changed', 'anna@example.se'],
      ['employer.initiative-changed', 'anna@example.se'],
      ['provider.initiative-attention', providerEmail],
    ]);
    expect(
      mails
        .map((m: { need_id: string | null }) => m.need_id)
        .filter(Boolean)
        .sort(),
    ).toEqual(members.map((m) => m.needId).sort());
    expect(mails[0].subject).toContain('behöver ses över');
    expect(mails[1].body).toContain('har dragits tillbaka av anordnaren');

    // Audited: the withdrawal with what it did, each superseded proposal, the flag.
    const [withdrawal] = await audit('offering', offeringId);
    expect(withdrawal).toMatchObject({
      action: 'offering.withdraw',
      actor_role: 'provider',
      after: {
        withdrawn: true,
        supersededProposalIds: [inOrebro, inSormland].sort(),
        flaggedInitiativeIds: [initiativeId],
      },
    });
    expect(await audit('proposal', inSormland)).toEqual([
      expect.objectContaining({
        action: 'proposal.supersede',
        after: { status: 'superseded', reason: 'offering-withdrawn', offeringId },
      }),
    ]);
    expect(
      (await audit('initiative', initiativeId)).map((a: { action: string }) => a.action),
    ).toEqual(['initiative.flag']);

    // Approving the superseded proposal: 409. One written on it afterwards (a stale run): 409
    // with the offering named in Swedish, and it is taken off the list.
    expect((await approve(inSormland)).status).toBe(409);
    const late = await jointProposal(offeringId, await needs(2), '18');
    const refused = await approve(late);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toMatch(
      /kan inte godkännas: utbildningen ".+" har dragits tillbaka/,
    );
    expect(await proposalStatus(late)).toBe('superseded');
    expect(await audit('proposal', late)).toEqual([
      expect.objectContaining({ after: { status: 'superseded', reason: 'offering-withdrawn' } }),
    ]);
    expect(await w.db.query(`SELECT 1 FROM initiative WHERE proposal_id = $1`, [late])).toEqual([]);

    // The employers' tracking page still shows their (planned) course.
    const track = await w.http().get(`/api/v1/needs/track/${members[0].token}`).expect(200);
    expect(track.body.initiative).toMatchObject({ id: initiativeId, status: 'planned' });
  });

  it('a committed need withdrawn: the initiative recounts, is flagged below its minimum, the broker is told, monitoring and the employer page follow, outcomes are capped', async () => {
    const offeringId = await w.offering('orebro');
    await w
      .http()
      .patch(`/api/v1/offerings/${offeringId}`)
      .set(w.auth('providerOwn'))
      .send({ minParticipants: 10, maxParticipants: 12 })
      .expect(200);
    const members = await needs(4);
    const initiativeId = await initiativeOn(offeringId, members);
    const matchedBefore = await matchedNeeds();
    const leaving = members[1];

    const res = await w.http().delete(`/api/v1/needs/track/${leaving.token}`).expect(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', initiative: null });

    const [row] = await w.db.query(
      `SELECT participants_total, participants_women, participants_men, employers,
              cost_per_participant_sek::float AS cost, attention
         FROM initiative WHERE id = $1`,
      [initiativeId],
    );
    expect(row).toMatchObject({
      participants_total: 9,
      participants_women: 3,
      participants_men: 6,
      employers: 3,
      cost: Math.round((20000 / 9 + 3500) * 100) / 100,
    });
    expect(row.attention.map((a: { kind: string }) => a.kind)).toEqual([
      'need-withdrawn',
      'below-minimum',
    ]);
    expect(row.attention[0].detail).toContain('Deltagare: 12 → 9');
    expect(row.attention[1].detail).toContain('under utbildningens minimum 10');
    expect(
      await w.db.query(`SELECT committed FROM initiative_need WHERE need_id = $1`, [
        leaving.needId,
      ]),
    ).toEqual([{ committed: false }]);
    expect(
      (await w.db.query(`SELECT status FROM need WHERE id = $1`, [leaving.needId]))[0].status,
    ).toBe('withdrawn');

    // The broker sees it on the initiative.
    const view = await brokerView(initiativeId);
    expect(view.participants).toEqual({ total: 9, women: 3, men: 6 });
    expect(view.employers).toBe(3);
    expect(view.needs.find((n: { needId: string }) => n.needId === leaving.needId)).toMatchObject({
      committed: false,
      withdrawn: true,
    });

    // The broker and the provider are e-mailed (the employer's own contact is erased).
    const mails = await notifications(`NeedWithdrawn:${leaving.needId}`);
    expect(
      mails.map((m: { template: string; recipient: string }) => [m.template, m.recipient]),
    ).toEqual([
      ['broker.initiative-attention', brokerEmail],
      ['provider.initiative-attention', providerEmail],
    ]);
    expect(mails[0].body).toContain('har återkallat sitt behov');
    expect(mails[0].body).toContain('under utbildningens minimum på 10 deltagare');
    expect(await audit('initiative', initiativeId)).toContainEqual(
      expect.objectContaining({
        action: 'initiative.need-withdrawn',
        actor_role: null,
        before: { participants: 12, employers: 4 },
        after: expect.objectContaining({ participants: 9, employers: 3, belowMinimum: true }),
      }),
    );

    // Monitoring stops counting it as matched.
    const matchedAfter = await matchedNeeds();
    expect(typeof matchedBefore).toBe('number');
    expect(matchedAfter).toBe(matchedBefore - 1);

    // The employer's page says withdrawn and no longer shows the course.
    const page = await w.http().get(`/behov/${leaving.token}`).expect(200);
    expect(page.text).toContain('Återkallat');
    expect(page.text).not.toContain('Truckkort A+B, kvällskurs');

    // Outcomes cannot exceed the participants still enrolled.
    await w
      .http()
      .post(`/api/v1/admin/initiatives/${initiativeId}/status`)
      .set(w.auth('brokerOwn'))
      .send({ status: 'running' })
      .expect(200);
    const tooMany = await w
      .http()
      .post(`/api/v1/admin/initiatives/${initiativeId}/status`)
      .set(w.auth('brokerOwn'))
      .send({ status: 'completed', outcome: { completed: { women: 4, men: 6 } } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({ field: 'outcome.completed' });
  });

  it('an offering changed: open proposals on it superseded and their counties rematched, planned initiatives that no longer fit flagged with what changed', async () => {
    const offeringId = await w.offering('orebro');
    const inOrebro = await jointProposal(offeringId, await needs(2, 'orebro'), '18');
    const inSormland = await jointProposal(offeringId, await needs(2, 'sormland'), '04');
    const members = await needs(2);
    const initiativeId = await initiativeOn(offeringId, members);

    // Only the title: nothing a broker approves changes, proposals stay.
    await w
      .http()
      .patch(`/api/v1/offerings/${offeringId}`)
      .set(w.auth('providerOwn'))
      .send({ title: 'Truckkort A+B, helgkurs' })
      .expect(200);
    expect(await proposalStatus(inOrebro)).toBe('open');

    const moved = [{ from: isoDay(90), to: isoDay(120) }];
    await w
      .http()
      .patch(`/api/v1/offerings/${offeringId}`)
      .set(w.auth('providerOwn'))
      .send({
        minParticipants: 2,
        maxParticipants: 4,
        startWindows: moved,
        venueMunicipalityCode: '1885',
      })
      .expect(200);

    expect(await proposalStatus(inOrebro)).toBe('superseded');
    expect(await proposalStatus(inSormland)).toBe('superseded');
    const events = await outboxFor(offeringId, 'OfferingChanged');
    expect(new Set(events.map((e: { county_code: string }) => e.county_code.trim()))).toEqual(
      new Set(['18', '04']),
    );

    const view = await brokerView(initiativeId);
    expect(view.status).toBe('planned');
    expect(view.attention).toHaveLength(1);
    const detail: string = view.attention[0].detail;
    expect(view.attention[0].kind).toBe('offering-changed');
    expect(detail).toContain('Ort: Örebro → Lindesberg');
    expect(detail).toContain('Deltagare: 5–12 → 2–4');
    expect(detail).toContain('Insatsen har 6 deltagare men utbildningen tar nu högst 4.');
    expect(detail).toContain(`Startdatumet ${isoDay(30)} ligger inte längre i något startfönster`);

    const mails = await w.db.query(
      `SELECT template, recipient FROM notification WHERE event_key LIKE 'OfferingChanged:%' AND event_key LIKE $1
        ORDER BY template, recipient`,
      [`%${initiativeId}%`],
    );
    expect(mails.map((m: { template: string }) => m.template)).toEqual([
      'broker.initiative-attention',
      'employer.initiative-changed',
      'employer.initiative-changed',
      'provider.initiative-attention',
    ]);
    const [update] = (await audit('offering', offeringId)).filter(
      (a: { after: { changes?: string[] } }) => a.after?.changes?.length,
    );
    expect(update).toMatchObject({
      action: 'offering.update',
      after: {
        supersededProposalIds: [inOrebro, inSormland].sort(),
        flaggedInitiativeIds: [initiativeId],
      },
    });
  });

  it('time: a need whose window has ended expires (superseded, e-mailed, renewable), a start in the past cannot be approved', async () => {
    const [old] = await needs(1);
    await w.db.query(`UPDATE need SET earliest_start = $2, latest_end = $3 WHERE id = $1`, [
      old.needId,
      isoDay(-60),
      isoDay(0),
    ]);
    const [current] = await needs(1);
    const proposalId = await w.proposal('orebro', [old, current]);

    const result = await w.t.app.get(NeedExpiryService).expire();
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const rows = await w.db.query(`SELECT id, status FROM need WHERE id = ANY ($1) ORDER BY id`, [
      [old.needId, current.needId],
    ]);
    expect(
      Object.fromEntries(rows.map((r: { id: string; status: string }) => [r.id, r.status])),
    ).toEqual({
      [old.needId]: 'expired',
      [current.needId]: 'proposed',
    });
    expect(await proposalStatus(proposalId)).toBe('superseded');
    const [mail] = await notifications(`NeedExpired:${old.needId}`);
    expect(mail).toMatchObject({ template: 'employer.need-expired', recipient: 'anna@example.se' });
    expect(mail.body).toContain('skicka in det igen');
    expect(await audit('need', old.needId)).toEqual([
      expect.objectContaining({
        action: 'need.expire',
        after: expect.objectContaining({ status: 'expired' }),
      }),
    ]);
    // Its county rematches.
    const [event] = await w.db.query(
      `SELECT county_code FROM outbox WHERE type = 'NeedExpired' AND payload->'needIds' ? $1`,
      [old.needId],
    );
    expect(event.county_code.trim()).toBe('18');
    // Running it again changes nothing.
    expect((await w.t.app.get(NeedExpiryService).expire()).expired).toBe(0);

    // The employer sees it expired, with a way to send it in again (the form, pre-filled).
    const track = await w.http().get(`/api/v1/needs/track/${old.token}`).expect(200);
    expect(track.body.status).toBe('expired');
    const page = await w.http().get(`/behov/${old.token}`).expect(200);
    expect(page.text).toContain('Utgånget');
    expect(page.text).toContain(`href="/behov/${old.token}/skicka-igen"`);
    const form = await w.http().get(`/behov/${old.token}/skicka-igen`).expect(200);
    expect(form.text).toContain('value="Truckkort för lagret"');
    // Withdrawing an expired need is a 409, as the README promises.
    expect((await w.http().delete(`/api/v1/needs/track/${old.token}`)).status).toBe(409);

    // A proposal whose start has passed: 409 in Swedish, taken off the list.
    const offeringId = await w.offering('orebro');
    const past = await jointProposal(offeringId, await needs(2), '18', isoDay(-21));
    const refused = await approve(past);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(`startdatumet ${isoDay(-21)} har redan passerat`);
    expect(await proposalStatus(past)).toBe('superseded');
  });

  it('cancelling asks for a reason (stored, shown, audited, e-mailed); the cohort stays blocked until a broker reopens it', async () => {
    const offeringId = await w.offering('orebro');
    const members = await needs(2);
    const proposalId = await jointProposal(offeringId, members);
    const initiativeId = (await approve(proposalId)).body.initiativeId as string;
    const cancel = (body: object) =>
      w
        .http()
        .post(`/api/v1/admin/initiatives/${initiativeId}/status`)
        .set(w.auth('brokerOwn'))
        .send(body);

    const missing = await cancel({ status: 'cancelled' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const notText = await cancel({ status: 'cancelled', reason: 42 });
    expect(notText.status).toBe(400);
    expect(notText.body.errors).toEqual([{ field: 'reason', message: 'reason must be a string' }]);
    // A reject reason of the wrong type is named as such, not by a length rule.
    const open = await jointProposal(offeringId, await needs(2));
    for (const bad of [42, null]) {
      const rejected = await w
        .http()
        .post(`/api/v1/admin/proposals/${open}/reject`)
        .set(w.auth('brokerOwn'))
        .send({ reason: bad });
      expect(rejected.status).toBe(400);
      expect(rejected.body.errors).toEqual([
        { field: 'reason', message: 'reason must be a string' },
      ]);
    }

    const reason = 'Läraren blev sjuk och ingen ersättare finns';
    const res = await cancel({ status: 'cancelled', reason });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: reason });
    expect(
      (
        await w.db.query(`SELECT status, blocked_since_cancel FROM proposal WHERE id = $1`, [
          proposalId,
        ])
      )[0],
    ).toEqual({ status: 'superseded', blocked_since_cancel: true });
    expect(await audit('initiative', initiativeId)).toContainEqual(
      expect.objectContaining({
        action: 'initiative.status',
        after: expect.objectContaining({ status: 'cancelled', reason }),
      }),
    );
    const mails = await w.db.query(
      `SELECT body FROM notification WHERE event_key LIKE $1 AND template = 'employer.initiative-status'`,
      [`InitiativeStatusChanged:${initiativeId}:cancelled%`],
    );
    expect(mails).toHaveLength(2);
    expect(mails[0].body).toContain(`Skäl: ${reason}`);
    const rows = await w.db.query(`SELECT status FROM need WHERE id = ANY ($1)`, [
      members.map((m) => m.needId),
    ]);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['received', 'received']);

    // Only a cancelled initiative reopens; reopening clears the block and rematches its county.
    const planned = await initiativeOn(offeringId, await needs(2));
    expect(
      (await w.http().post(`/api/v1/admin/initiatives/${planned}/reopen`).set(w.auth('brokerOwn')))
        .status,
    ).toBe(409);
    const reopened = await w
      .http()
      .post(`/api/v1/admin/initiatives/${initiativeId}/reopen`)
      .set(w.auth('brokerOwn'))
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'cancelled', cancelReason: reason });
    expect(
      (
        await w.db.query(`SELECT blocked_since_cancel FROM proposal WHERE id = $1`, [proposalId])
      )[0],
    ).toEqual({ blocked_since_cancel: false });
    expect(await audit('initiative', initiativeId)).toContainEqual(
      expect.objectContaining({ action: 'initiative.reopen-cohort', actor_role: 'broker' }),
    );
  });
});
