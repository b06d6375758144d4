import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@km/config';
import { MailTransport, NotificationDispatcher, TrackingLinkVault } from '@km/notifications';
import { swedishToday } from '@km/needs';
import {
  isoDay,
  validEditForm,
  validNeedBody,
  validNeedForm,
  validOfferingBody,
} from '../support/bodies';
import { NeedFixture, startWorld, World } from '../support/world';

/**
 * The employer's side (issue 18): reference numbers, the confirmation e-mail, one need per form,
 * changes through the tracking link (validation, lock, audit), "why not matched yet", the typo-
 * tolerant competence search, "Annan kompetens" and the public start, accessibility and privacy
 * pages.
 */
describe('the employer side', () => {
  const mailDir = mkdtempSync(join(tmpdir(), 'km-employer-mail-'));
  let w: World;
  let db: DataSource;
  const http = () => w.http();
  const year = swedishToday().slice(0, 4);

  beforeAll(async () => {
    w = await startWorld({ MAIL_DIR: mailDir });
    db = w.db;
  }, 60_000);
  afterAll(() => w?.t.close());

  const submit = (overrides: Record<string, unknown> = {}) =>
    http()
      .post('/api/v1/needs')
      .set('X-Forwarded-For', w.nextIp())
      .send(validNeedBody(['truckkort-a-b'], overrides));
  const needRow = async (id: string) =>
    (
      await db.query(
        `SELECT n.status, n.participants_total, n.participants_women, n.participants_men,
                n.earliest_start::text, n.latest_end::text, n.delivery_modes, n.max_travel_km,
                n.max_cost_per_participant_sek, n.description, c.name, c.email, c.phone
           FROM need n LEFT JOIN contact c ON c.need_id = n.id WHERE n.id = $1`,
        [id],
      )
    )[0];

  describe('reference numbers and the confirmation e-mail', () => {
    it('numbers needs KB-<year>-NNNNN in order, and shows the reference in the answer and the tracking view', async () => {
      const first = (await submit().expect(201)).body;
      const second = (await submit().expect(201)).body;
      expect(first.reference).toMatch(new RegExp(`^KB-${year}-\\d{5}$`));
      const number = (ref: string) => Number(ref.split('-')[2]);
      expect(number(second.reference)).toBe(number(first.reference) + 1);
      const tracked = await http().get(`/api/v1/needs/track/${first.trackingToken}`).expect(200);
      expect(tracked.body.reference).toBe(first.reference);
      expect(tracked.body.learningCentre).toEqual({
        id: 'lc-lindesberg',
        name: 'Lärcentrum Lindesberg',
        contact: expect.objectContaining({
          email: 'kompetensmaklare@lc-lindesberg.example',
          phone: expect.stringMatching(/^08-465 004 \d{2}$/),
          isDemo: true,
        }),
      });
      const receipt = await http().get(`/behov/${first.trackingToken}?ny=1`).expect(200);
      expect(receipt.text).toContain(first.reference);
      expect(receipt.text).toContain('Lärcentrum Lindesberg');
      expect(receipt.text).toContain('Demouppgifter');
    });

    it('queues a Swedish confirmation with the working link, the reference, what happens next and whom to call, and sends it', async () => {
      const { id, reference, trackingToken, trackingUrl } = (await submit().expect(201)).body;
      const [row] = await db.query(
        `SELECT template, recipient, subject, body, status FROM notification WHERE need_id = $1`,
        [id],
      );
      expect(row).toMatchObject({
        template: 'employer.need-received',
        recipient: 'anna@example.se',
        subject: `Vi har tagit emot ert kompetensbehov ${reference}`,
        status: 'pending',
      });
      expect(row.body).not.toContain(trackingToken); // the token only goes into the sent mail

      const dispatcher = new NotificationDispatcher(
        db,
        w.t.app.get(MailTransport),
        w.t.app.get(TrackingLinkVault),
        w.t.app.get(APP_CONFIG),
      );
      while ((await dispatcher.dispatchPending(50)) > 0);
      const [sent] = await db.query(`SELECT id, status FROM notification WHERE need_id = $1`, [id]);
      expect(sent.status).toBe('sent');
      const mail = JSON.parse(readFileSync(join(mailDir, `${sent.id}.json`), 'utf8'));
      expect(mail.text).toContain(trackingUrl);
      expect(mail.text).toContain(`Ärendenummer: ${reference}`);
      expect(mail.text).toContain('Vad händer nu?');
      expect(mail.text).toContain('Lärcentrum Lindesberg');
      expect(mail.text).toMatch(/Telefon: 08-465 004 \d{2}/);
      expect(mail.text).toContain('Demouppgifter');
      expect(mail.text).toMatch(/http:\/\/\S+\/personuppgifter/);
      expect(mail.text).toMatch(/http:\/\/\S+\/tillganglighet/);
      expect(readdirSync(mailDir)).toContain(`${sent.id}.eml`);
      // The link in the e-mail opens the need.
      const link = new URL(mail.text.match(/http:\/\/\S+\/behov\/[A-Za-z0-9_-]{43}/)[0]);
      await http().get(link.pathname).expect(200);
    });
  });

  describe('one need per form', () => {
    const formToken = async () => {
      const page = await http().get('/behov/ny').expect(200);
      return /name="formToken" value="([0-9a-f-]{36})"/.exec(page.text)![1];
    };
    const needs = async () => (await db.query(`SELECT count(*)::int AS n FROM need`))[0].n;
    const post = (fields: Record<string, string | string[]>) =>
      http().post('/behov').set('X-Forwarded-For', w.nextIp()).type('form').send(fields);

    it('a double click (two posts at once) and a later back-and-resend store one need and land on its receipt', async () => {
      const fields = { ...validNeedForm('truckkort-a-b'), formToken: await formToken() };
      const before = await needs();
      const [a, b] = await Promise.all([post(fields), post(fields)]);
      expect([a.status, b.status]).toEqual([303, 303]);
      expect(a.headers.location).toMatch(/^\/behov\/[A-Za-z0-9_-]{43}\?ny=1$/);
      expect(b.headers.location).toBe(a.headers.location);
      const again = await post(fields);
      expect(again.headers.location).toBe(a.headers.location);
      expect(await needs()).toBe(before + 1);
      // A new form is a new need.
      const other = await post({ ...validNeedForm('truckkort-a-b'), formToken: await formToken() });
      expect(other.headers.location).not.toBe(a.headers.location);
      expect(await needs()).toBe(before + 2);
    });

    it('after the need is withdrawn, sending the form again shows its reference instead of storing a second need', async () => {
      const fields = { ...validNeedForm('truckkort-a-b'), formToken: await formToken() };
      const first = await post(fields);
      await http()
        .post(`${first.headers.location.split('?')[0]}/aterkalla`)
        .set('X-Forwarded-For', w.nextIp())
        .expect(303);
      const before = await needs();
      const again = await post(fields).expect(200);
      expect(again.text).toContain('Behovet är redan skickat');
      expect(again.text).toMatch(new RegExp(`KB-${year}-\\d{5}`));
      expect(await needs()).toBe(before);
    });

    it('accepts "30 km" and "8 000 kr" as numbers, and "Annan kompetens" instead of a listed one', async () => {
      const res = await post(
        validNeedForm('truckkort-a-b', {
          competenceIds: [],
          otherCompetence: 'Kranförare för mobilkran över 40 ton',
          maxTravelKm: '30 km',
          maxCostPerParticipantSek: '8 000 kr',
        }),
      ).expect(303);
      const token = res.headers.location.split('/')[2].split('?')[0];
      const tracked = (await http().get(`/api/v1/needs/track/${token}`).expect(200)).body;
      expect(tracked).toMatchObject({
        competences: [],
        otherCompetence: 'Kranförare för mobilkran över 40 ton',
        maxTravelKm: 30,
        maxCostPerParticipantSek: 8000,
      });
      expect(tracked.whyNotYet.summary).toContain('inte finns i vår lista');
      const page = await http().get(`/behov/${token}`).expect(200);
      expect(page.text).toContain('Annan kompetens: Kranförare för mobilkran över 40 ton');

      const none = await submit({ competenceIds: [], otherCompetence: '  ' }).expect(400);
      expect(none.body.errors.map((e: { field: string }) => e.field)).toEqual(['competenceIds']);
    });
  });

  describe('changing the need through the tracking link', () => {
    let need: NeedFixture;
    beforeEach(async () => {
      need = await w.need('orebro', 'received');
    });
    const patch = (token: string, body: unknown) =>
      http()
        .patch(`/api/v1/needs/track/${token}`)
        .set('X-Forwarded-For', w.nextIp())
        .send(body as object);

    it.each([
      ['participants', { participants: { total: 3, women: 3, men: 2 } }],
      ['participants.total', { participants: { total: 0, women: 0, men: 0 } }],
      ['latestEnd', { latestEnd: isoDay(10) }],
      ['earliestStart', { earliestStart: isoDay(-3) }],
      ['earliestStart', { earliestStart: '2027-02-30' }],
      ['deliveryModes', { deliveryModes: [] }],
      ['deliveryModes', { deliveryModes: ['teleport'] }],
      ['maxTravelKm', { maxTravelKm: -1 }],
      ['maxTravelKm', { maxTravelKm: '30 km' }],
      ['maxCostPerParticipantSek', { maxCostPerParticipantSek: 1.5 }],
      ['contact.email', { contact: { name: 'Bo Ek', email: 'inte-en-adress' } }],
      ['participants', { participants: null }],
      ['title', { title: 'Ny rubrik', maxTravelKm: 60 }],
      ['body', {}],
    ])('a bad %s is a 400 naming it, and nothing changes', async (field, body) => {
      const before = await needRow(need.needId);
      const events = await db.query(`SELECT count(*)::int AS n FROM outbox`);
      const res = await patch(need.token, body).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await needRow(need.needId)).toEqual(before);
      expect(await db.query(`SELECT count(*)::int AS n FROM outbox`)).toEqual(events);
    });

    it('a valid change is stored, audited without personal data, and rematches the county', async () => {
      const res = await patch(need.token, {
        maxTravelKm: 75,
        participants: { total: 4, women: 2, men: 2 },
        contact: { name: 'Bo Ek', email: 'bo.ek@example.se', phone: '070-765 43 21' },
      }).expect(200);
      expect(res.body).toMatchObject({
        status: 'received',
        maxTravelKm: 75,
        participants: { total: 4, women: 2, men: 2 },
        editable: true,
      });
      expect(await needRow(need.needId)).toMatchObject({
        max_travel_km: 75,
        participants_total: 4,
        name: 'Bo Ek',
        email: 'bo.ek@example.se',
        phone: '070-765 43 21',
      });
      const audit = await db.query(
        `SELECT actor_id, action, before, after FROM audit_log WHERE entity_type = 'need' AND entity_id = $1`,
        [need.needId],
      );
      expect(audit).toEqual([
        {
          actor_id: null,
          action: 'need.edit-by-employer',
          before: {
            maxTravelKm: 50,
            participants: { total: 3, women: 1, men: 2 },
            contact: 'ändrad',
          },
          after: {
            maxTravelKm: 75,
            participants: { total: 4, women: 2, men: 2 },
            contact: 'ändrad',
          },
        },
      ]);
      expect(JSON.stringify(audit)).not.toMatch(/bo\.ek|Åberg|anna@/);
      const events = await db.query(
        `SELECT type, county_code, payload FROM outbox WHERE aggregate_id = $1`,
        [need.needId],
      );
      expect(events).toEqual([
        {
          type: 'NeedChanged',
          county_code: '18',
          payload: {
            municipalityCode: '1880',
            changed: ['participants', 'maxTravelKm', 'contact'],
          },
        },
      ]);
      // The same change again changes nothing and records nothing.
      await patch(need.token, { maxTravelKm: 75 }).expect(200);
      expect(
        (
          await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [
            need.needId,
          ])
        )[0].n,
      ).toBe(1);
    });

    it('is locked once the need is committed to an initiative (409 naming whom to call), also on the page', async () => {
      const other = await w.need('orebro', 'proposed');
      const proposal = await w.proposal('orebro', [need, other]);
      // Brokers see the reference the employer quotes on the phone.
      const [{ reference }] = await db.query(`SELECT reference FROM need WHERE id = $1`, [
        need.needId,
      ]);
      const shown = await http()
        .get(`/api/v1/admin/proposals/${proposal}`)
        .set(w.auth('brokerOwn'));
      expect(shown.body.needs).toContainEqual(
        expect.objectContaining({ needId: need.needId, reference, otherCompetence: null }),
      );
      await http()
        .post(`/api/v1/admin/proposals/${proposal}/approve`)
        .set(w.auth('admin'))
        .send({})
        .expect(201);
      const before = await needRow(need.needId);
      const res = await patch(need.token, { maxTravelKm: 80 }).expect(409);
      expect(res.body.detail).toMatch(/Lärcentrum Örebro, phone 08-465 004 \d{2}, e-mail /);
      expect(await needRow(need.needId)).toEqual(before);
      expect((await http().get(`/api/v1/needs/track/${need.token}`)).body.editable).toBe(false);

      const page = await http().get(`/behov/${need.token}/andra`).expect(200);
      expect(page.text).toContain('Behovet kan inte längre ändras');
      expect(page.text).toContain('Lärcentrum Örebro');
      const posted = await http()
        .post(`/behov/${need.token}/andra`)
        .set('X-Forwarded-For', w.nextIp())
        .type('form')
        .send(validEditForm({ maxTravelKm: '80' }));
      expect(posted.status).toBe(409);
      expect(posted.text).toContain('Behovet kan inte längre ändras');
    });

    it('a withdrawn need cannot be changed (409) and an unknown token is a 404', async () => {
      await http().delete(`/api/v1/needs/track/${need.token}`).expect(200);
      await patch(need.token, { maxTravelKm: 80 }).expect(409);
      await patch('A'.repeat(43), { maxTravelKm: 80 }).expect(404);
    });

    it('the edit page shows the need, a bad form again with an error summary, and a good one redirects to the status', async () => {
      const page = await http().get(`/behov/${need.token}/andra?maxTravelKm=64`).expect(200);
      expect(page.text).toContain('Ändra behovet');
      expect(page.text).toMatch(/name="maxTravelKm"[^>]*value="64"/);
      expect(page.text).toMatch(/Vi har fyllt i längsta resväg\s+enligt\s+förslaget/);
      const bad = await http()
        .post(`/behov/${need.token}/andra`)
        .set('X-Forwarded-For', w.nextIp())
        .type('form')
        .send(validEditForm({ 'participants.women': '3' }))
        .expect(400);
      expect(bad.text).toContain('error-summary');
      expect(bad.text).toContain('inte vara fler än det totala');
      const emptied = await http()
        .post(`/behov/${need.token}/andra`)
        .set('X-Forwarded-For', w.nextIp())
        .type('form')
        .send(validEditForm({ maxTravelKm: '' }))
        .expect(400);
      expect(emptied.text).toContain('Ange hur långt deltagarna kan resa');
      const good = await http()
        .post(`/behov/${need.token}/andra`)
        .set('X-Forwarded-For', w.nextIp())
        .type('form')
        .send(validEditForm({ maxTravelKm: '64 km' }))
        .expect(303);
      expect(good.headers.location).toBe(`/behov/${need.token}?andrad=1`);
      expect((await needRow(need.needId)).max_travel_km).toBe(64);
      expect((await http().get(good.headers.location)).text).toContain('Ändringen är sparad');
    });
  });

  describe('why not matched yet', () => {
    it('names the distance that keeps the need out and the change that lets it in, linked to the edit form', async () => {
      // A course in Örebro for 2–12; the Lindesberg need accepts 10 km of travel.
      await http()
        .post('/api/v1/offerings')
        .set(w.auth('admin'))
        .send(
          validOfferingBody(['truckkort-a-b'], {
            title: 'Truckkort A+B i Örebro',
            learningCentreId: 'lc-orebro',
            venueMunicipalityCode: '1880',
            minParticipants: 2,
            startWindows: [{ from: isoDay(40), to: isoDay(50) }],
          }),
        )
        .expect(201);
      const { trackingToken } = (
        await submit({ maxTravelKm: 10, deliveryModes: ['onsite'] }).expect(201)
      ).body;
      const tracked = (await http().get(`/api/v1/needs/track/${trackingToken}`).expect(200)).body;
      const { change, courses } = tracked.whyNotYet;
      expect(change).toEqual({
        field: 'maxTravelKm',
        value: expect.any(Number),
        text: `Öka längsta resväg till ${change.value} km`,
      });
      expect(change.value).toBeGreaterThan(10);
      expect(courses[0]).toMatchObject({
        title: 'Truckkort A+B i Örebro',
        venueName: 'Örebro',
        distanceKm: change.value,
        reasons: [`Kursen ges ${change.value} km bort, och ni har angett högst 10 km.`],
      });
      const page = await http().get(`/behov/${trackingToken}`).expect(200);
      expect(page.text).toContain('Varför inte matchat än?');
      expect(page.text).toContain(
        `href="/behov/${trackingToken}/andra?maxTravelKm=${change.value}#maxTravelKm"`,
      );

      const after = await http()
        .patch(`/api/v1/needs/track/${trackingToken}`)
        .set('X-Forwarded-For', w.nextIp())
        .send({ maxTravelKm: change.value })
        .expect(200);
      expect(after.body.whyNotYet.courses[0].reasons).toEqual([]);
      expect(after.body.whyNotYet.change).toBeNull();
    });

    it('says a proposal waits for the learning centre while the need is in an open proposal', async () => {
      const need = await w.need('orebro', 'proposed');
      await w.proposal('orebro', [need]);
      const tracked = (await http().get(`/api/v1/needs/track/${need.token}`).expect(200)).body;
      expect(tracked.whyNotYet.summary).toContain('Ett förslag väntar på lärcentrums beslut');
    });
  });

  describe('competence search that forgives typos', () => {
    it.each([
      ['trukkort', 'truckkort'],
      ['svetts', 'svetsning'],
      ['exsel', 'excel'],
      ['livsmedelshygen', 'livsmedelshygien'],
      ['undersköterka', 'underskoterska'],
      ['ledarskapp', 'ledarskap'],
      ['hjärtstarare', 'hlr-hjartstartare'],
      ['travesrkort', 'lyft-travers'],
      ['lagerarbette', 'lager'],
      ['powerpont', 'powerpoint'],
    ])('"%s" finds %s first', async (q, id) => {
      const res = await http().get('/api/v1/competences').query({ q }).expect(200);
      expect(res.body[0]?.id).toBe(id);
    });

    it('still ranks correct spellings first and finds nothing for nonsense', async () => {
      expect((await http().get('/api/v1/competences').query({ q: 'svets' })).body[0].id).toBe(
        'svetsning',
      );
      expect((await http().get('/api/v1/competences').query({ q: 'qxzvw' })).body).toEqual([]);
    });
  });

  describe('public pages', () => {
    it.each([
      ['/', 'Kompetensutveckling tillsammans med andra arbetsgivare'],
      ['/tillganglighet', 'Tillgänglighetsredogörelse'],
      ['/personuppgifter', 'Så behandlar vi personuppgifter'],
    ])(
      '%s is a Swedish page linking the form, the accessibility statement and the privacy notice',
      async (path, heading) => {
        const res = await http().get(path).expect(200);
        expect(res.headers['content-type']).toMatch(/text\/html/);
        expect(res.text).toContain('<html lang="sv">');
        expect(res.text).toContain(`<h1>${heading}</h1>`);
        for (const link of ['/behov/ny', '/tillganglighet', '/personuppgifter']) {
          expect(res.text).toContain(`href="${link}"`);
        }
      },
    );

    it('the privacy notice states the retention period from the configuration, and the start page links the staff login', async () => {
      expect((await http().get('/personuppgifter')).text).toMatch(/senast\s+2 år efter/);
      expect((await http().get('/')).text).toContain('href="/logga-in"');
    });
  });
});
