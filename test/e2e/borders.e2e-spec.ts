import { randomUUID } from 'node:crypto';
import { MatchingRunService } from '@km/proposals';
import { isoDay, validNeedBody, validOfferingBody } from '../support/bodies';
import { SESSION_COOKIE } from '../../apps/api/src/staff/staff-session';
import { orgNumber, startWorld, World, WORLD_PASSWORD } from '../support/world';

/**
 * Pooling across a county border (issue 21), with the geography: a course in Karlskoga
 * (Örebro län, 18) and firms in Karlskoga and in Kristinehamn (Värmlands län, 17, about 25 km
 * away). Runs of either county cover every need that can reach the course, so the two counties
 * never propose competing cohorts on one start window; the course's own learning centre decides a
 * pool across the border and the other county's broker reads it.
 */
describe('pooling across county borders', () => {
  let w: World;
  let org = 9000;
  const tokens: Record<'karlskoga' | 'kristinehamn', string> = { karlskoga: '', kristinehamn: '' };
  const as = (broker: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[broker]}` });

  const rematch = (countyCode: string) =>
    w.t.app.get(MatchingRunService).execute({
      id: `job-${randomUUID()}`,
      countyCode,
      runId: null,
      trigger: 'manual',
    });

  /** A Karlskoga course of Lärcentrum Karlskoga with one start window. */
  const course = async (competenceId: string, min: number, max: number) => {
    const res = await w
      .http()
      .post('/api/v1/offerings')
      .set(w.auth('admin'))
      .send(
        validOfferingBody([competenceId], {
          title: `Kurs i ${competenceId} i Karlskoga`,
          learningCentreId: 'lc-karlskoga',
          venueMunicipalityCode: '1883',
          minParticipants: min,
          maxParticipants: max,
          startWindows: [{ from: isoDay(40), to: isoDay(60) }],
        }),
      );
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  const firm = async (
    municipalityCode: string,
    name: string,
    total: number,
    competence: string,
  ) => {
    const res = await w
      .http()
      .post('/api/v1/needs')
      .set('X-Forwarded-For', w.nextIp())
      .send(
        validNeedBody([competence], {
          employer: {
            orgNumber: orgNumber(++org),
            name,
            municipalityCode,
            sniSection: 'C',
            employees: 20,
          },
          participants: { total, women: 1, men: total - 1 },
          earliestStart: isoDay(20),
          latestEnd: isoDay(200),
          deliveryModes: ['onsite'],
          maxTravelKm: 80,
          maxCostPerParticipantSek: null,
        }),
      );
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  /** Open and approved proposals on the offering: what is proposed or taken on its one window. */
  const onWindow = async (offeringId: string) =>
    (await w.db.query(
      `SELECT p.id, p.status, p.participants_total AS participants,
              array_agg(pn.need_id::text ORDER BY pn.need_id) AS needs
         FROM proposal p JOIN proposal_need pn ON pn.proposal_id = p.id
        WHERE p.offering_id = $1 AND p.status IN ('open', 'approved')
        GROUP BY p.id ORDER BY p.id`,
      [offeringId],
    )) as { id: string; status: string; participants: number; needs: string[] }[];

  const needsInTwoOpenProposals = () =>
    w.db.query(
      `SELECT pn.need_id FROM proposal_need pn JOIN proposal p ON p.id = pn.proposal_id
        WHERE p.status = 'open' GROUP BY pn.need_id HAVING count(*) > 1`,
    );

  beforeAll(async () => {
    w = await startWorld({ LOG_LEVEL: 'silent' });
    // Kristinehamn's own learning centre (outside the LC-KOMP demo region) and one broker each.
    await w.db.query(
      `INSERT INTO learning_centre (id, name, kind, seat_municipality_code)
       VALUES ('lc-kristinehamn', 'Lärcentrum Kristinehamn', 'municipal', '1781')`,
    );
    await w.db.query(
      `INSERT INTO learning_centre_municipality (learning_centre_id, municipality_code) VALUES ('lc-kristinehamn', '1781')`,
    );
    for (const [name, centre] of [
      ['karlskoga', 'lc-karlskoga'],
      ['kristinehamn', 'lc-kristinehamn'],
    ] as const) {
      const email = `maklare@${name}.test`;
      await w
        .http()
        .post('/api/v1/admin/users')
        .set(w.auth('admin'))
        .send({ email, password: WORLD_PASSWORD, role: 'broker', learningCentreId: centre })
        .expect(201);
      tokens[name] = await w.login(email, WORLD_PASSWORD);
    }
  }, 60_000);
  afterAll(() => w?.t.close());

  it('a course of 8 in Karlskoga: never more than 8 proposed or approved on its window, whichever county runs', async () => {
    const offeringId = await course('truckkort-a-b', 2, 8);
    await firm('1883', 'Karlskoga Lager AB', 3, 'truckkort-a-b');
    await firm('1883', 'Bofors Logistik AB', 3, 'truckkort-a-b');
    await firm('1781', 'Kristinehamns Hamn AB', 3, 'truckkort-a-b');
    await firm('1781', 'Kristinehamns Terminal AB', 3, 'truckkort-a-b');

    // Both counties at once, then one after the other: each run covers the other's needs too.
    await Promise.all([rematch('18'), rematch('17')]);
    await rematch('17');
    await rematch('18');
    const proposed = await onWindow(offeringId);
    expect(proposed).toHaveLength(1);
    expect(proposed[0].participants).toBeLessThanOrEqual(8);
    expect(await needsInTwoOpenProposals()).toEqual([]);
    // The two county runs wrote no second cohort on the window, not even a superseded one.
    const [{ n }] = await w.db.query(
      `SELECT count(*)::int AS n FROM proposal WHERE offering_id = $1`,
      [offeringId],
    );
    expect(n).toBe(1);

    await w
      .http()
      .post(`/api/v1/admin/proposals/${proposed[0].id}/approve`)
      .set(w.auth('admin'))
      .send({})
      .expect(201);

    // Three more firms in Karlskoga; both counties rematch: still no more than 8 on the window.
    await firm('1883', 'Karlskoga Verkstad AB', 1, 'truckkort-a-b');
    await firm('1883', 'Karlskoga Smide AB', 1, 'truckkort-a-b');
    await firm('1883', 'Karlskoga Montage AB', 1, 'truckkort-a-b');
    await Promise.all([rematch('18'), rematch('17')]);
    const after = await onWindow(offeringId);
    expect(after.reduce((sum, p) => sum + p.participants, 0)).toBeLessThanOrEqual(8);
    for (const p of after.filter((x) => x.status === 'open')) {
      const res = await w
        .http()
        .post(`/api/v1/admin/proposals/${p.id}/approve`)
        .set(w.auth('admin'))
        .send({});
      expect([201, 409]).toContain(res.status);
    }
    const [{ approved }] = await w.db.query(
      `SELECT coalesce(sum(i.participants_total), 0)::int AS approved
         FROM initiative i WHERE i.offering_id = $1 AND i.status IN ('planned', 'running')`,
      [offeringId],
    );
    expect(approved).toBeLessThanOrEqual(8);
    expect(await needsInTwoOpenProposals()).toEqual([]);
  }, 120_000);

  it('4 + 4 across the border for a course of at least 8: proposed once, decided by Karlskoga, read by Kristinehamn', async () => {
    const offeringId = await course('svetsning-mig-mag', 8, 8);
    const karlskoga = await firm('1883', 'Karlskoga Svets AB', 4, 'svetsning-mig-mag');
    const kristinehamn = await firm('1781', 'Kristinehamns Plåt AB', 4, 'svetsning-mig-mag');

    // Neither county alone reaches the minimum; the run of either sees both firms.
    await rematch('17');
    await rematch('18');
    await Promise.all([rematch('17'), rematch('18')]);
    await rematch('17');
    const rows = await w.db.query(
      `SELECT id, status, county_code::text AS county FROM proposal WHERE offering_id = $1`,
      [offeringId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'open', county: '18' });
    const proposalId = rows[0].id as string;
    expect((await onWindow(offeringId))[0].needs).toEqual([karlskoga, kristinehamn].sort());

    // Kristinehamn's broker reads it (its firm is in it) but does not decide.
    const read = await w
      .http()
      .get(`/api/v1/admin/proposals/${proposalId}`)
      .set(as('kristinehamn'))
      .expect(200);
    expect(read.body).toMatchObject({
      crossBorder: true,
      decider: { learningCentreId: 'lc-karlskoga', name: 'Lärcentrum Karlskoga' },
      participants: { total: 8 },
    });
    const listed = await w
      .http()
      .get('/api/v1/admin/proposals?status=open')
      .set(as('kristinehamn'))
      .expect(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toContain(proposalId);
    for (const [action, body] of [
      ['approve', {}],
      ['reject', { reason: 'Vi vill besluta själva' }],
    ] as const) {
      const refused = await w
        .http()
        .post(`/api/v1/admin/proposals/${proposalId}/${action}`)
        .set(as('kristinehamn'))
        .send(body)
        .expect(403);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.detail).toBe(
        'Förslaget gäller en utbildning i Karlskoga med arbetsgivare i flera län. Det beslutas av ' +
          'Lärcentrum Karlskoga, som anordnar utbildningen. Du kan läsa förslaget men inte ' +
          'godkänna eller avslå det.',
      );
    }

    // The broker pages: read-only, its own firm marked, no decision forms; a forged post is 403.
    const csrf = await w.staffCsrf();
    const cookie = `${csrf.cookies}; ${SESSION_COOKIE}=${tokens.kristinehamn}`;
    const page = await w
      .http()
      .get(`/maklare/forslag/${proposalId}`)
      .set('Cookie', cookie)
      .expect(200);
    expect(page.text).toContain('Vem beslutar');
    expect(page.text).toContain('Förslaget beslutas av\n        Lärcentrum Karlskoga');
    expect(page.text).not.toContain('/godkann"');
    expect(page.text).not.toContain('/avsla"');
    const marked = page.text.split('Din kommun').length - 1;
    expect(marked).toBe(1);
    expect(page.text).toMatch(/Kristinehamns Plåt AB<\/a>\s*<span class="tag tag--own">Din kommun/);
    await w
      .http()
      .post(`/maklare/forslag/${proposalId}/godkann`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf.token })
      .expect(403);
    const karlskogaPage = await w
      .http()
      .get(`/maklare/forslag/${proposalId}`)
      .set('Cookie', `${csrf.cookies}; ${SESSION_COOKIE}=${tokens.karlskoga}`)
      .expect(200);
    expect(karlskogaPage.text).toContain('/godkann"');

    // Karlskoga's broker decides; the pool is still the one proposal.
    await w
      .http()
      .post(`/api/v1/admin/proposals/${proposalId}/approve`)
      .set(as('karlskoga'))
      .send({})
      .expect(201);
    expect(
      await w.db.query(`SELECT status FROM proposal WHERE offering_id = $1`, [offeringId]),
    ).toEqual([{ status: 'approved' }]);

    // Monitoring counts each need in its own county.
    const counties = await w.db.query(
      `SELECT n.county_code::text AS county, n.status FROM need n WHERE n.id = ANY ($1) ORDER BY 1`,
      [[karlskoga, kristinehamn]],
    );
    expect(counties).toEqual([
      { county: '17', status: 'matched' },
      { county: '18', status: 'matched' },
    ]);
  }, 120_000);
});
