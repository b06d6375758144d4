import { randomUUID } from 'node:crypto';
import { MatchingRunService } from '@km/proposals';
import { SESSION_COOKIE } from '../../apps/api/src/staff/staff-session';
import { isoDay, validOfferingBody } from '../support/bodies';
import { needBody } from '../support/fixtures';
import { startWorld, World } from '../support/world';

/**
 * No course is ever overbooked (issue 21, capacity): a start window holds `groups` groups of at
 * most maxParticipants; approved initiatives hold them; runs propose only into what is free (new
 * cohorts into free groups, late needs into the free seats of a planned initiative); approval
 * re-checks under the window's row lock, so concurrent approvals can never exceed it.
 */
describe('capacity of a start window', () => {
  let w: World;
  let csrf: { cookies: string; token: string };
  // Each scenario has a competence of its own, so their needs never meet in one cohort.
  const TRUCK = 'truckkort-a-b';
  const WELDING = 'svetsning-tig';
  const EXCEL = 'excel-grundkurs';
  const WINDOW = { from: isoDay(40), to: isoDay(90) };

  beforeAll(async () => {
    w = await startWorld();
    csrf = await w.staffCsrf();
  }, 60_000);
  afterAll(() => w?.t.close());

  const admin = () => w.auth('admin');
  const cookie = () => `${csrf.cookies}; ${SESSION_COOKIE}=${w.tokens.admin}`;

  /** The course in Karlskoga: min 2, max 8, one start window. */
  const course = async (competenceId: string, title: string): Promise<string> => {
    const res = await w
      .http()
      .post('/api/v1/offerings')
      .set(admin())
      .send(
        validOfferingBody([competenceId], {
          title,
          learningCentreId: 'lc-karlskoga',
          venueMunicipalityCode: '1883',
          minParticipants: 2,
          maxParticipants: 8,
          costFixedSek: 16000,
          costPerParticipantSek: 2000,
          startWindows: [WINDOW],
        }),
      );
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  /** A need through the API: its id, or its tracking token (for the employer's page). */
  const need = async (
    competenceId: string,
    total: number,
    municipalityCode = '1883',
    trackingToken = false,
  ): Promise<string> => {
    const women = Math.floor(total / 2);
    const res = await w
      .http()
      .post('/api/v1/needs')
      .set('X-Forwarded-For', w.nextIp())
      .send(
        needBody({
          municipalityCode,
          competenceIds: [competenceId],
          name: `Firma ${randomUUID().slice(0, 6)} AB`,
          participants: { total, women, men: total - women },
        }),
      );
    expect(res.status).toBe(201);
    return (trackingToken ? res.body.trackingToken : res.body.id) as string;
  };

  const rematch = () =>
    w.t.app.get(MatchingRunService).execute({
      id: `capacity-${randomUUID()}`,
      countyCode: '18',
      runId: null,
      trigger: 'manual',
    });

  interface OpenProposal {
    id: string;
    kind: string;
    participants_total: number;
    initiative_id: string | null;
    need_ids: string[];
  }
  const openOn = (offeringId: string): Promise<OpenProposal[]> =>
    w.db.query(
      `SELECT p.id, p.kind, p.participants_total, p.initiative_id,
              array_agg(pn.need_id::text ORDER BY pn.need_id) AS need_ids
         FROM proposal p JOIN proposal_need pn ON pn.proposal_id = p.id
        WHERE p.offering_id = $1 AND p.status = 'open' GROUP BY p.id ORDER BY p.id`,
      [offeringId],
    );

  const approve = (proposalId: string) =>
    w.http().post(`/api/v1/admin/proposals/${proposalId}/approve`).set(admin()).send({});

  /** Seats and groups approved initiatives hold on the offering (cancelled ones hold none). */
  const held = async (offeringId: string) =>
    (
      await w.db.query(
        `SELECT count(*)::int AS groups, coalesce(sum(participants_total), 0)::int AS seats
           FROM initiative WHERE offering_id = $1 AND status <> 'cancelled'`,
        [offeringId],
      )
    )[0] as { groups: number; seats: number };

  /** A joint proposal on the window written by another county's run (the county 17). */
  const proposalFromCounty17 = async (offeringId: string, needIds: string[]): Promise<string> => {
    const id = `jp-${randomUUID()}`;
    const needs: { id: string; employer_id: string; participants_total: number }[] =
      await w.db.query(
        `SELECT id, employer_id, participants_total FROM need WHERE id = ANY ($1) ORDER BY id`,
        [needIds],
      );
    const total = needs.reduce((s, n) => s + n.participants_total, 0);
    await w.db.query(
      `INSERT INTO proposal (id, kind, county_code, offering_id, start_window_from, start_window_to,
              start_date, venue_municipality_code, participants_total, participants_women,
              participants_men, employers, cost_per_participant_sek, score, competence_ids, theme,
              explanation)
       SELECT $1, 'joint_initiative', '17', o.id, $3::date, $4::date, $3::date,
              o.venue_municipality_code, $5, 0, $5, $6, 4000, 1, '{${WELDING}}', 'svets', '{}'
         FROM offering o WHERE o.id = $2`,
      [id, offeringId, WINDOW.from, WINDOW.to, total, needs.length],
    );
    for (const n of needs)
      await w.db.query(
        `INSERT INTO proposal_need (proposal_id, need_id, employer_id, employer_name,
                municipality_code, participants_total, participants_women, participants_men, fit)
         VALUES ($1, $2, $3, 'Kristinehamns Verkstad AB', '1781', $4, 0, $4, 1)`,
        [id, n.id, n.employer_id, n.participants_total],
      );
    return id;
  };

  let truckCourse = '';
  let truckInitiative = '';

  it('the provider sets groups per start window (default 1), validated through the API', async () => {
    truckCourse = await course(TRUCK, 'Truckkort A+B i Karlskoga');
    const read = await w.http().get(`/api/v1/offerings/${truckCourse}`).set(admin()).expect(200);
    expect(read.body.startWindows).toEqual([{ ...WINDOW, groups: 1 }]);
    const bad = await w
      .http()
      .patch(`/api/v1/offerings/${truckCourse}`)
      .set(admin())
      .send({ startWindows: [{ ...WINDOW, groups: 0 }] })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('groups');
    const docs = await w.http().get('/docs-json').expect(200);
    expect(docs.body.components.schemas.StartWindowDto.properties.groups).toMatchObject({
      minimum: 1,
      default: 1,
    });
  });

  it('after an initiative took 7 of 8 seats, three new needs get no fresh proposal of 7 on the window', async () => {
    for (const total of [4, 3]) await need(TRUCK, total);
    await rematch();
    const [cohort] = await openOn(truckCourse);
    expect(cohort).toMatchObject({ kind: 'joint_initiative', participants_total: 7 });
    const approved = await approve(cohort.id);
    expect(approved.status).toBe(201);
    truckInitiative = approved.body.initiativeId;
    expect(await held(truckCourse)).toEqual({ groups: 1, seats: 7 });

    const late = [await need(TRUCK, 3), await need(TRUCK, 2), await need(TRUCK, 2)];
    await rematch();
    // At most the one free seat: no new cohort, and no fill (each late need has 2 or more).
    expect(await openOn(truckCourse)).toEqual([]);
    const statuses: { status: string }[] = await w.db.query(
      `SELECT DISTINCT status FROM need WHERE id = ANY ($1)`,
      [late],
    );
    expect(statuses.map((s) => s.status)).not.toContain('matched');
  });

  it('the employer whose need only fits a fully booked course reads so on its own page', async () => {
    const HYGIENE = 'livsmedelshygien-grund';
    const hygieneCourse = await course(HYGIENE, 'Livsmedelshygien i Karlskoga');
    for (const total of [4, 4]) await need(HYGIENE, total);
    await rematch();
    const [cohort] = await openOn(hygieneCourse);
    expect(cohort).toMatchObject({ kind: 'joint_initiative', participants_total: 8 });
    expect((await approve(cohort.id)).status).toBe(201);

    const late = await need(HYGIENE, 3, '1883', true);
    await rematch();
    const page = await w.http().get(`/behov/${late}`).expect(200);
    const text = page.text.replace(/\s+/g, ' ');
    expect(text).toContain(
      'Behovet passar kursen Livsmedelshygien i Karlskoga i Karlskoga, men kursen är fullbokad ' +
        'under de startperioder som passar er.',
    );
    expect(text).toMatch(/Kursen är fullbokad från \d{1,2} \w+ \d{4} till \d{1,2} \w+ \d{4}/);
    expect(text).not.toMatch(/groups|capacity|\bfull\b/i);
  });

  it('concurrent approvals of two proposals on one window: one 201, one 409 in Swedish; never more than 8', async () => {
    const weldingCourse = await course(WELDING, 'TIG-svetsning i Karlskoga');
    for (const total of [3, 2, 2]) await need(WELDING, total);
    await rematch();
    const [own] = await openOn(weldingCourse);
    expect(own).toMatchObject({ kind: 'joint_initiative', participants_total: 7 });
    const kristinehamn = [await need(WELDING, 3, '1781'), await need(WELDING, 3, '1781')];
    const other = await proposalFromCounty17(weldingCourse, kristinehamn);

    const answers = await Promise.all([approve(own.id), approve(other)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 409, type: expect.stringContaining('full') });
    expect(refused.body.detail).toContain('Kursen är fullbokad');
    const { groups, seats } = await held(weldingCourse);
    expect(groups).toBe(1);
    expect(seats).toBeLessThanOrEqual(8);

    // A third proposal on the full window, approved from the broker's page: a Swedish page.
    const third = await proposalFromCounty17(weldingCourse, [await need(WELDING, 2, '1781')]);
    const page = await w
      .http()
      .post(`/maklare/forslag/${third}/godkann`)
      .set('Cookie', cookie())
      .type('form')
      .send({ _csrf: csrf.token });
    expect(page.status).toBe(409);
    expect(page.text).toContain('<h1>Kursen är fullbokad</h1>');
    expect(page.text).not.toMatch(/start-window-full|joint_initiative/);
    const [{ status }] = await w.db.query(`SELECT status FROM proposal WHERE id = $1`, [third]);
    expect(status).toBe('superseded');
    expect(await held(weldingCourse)).toEqual({ groups, seats });
  });

  it('cancelling frees the group and its seats, and the next run fills them', async () => {
    // Two more firms whose 4 + 4 fill a whole group once it is free.
    for (const total of [4, 4]) await need(TRUCK, total);
    await rematch();
    expect(await openOn(truckCourse)).toEqual([]);
    await w
      .http()
      .post(`/api/v1/admin/initiatives/${truckInitiative}/status`)
      .set(admin())
      .send({ status: 'cancelled', reason: 'Läraren blev sjuk' })
      .expect(200);
    expect(await held(truckCourse)).toEqual({ groups: 0, seats: 0 });
    await rematch();
    const open = await openOn(truckCourse);
    expect(open).toHaveLength(1);
    expect(open[0].kind).toBe('joint_initiative');
    expect(open[0].participants_total).toBe(8);
    const approved = await approve(open[0].id);
    expect(approved.status).toBe(201);
    expect(await held(truckCourse)).toEqual({ groups: 1, seats: 8 });
  });

  it('a late need is proposed into a planned initiative with room, shown and approved on /maklare', async () => {
    const excelCourse = await course(EXCEL, 'Excel grundkurs i Karlskoga');
    for (const total of [3, 2]) await need(EXCEL, total);
    await rematch();
    const [cohort] = await openOn(excelCourse);
    const initiativeId = (await approve(cohort.id)).body.initiativeId as string;

    const late = await need(EXCEL, 2);
    const tooBig = await need(EXCEL, 4);
    await rematch();
    const [fill] = await openOn(excelCourse);
    expect(fill).toMatchObject({
      kind: 'fill_initiative',
      participants_total: 2,
      initiative_id: initiativeId,
      need_ids: [late],
    });
    expect(fill.id).toMatch(/^fp-/);

    // The API contract: the kind, its filter and the initiative it fills.
    const listed = await w
      .http()
      .get('/api/v1/admin/proposals?status=open&kind=fill_initiative')
      .set(admin())
      .expect(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toContain(fill.id);
    const api = await w.http().get(`/api/v1/admin/proposals/${fill.id}`).set(admin()).expect(200);
    expect(api.body).toMatchObject({ kind: 'fill_initiative', initiativeId });

    // The broker's queue and proposal page, in Swedish.
    const queue = await w.http().get('/maklare?typ=plats').set('Cookie', cookie()).expect(200);
    expect(queue.text).toContain(`href="/maklare/forslag/${fill.id}"`);
    expect(queue.text).toContain('Plats i planerad insats');
    const proposalPage = await w
      .http()
      .get(`/maklare/forslag/${fill.id}`)
      .set('Cookie', cookie())
      .expect(200);
    expect(proposalPage.text).toContain('Plats i planerad insats');
    expect(proposalPage.text).toContain(`href="/maklare/insatser/${initiativeId}"`);
    expect(proposalPage.text).toContain('5 av 8 tagna, 3 lediga');
    expect(proposalPage.text).toContain('är redan en planerad insats med 5 deltagare');
    expect(proposalPage.text).not.toMatch(/fill_initiative|initiativeId/);

    const decided = await w
      .http()
      .post(`/maklare/forslag/${fill.id}/godkann`)
      .set('Cookie', cookie())
      .type('form')
      .send({ _csrf: csrf.token });
    expect(decided.status).toBe(303);
    expect(decided.headers.location).toBe(`/maklare/insatser/${initiativeId}?klart=godkant`);
    const [initiative] = await w.db.query(
      `SELECT participants_total, employers, cost_per_participant_sek::float8 AS cost
         FROM initiative WHERE id = $1`,
      [initiativeId],
    );
    // 16 000 kr shared by 7 + 2 000 kr each.
    expect(initiative).toEqual({ participants_total: 7, employers: 3, cost: 4285.71 });
    const needs: { id: string; status: string }[] = await w.db.query(
      `SELECT id, status FROM need WHERE id = ANY ($1) ORDER BY id`,
      [[late, tooBig]],
    );
    expect(Object.fromEntries(needs.map((n) => [n.id, n.status]))).toEqual({
      [late]: 'matched',
      [tooBig]: expect.not.stringMatching('matched'),
    });
    // Monitoring counts the late need as matched from when it joined, not from the approval.
    const joined: { need_id: string; joined: boolean }[] = await w.db.query(
      `SELECT need_id, joined_at IS NOT NULL AS joined FROM initiative_need WHERE initiative_id = $1`,
      [initiativeId],
    );
    expect(joined.filter((j) => j.joined).map((j) => j.need_id)).toEqual([late]);
    // The joining firm is told it is in the course (once); the firms already in it are not again.
    const mails: { need_id: string }[] = await w.db.query(
      `SELECT need_id FROM notification
        WHERE template = 'employer.proposal-approved' AND event_key LIKE $1 || '%'`,
      [`ProposalApproved:${initiativeId}`],
    );
    expect(mails.filter((m) => m.need_id === late)).toHaveLength(1);
    expect(mails).toHaveLength(3);
    // One seat left: the firm of 4 is never proposed into it.
    await rematch();
    expect(await openOn(excelCourse)).toEqual([]);
    expect(await held(excelCourse)).toEqual({ groups: 1, seats: 7 });
  });

  it('a window of two groups takes a second cohort next to the planned one', async () => {
    await w
      .http()
      .patch(`/api/v1/offerings/${truckCourse}`)
      .set(admin())
      .send({ startWindows: [{ ...WINDOW, groups: 2 }] })
      .expect(200);
    await rematch();
    const open = await openOn(truckCourse);
    expect(open.map((p) => p.kind)).toEqual(['joint_initiative']);
    expect(open[0].participants_total).toBeLessThanOrEqual(8);
    expect((await approve(open[0].id)).status).toBe(201);
    const { groups } = await held(truckCourse);
    expect(groups).toBe(2);
    await rematch();
    expect((await openOn(truckCourse)).filter((p) => p.kind === 'joint_initiative')).toEqual([]);
  });
});
