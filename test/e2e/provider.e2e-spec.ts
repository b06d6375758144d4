import { SESSION_COOKIE } from '../../apps/api/src/staff/staff-session';
import { isoDay, validOfferingBody } from '../support/bodies';
import { moveNeeds } from '../support/builders';
import { AccountName, NeedFixture, startWorld, World } from '../support/world';

/**
 * Utbudsvyn and the provider's API: the offering's new fields and one message per field, proposals
 * and initiatives read on the provider's own offerings (403 for another centre's), employer
 * contacts only after approval (audited), the e-mail to the offering's contact, and the /utbud
 * pages (list, create with start-window rows added and removed without JavaScript, edit, withdraw
 * with confirmation, where it is used, demand without a course).
 */
describe('provider workspace (/utbud and the provider API)', () => {
  let w: World;
  let csrf: { cookies: string; token: string };

  const cookie = (account: AccountName) =>
    `${csrf.cookies}; ${SESSION_COOKIE}=${w.tokens[account]}`;
  const page = (path: string, account: AccountName = 'providerOwn') =>
    w.http().get(path).set('Cookie', cookie(account));
  const post = (
    path: string,
    form: Record<string, string | string[]>,
    account: AccountName = 'providerOwn',
  ) =>
    w
      .http()
      .post(path)
      .set('Cookie', cookie(account))
      .type('form')
      .send({ _csrf: csrf.token, ...form });

  const offeringForm = (overrides: Record<string, string | string[]> = {}) => ({
    title: 'Truckkort A+B, kvällskurs',
    competenceIds: [w.competenceId],
    description: 'Teori och praktik.',
    prerequisites: '',
    deliveryMode: 'onsite',
    venueMunicipalityCode: '1880',
    venueAddress: 'Fabriksgatan 2, Örebro',
    minParticipants: '4',
    maxParticipants: '12',
    durationDays: '3',
    costFixedSek: '20 000',
    costPerParticipantSek: '3500',
    'startWindows.0.from': isoDay(40),
    'startWindows.0.to': isoDay(70),
    language: 'sv',
    'contact.name': 'Karin Lärare',
    'contact.email': 'karin@larcentrum.test',
    'contact.phone': '019-12 34 56',
    url: 'https://larcentrum.test/truck',
    certificate: 'ja',
    ...overrides,
  });

  /** An offering of the own centre in Örebro, published through the API. */
  const publishOwn = (overrides: Record<string, unknown>) =>
    w
      .http()
      .post('/api/v1/offerings')
      .set(w.auth('providerOwn'))
      .send(validOfferingBody([w.competenceId], { venueMunicipalityCode: '1880', ...overrides }));

  /** A joint proposal on the offering over fresh needs of Örebro. */
  async function jointProposal(offeringId: string, needs: NeedFixture[] = []): Promise<string> {
    const members = needs.length ? needs : [await w.need('orebro'), await w.need('orebro')];
    const id = await w.proposal('orebro', members);
    await w.db.query(
      `UPDATE proposal SET kind = 'joint_initiative', offering_id = $2, start_window_from = $3,
              start_window_to = $4, start_date = $3 WHERE id = $1`,
      [id, offeringId, isoDay(45), isoDay(60)],
    );
    return id;
  }

  beforeAll(async () => {
    w = await startWorld();
    csrf = await w.staffCsrf();
  });
  afterAll(() => w?.t.close());

  describe('API', () => {
    it('stores and answers the new fields; one clear message per bad field', async () => {
      const body = validOfferingBody([w.competenceId], {
        description: 'Teori och praktik för truck A och B.',
        prerequisites: 'Grundläggande svenska.',
        venueAddress: 'Fabriksgatan 2, Örebro',
        contact: { name: 'Karin Lärare', email: 'karin@larcentrum.test', phone: '019-123456' },
        url: 'https://larcentrum.test/truck',
        certificate: true,
        venueMunicipalityCode: '1880',
      });
      const created = await w
        .http()
        .post('/api/v1/offerings')
        .set(w.auth('providerOwn'))
        .send(body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        description: 'Teori och praktik för truck A och B.',
        prerequisites: 'Grundläggande svenska.',
        venueAddress: 'Fabriksgatan 2, Örebro',
        contact: { name: 'Karin Lärare', email: 'karin@larcentrum.test', phone: '019-123456' },
        url: 'https://larcentrum.test/truck',
        certificate: true,
      });
      const patched = await w
        .http()
        .patch(`/api/v1/offerings/${created.body.id}`)
        .set(w.auth('providerOwn'))
        .send({ contact: null, url: '' });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ contact: null, url: null, certificate: true });

      const missing: Record<string, unknown> = { ...body };
      delete missing.minParticipants;
      const bad = await w
        .http()
        .post('/api/v1/offerings')
        .set(w.auth('providerOwn'))
        .send({ ...missing, maxParticipants: 'tolv', url: 'ftp://x', title: 'ab' });
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.body.errors).toEqual([
        { field: 'title', message: 'title must be at least 3 characters' },
        { field: 'minParticipants', message: 'minParticipants is required' },
        { field: 'maxParticipants', message: 'maxParticipants must be an integer' },
        { field: 'url', message: 'url must be a web address starting with https:// or http://' },
      ]);
    });

    it('a provider reads proposals and initiatives on its own offerings, 403 on another centre’s', async () => {
      const own = await w.offering('orebro');
      const other = await w.offering('sormland');
      const proposal = await jointProposal(own);
      const listed = await w
        .http()
        .get('/api/v1/admin/proposals')
        .query({ offeringId: own })
        .set(w.auth('providerOwn'));
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([proposal]);
      const one = await w
        .http()
        .get(`/api/v1/admin/proposals/${proposal}`)
        .set(w.auth('providerOwn'));
      expect(one.status).toBe(200);
      expect(one.body.needs).toHaveLength(2);
      expect(JSON.stringify(one.body)).not.toContain('anna@example.se');

      for (const account of ['providerOther', 'providerSormland'] as const) {
        const denied = await w
          .http()
          .get('/api/v1/admin/proposals')
          .query({ offeringId: own })
          .set(w.auth(account));
        expect(denied.status).toBe(403);
        const single = await w
          .http()
          .get(`/api/v1/admin/proposals/${proposal}`)
          .set(w.auth(account));
        expect(single.status).toBe(403);
      }
      const foreign = await w
        .http()
        .get('/api/v1/admin/initiatives')
        .query({ offeringId: other })
        .set(w.auth('providerOwn'));
      expect(foreign.status).toBe(403);

      // Approved: the initiative with the employers' contacts, and the read is audited.
      const approved = await w
        .http()
        .post(`/api/v1/admin/proposals/${proposal}/approve`)
        .set(w.auth('brokerOwn'))
        .send({});
      expect(approved.status).toBe(201);
      const initiatives = await w
        .http()
        .get('/api/v1/admin/initiatives')
        .query({ offeringId: own })
        .set(w.auth('providerOwn'));
      expect(initiatives.body.items.map((i: { id: string }) => i.id)).toEqual([
        approved.body.initiativeId,
      ]);
      const initiative = await w
        .http()
        .get(`/api/v1/admin/initiatives/${approved.body.initiativeId}`)
        .set(w.auth('providerOwn'));
      expect(initiative.status).toBe(200);
      expect(initiative.body.employerContacts).toHaveLength(2);
      expect(initiative.body.employerContacts[0]).toMatchObject({ email: 'anna@example.se' });
      const audited = await w.db.query(
        `SELECT actor_email FROM audit_log WHERE action = 'initiative.contacts.read' AND entity_id = $1`,
        [approved.body.initiativeId],
      );
      expect(audited.length).toBeGreaterThan(0);
      const otherProvider = await w
        .http()
        .get(`/api/v1/admin/initiatives/${approved.body.initiativeId}`)
        .set(w.auth('providerOther'));
      expect(otherProvider.status).toBe(403);
    });

    it('e-mails the offering’s contact on approval and on a status change, in Swedish', async () => {
      const created = await publishOwn({
        contact: { name: 'Per Kurs', email: 'per.kurs@larcentrum.test' },
      });
      const proposal = await jointProposal(created.body.id);
      const approved = await w
        .http()
        .post(`/api/v1/admin/proposals/${proposal}/approve`)
        .set(w.auth('brokerOwn'))
        .send({});
      await w
        .http()
        .post(`/api/v1/admin/initiatives/${approved.body.initiativeId}/status`)
        .set(w.auth('brokerOwn'))
        .send({ status: 'running' })
        .expect(200);
      const mails: { template: string; subject: string; body: string }[] = await w.db.query(
        `SELECT template, subject, body FROM notification WHERE recipient = 'per.kurs@larcentrum.test' ORDER BY template`,
      );
      const byTemplate = new Map(mails.map((m) => [m.template, m]));
      expect([...byTemplate.keys()].sort()).toEqual([
        'provider.initiative-status',
        'provider.proposal-approved',
      ]);
      const approval = byTemplate.get('provider.proposal-approved')!;
      expect(approval.body).toContain(`Datum: ${isoDay(45)} – `);
      expect(approval.body).toContain('Arbetsgivare (2): Fixtur AB');
      expect(approval.body).toContain('brokerown@world.test');
      expect(byTemplate.get('provider.initiative-status')!.subject).toContain('pågår');
    });
  });

  describe('pages', () => {
    it('a provider lands on /utbud after the login and sees the nav', async () => {
      const login = await w
        .http()
        .post('/logga-in')
        .set('Cookie', csrf.cookies)
        .set('X-Forwarded-For', w.nextIp())
        .type('form')
        .send({
          _csrf: csrf.token,
          email: 'providerown@world.test',
          password: 'account-password-1',
        });
      expect(login.status).toBe(303);
      expect(login.headers.location).toBe('/utbud');
      const list = await page('/utbud');
      expect(list.status).toBe(200);
      expect(list.text).toContain('Lägg till utbud');
      expect(list.text).toContain('href="/utbud/efterfragan"');
    });

    it('adds and removes start-window rows without JavaScript, then creates (PRG) and edits', async () => {
      const added = await post('/utbud/nytt', offeringForm({ atgard: 'lagg-till' }));
      expect(added.status).toBe(200);
      expect(added.text).toContain('name="startWindows.1.from"');
      const two = offeringForm({
        'startWindows.1.from': isoDay(100),
        'startWindows.1.to': isoDay(120),
        'startWindows.2.from': isoDay(150),
        'startWindows.2.to': isoDay(160),
      });
      const removed = await post('/utbud/nytt', { ...two, 'ta-bort': '2' });
      expect(removed.status).toBe(200);
      expect(removed.text).toContain('name="startWindows.1.from"');
      expect(removed.text).not.toContain('name="startWindows.2.from"');

      const before = await w.db.query(`SELECT count(*)::int AS n FROM offering`);
      const created = await post('/utbud/nytt', {
        ...offeringForm({ 'startWindows.1.from': isoDay(100), 'startWindows.1.to': isoDay(120) }),
        atgard: 'spara',
      });
      expect(created.status).toBe(303);
      const id = /^\/utbud\/([0-9a-f-]{36})\?klart=skapat$/.exec(created.headers.location)?.[1];
      expect(id).toBeDefined();
      const after = await w.db.query(`SELECT count(*)::int AS n FROM offering`);
      expect(after[0].n).toBe(before[0].n + 1);
      const [row] = await w.db.query(
        `SELECT o.cost_fixed_sek, o.contact_email, o.certificate,
                (SELECT count(*)::int FROM offering_start_window w WHERE w.offering_id = o.id) AS windows
           FROM offering o WHERE o.id = $1`,
        [id],
      );
      expect(row).toEqual({
        cost_fixed_sek: 20000,
        contact_email: 'karin@larcentrum.test',
        certificate: true,
        windows: 2,
      });
      const shown = await page(created.headers.location);
      expect(shown.text).toContain('Utbudet är publicerat');
      expect(shown.text).toContain('Fabriksgatan 2, Örebro');

      const edit = await page(`/utbud/${id}/andra`);
      expect(edit.text).toContain('value="Truckkort A+B, kvällskurs"');
      const edited = await post(`/utbud/${id}/andra`, offeringForm({ title: 'Truckkort A+B' }));
      expect(edited.status).toBe(303);
      expect(edited.headers.location).toBe(`/utbud/${id}?klart=andrat`);
      const [{ title }] = await w.db.query(`SELECT title FROM offering WHERE id = $1`, [id]);
      expect(title).toBe('Truckkort A+B');
    });

    it('a double-clicked or replayed "Publicera utbudet" publishes one offering and lands on it', async () => {
      const formToken = async () => {
        const form = await page('/utbud/nytt');
        return /name="formToken" value="([0-9a-f-]{36})"/.exec(form.text)![1];
      };
      const offerings = async () =>
        (await w.db.query(`SELECT count(*)::int AS n FROM offering`))[0].n as number;
      const token = await formToken();
      // A row button renders the form again with the same token.
      const added = await post(
        '/utbud/nytt',
        offeringForm({ formToken: token, atgard: 'lagg-till' }),
      );
      expect(added.text).toContain(`name="formToken" value="${token}"`);

      const fields = offeringForm({ formToken: token, atgard: 'spara' });
      const before = await offerings();
      const [a, b] = await Promise.all([post('/utbud/nytt', fields), post('/utbud/nytt', fields)]);
      expect([a.status, b.status]).toEqual([303, 303]);
      expect(a.headers.location).toMatch(/^\/utbud\/[0-9a-f-]{36}\?klart=skapat$/);
      expect(b.headers.location).toBe(a.headers.location);
      // Back and send again, later: the same offering's page, nothing new.
      const again = await post('/utbud/nytt', fields);
      expect(again.status).toBe(303);
      expect(again.headers.location).toBe(a.headers.location);
      expect(await offerings()).toBe(before + 1);
      const shown = await page(again.headers.location);
      expect(shown.text).toContain('Utbudet är publicerat');

      // A new form is a new offering.
      const other = await post('/utbud/nytt', offeringForm({ formToken: await formToken() }));
      expect(other.status).toBe(303);
      expect(other.headers.location).not.toBe(a.headers.location);
      expect(await offerings()).toBe(before + 2);
    });

    it('"Antal grupper" shows the stored number on the edit form, and 1 where nothing is given yet', async () => {
      const groupsShown = (text: string) =>
        [...text.matchAll(/name="startWindows\.(\d+)\.groups"[^>]*?value="([^"]*)"/gs)].map(
          (m) => m[2],
        );
      const created = await publishOwn({
        startWindows: [
          { from: isoDay(30), to: isoDay(60), groups: 3 },
          { from: isoDay(90), to: isoDay(120) },
        ],
      }).expect(201);
      const id = created.body.id as string;
      const edit = await page(`/utbud/${id}/andra`);
      expect(groupsShown(edit.text)).toEqual(['3', '1']);
      // The form saved without a change keeps what is stored.
      const form = offeringForm({
        'startWindows.0.from': isoDay(30),
        'startWindows.0.to': isoDay(60),
        'startWindows.0.groups': '3',
        'startWindows.1.from': isoDay(90),
        'startWindows.1.to': isoDay(120),
        'startWindows.1.groups': '1',
      });
      const saved = await post(`/utbud/${id}/andra`, form);
      expect(saved.status).toBe(303);
      expect(groupsShown((await page(`/utbud/${id}/andra`)).text)).toEqual(['3', '1']);

      // A row without a number yet (the new form, a row sent without the field) shows 1, the
      // number an empty field is saved as.
      expect(groupsShown((await page('/utbud/nytt')).text)).toEqual(['1']);
      const added = await post(`/utbud/${id}/andra`, {
        ...offeringForm(),
        'startWindows.0.groups': '',
        atgard: 'lagg-till',
      });
      expect(groupsShown(added.text)).toEqual(['1', '1']);
    });

    it('answers one Swedish message per field, with an error summary, and stores nothing', async () => {
      const before = await w.rowCounts();
      const res = await post(
        '/utbud/nytt',
        offeringForm({
          title: '',
          minParticipants: 'fem',
          maxParticipants: '2',
          'startWindows.0.from': isoDay(70),
          'startWindows.0.to': isoDay(40),
          url: 'www.larcentrum.test',
        }),
      );
      expect(res.status).toBe(400);
      expect(res.text).toContain('Formuläret har 3 fel');
      expect(res.text).toContain('Ange utbildningens namn med 3–200 tecken.');
      expect(res.text).toContain('Ange minsta antal deltagare som ett heltal, 1–500.');
      expect(res.text).toContain('Ange hela webbadressen');
      // The start window's rule is checked once the fields have the right shape.
      const rules = await post(
        '/utbud/nytt',
        offeringForm({
          minParticipants: '8',
          maxParticipants: '4',
          'startWindows.0.from': isoDay(70),
          'startWindows.0.to': isoDay(40),
        }),
      );
      expect(rules.status).toBe(400);
      expect(rules.text).toContain('Största antal deltagare kan inte vara mindre än minsta antal.');
      expect(rules.text).toContain('Sista startdagen kan inte vara före den första.');
      expect(rules.text).not.toMatch(/\bmust\b|wholly|not a valid/);
      expect(await w.rowCounts()).toEqual(before);
    });

    it('shows where the offering is used: proposals without contacts, initiatives with them', async () => {
      const own = await w.offering('orebro');
      await jointProposal(own);
      const open = await page(`/utbud/${own}`);
      expect(open.status).toBe(200);
      expect(open.text).toContain('Fixtur AB');
      expect(open.text).not.toContain('anna@example.se');
      const approvedProposal = await jointProposal(own);
      await w
        .http()
        .post(`/api/v1/admin/proposals/${approvedProposal}/approve`)
        .set(w.auth('brokerOwn'))
        .send({})
        .expect(201);
      const used = await page(`/utbud/${own}`);
      expect(used.text).toContain('Kontaktpersoner hos arbetsgivarna');
      expect(used.text).toContain('anna@example.se');
    });

    it('another centre’s provider gets the Swedish 403 page on every offering route', async () => {
      const own = await w.offering('orebro');
      for (const path of [`/utbud/${own}`, `/utbud/${own}/andra`, `/utbud/${own}/ta-bort`]) {
        const res = await page(path, 'providerOther');
        expect(res.status).toBe(403);
        expect(res.text).toContain('annat lärcentrum');
      }
      const edit = await post(`/utbud/${own}/andra`, offeringForm(), 'providerOther');
      expect(edit.status).toBe(403);
      const withdraw = await post(`/utbud/${own}/ta-bort`, {}, 'providerOther');
      expect(withdraw.status).toBe(403);
      const [{ deleted_at }] = await w.db.query(`SELECT deleted_at FROM offering WHERE id = $1`, [
        own,
      ]);
      expect(deleted_at).toBeNull();
    });

    it('withdraws after a confirmation page, and a forged form changes nothing', async () => {
      const own = await w.offering('orebro');
      const confirm = await page(`/utbud/${own}/ta-bort`);
      expect(confirm.text).toContain('Ja, dra tillbaka utbudet');
      const forged = await w
        .http()
        .post(`/utbud/${own}/ta-bort`)
        .set('Cookie', cookie('providerOwn'))
        .type('form')
        .send({ _csrf: 'forged' });
      expect(forged.status).toBe(403);
      const done = await post(`/utbud/${own}/ta-bort`, {});
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe('/utbud?klart=borttaget');
      const [{ deleted_at }] = await w.db.query(`SELECT deleted_at FROM offering WHERE id = $1`, [
        own,
      ]);
      expect(deleted_at).not.toBeNull();
    });

    it('lists demand without a course as Swedish sentences, each opening the form pre-filled', async () => {
      const proposal = await w.proposal('orebro', 3);
      await w.db.query(
        `UPDATE proposal SET start_window_from = '2027-03-01', start_window_to = '2027-05-31' WHERE id = $1`,
        [proposal],
      );
      const unmet = await w.need('orebro', 'received');
      await moveNeeds(w.db, [unmet.needId], 'unmet');
      await w.db.query(
        `INSERT INTO need_competence (need_id, competence_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [unmet.needId, w.competenceId],
      );
      const res = await page('/utbud/efterfragan');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(
        /9 deltagare från 3 arbetsgivare vill ha [^<]+ i Örebro mars–maj 2027/,
      );
      expect(res.text).toMatch(/3 deltagare från 1 arbetsgivare vill ha [^<]+ i Örebro/);
      const href = /href="(\/utbud\/nytt\?[^"]+)"/.exec(res.text)?.[1].replace(/&amp;/g, '&');
      expect(href).toBeDefined();
      const form = await page(href!);
      expect(form.status).toBe(200);
      expect(form.text).toContain('Formuläret är ifyllt utifrån efterfrågan');
      expect(form.text).toMatch(/value="1880"\s+selected/);
      expect(form.text).toContain(`value="${w.competenceId}"`);
      // Another centre's provider does not see Örebro's demand.
      const other = await page('/utbud/efterfragan', 'providerOther');
      expect(other.text).not.toContain('i Örebro');
    });
  });
});
