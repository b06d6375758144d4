import request from 'supertest';
import { DataSource } from 'typeorm';
import { validOfferingBody } from '../support/bodies';
import { startTestApp, TestApp } from '../support/test-app';
import { swedishDayFromToday } from '@km/common';

const ADMIN = { email: 'admin@offerings.test', password: 'admin-password-123' };
const PASSWORD = 'account-password-1';

const isoDay = (daysFromNow: number) => swedishDayFromToday(daysFromNow);

describe('offerings API', () => {
  let t: TestApp;
  let db: DataSource;
  let competences: string[];
  const tokens: Record<string, string> = {};
  let ipCounter = 0;
  const http = () => request(t.app.getHttpServer());
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

  const valid = (overrides: Record<string, unknown> = {}) =>
    validOfferingBody([competences[0]], overrides);
  const post = (who: string | null, body: unknown) => {
    const req = http().post('/api/v1/offerings');
    return (who ? req.set(as(who)) : req).send(body as object);
  };
  const counts = async () => {
    const [row] = await db.query(`SELECT
      (SELECT count(*) FROM offering)::int AS offerings,
      (SELECT count(*) FROM offering_competence)::int AS competences,
      (SELECT count(*) FROM offering_start_window)::int AS windows,
      (SELECT count(*) FROM outbox)::int AS outbox`);
    return row;
  };
  const outboxFor = (id: string) =>
    db.query(
      `SELECT type, aggregate_type, county_code, payload FROM outbox WHERE aggregate_id = $1 ORDER BY id`,
      [id],
    );

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    db = t.app.get(DataSource);
    competences = (await db.query(`SELECT id FROM competence ORDER BY id LIMIT 3`)).map(
      (r: { id: string }) => r.id,
    );
    const login = async (email: string, password: string) =>
      (
        await http()
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', `10.9.0.${++ipCounter}`)
          .send({ email, password })
          .expect(200)
      ).body.accessToken as string;
    tokens.admin = await login(ADMIN.email, ADMIN.password);
    const accounts: [string, Record<string, string>][] = [
      ['lindesberg', { role: 'provider', learningCentreId: 'lc-lindesberg' }],
      ['orebro', { role: 'provider', learningCentreId: 'lc-orebro' }],
      ['brokerOrebro', { role: 'broker', learningCentreId: 'lc-orebro' }],
      ['brokerViadidakt', { role: 'broker', learningCentreId: 'viadidakt' }],
      ['regional18', { role: 'regional', countyCode: '18' }],
    ];
    for (const [name, scope] of accounts) {
      await http()
        .post('/api/v1/admin/users')
        .set(as('admin'))
        .send({ email: `${name}@offerings.test`, password: PASSWORD, ...scope })
        .expect(201);
      tokens[name] = await login(`${name}@offerings.test`, PASSWORD);
    }
  });
  afterAll(() => t?.close());

  describe('create', () => {
    it('a retried POST with the same Idempotency-Key answers the first offering, stores one', async () => {
      const before = await counts();
      const key = `offering-${Date.now()}`;
      const send = () =>
        http()
          .post('/api/v1/offerings')
          .set(as('orebro'))
          .set('Idempotency-Key', key)
          .send(valid());
      const first = await send().expect(201);
      const again = await send().expect(201);
      expect(again.body.id).toBe(first.body.id);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect((await counts()).offerings).toBe(before.offerings + 1);
      // Another provider with the same key gets its own answer, never the first one's.
      const other = await http()
        .post('/api/v1/offerings')
        .set(as('lindesberg'))
        .set('Idempotency-Key', key)
        .send(valid())
        .expect(201);
      expect(other.body.id).not.toBe(first.body.id);
    });

    it('a provider publishes for its own centre; rows and one outbox event in one go', async () => {
      const before = await counts();
      const response = await post(
        'lindesberg',
        valid({ competenceIds: competences.slice(0, 2) }),
      ).expect(201);
      expect(response.body).toMatchObject({
        id: expect.any(String),
        learningCentreId: 'lc-lindesberg',
        title: 'Truckkort A+B, kvällskurs',
        competenceIds: [...competences.slice(0, 2)].sort(),
        deliveryMode: 'onsite',
        venueMunicipalityCode: '1885',
        venueCountyCode: '18',
        minParticipants: 5,
        maxParticipants: 12,
        startWindows: [{ from: isoDay(30), to: isoDay(60) }],
        language: 'sv',
      });
      expect(await counts()).toEqual({
        offerings: before.offerings + 1,
        competences: before.competences + 2,
        windows: before.windows + 1,
        outbox: before.outbox + 1,
      });
      expect(await outboxFor(response.body.id)).toEqual([
        {
          type: 'OfferingCreated',
          aggregate_type: 'offering',
          county_code: '18',
          payload: { learningCentreId: 'lc-lindesberg', venueMunicipalityCode: '1885' },
        },
      ]);
    });

    it('an admin must name the learning centre', async () => {
      const missing = await post('admin', valid()).expect(400);
      expect(missing.body.errors[0].field).toBe('learningCentreId');
      const unknown = await post('admin', valid({ learningCentreId: 'lc-nowhere' })).expect(400);
      expect(unknown.body.errors[0].field).toBe('learningCentreId');
      const ok = await post(
        'admin',
        valid({ learningCentreId: 'viadidakt', venueMunicipalityCode: '0483' }),
      ).expect(201);
      expect(ok.body.learningCentreId).toBe('viadidakt');
    });

    it('403 for a provider naming another centre, brokers and regional staff; 401 anonymous', async () => {
      const before = await counts();
      await post('lindesberg', valid({ learningCentreId: 'lc-orebro' })).expect(403);
      await post('brokerOrebro', valid()).expect(403);
      const regional = await post('regional18', valid()).expect(403);
      expect(regional.headers['content-type']).toMatch(/application\/problem\+json/);
      const anonymous = await post(null, valid()).expect(401);
      expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
      await post('lindesberg', valid()).set('Authorization', 'Bearer nonsense').expect(401);
      expect(await counts()).toEqual(before);
    });

    const manyWindows = Array.from({ length: 25 }, (_, i) => ({
      from: isoDay(10 + i),
      to: isoDay(10 + i),
    }));
    it.each([
      ['title', { title: '  ab  ' }],
      ['title', { title: 'x'.repeat(201) }],
      ['title', { title: 42 }],
      ['competenceIds', { competenceIds: [] }],
      ['competenceIds', { competenceIds: 'truck' }],
      ['competenceIds', { competenceIds: ['no-such-competence'] }],
      ['deliveryMode', { deliveryMode: 'boat' }],
      ['venueMunicipalityCode', { venueMunicipalityCode: '9999' }],
      ['venueMunicipalityCode', { venueMunicipalityCode: 'Lindesberg' }],
      ['minParticipants', { minParticipants: 0 }],
      ['maxParticipants', { minParticipants: 10, maxParticipants: 5 }],
      ['maxParticipants', { maxParticipants: 501 }],
      ['costFixedSek', { costFixedSek: -1 }],
      ['costFixedSek', { costFixedSek: 99.5 }],
      ['costPerParticipantSek', { costPerParticipantSek: '3500' }],
      ['costPerParticipantSek', { costPerParticipantSek: 2_000_000 }],
      ['durationDays', { durationDays: 0 }],
      ['durationDays', { durationDays: 366 }],
      ['startWindows', { startWindows: [] }],
      ['startWindows', { startWindows: manyWindows }],
      ['startWindows', { startWindows: ['2027-01-01'] }],
      ['startWindows.0.to', { startWindows: [{ from: isoDay(40), to: isoDay(35) }] }],
      ['startWindows.0.to', { startWindows: [{ from: isoDay(-40), to: isoDay(-10) }] }],
      ['startWindows.0.from', { startWindows: [{ from: '2027-02-30', to: '2027-03-30' }] }],
      ['startWindows.0.from', { startWindows: [{ from: '01/02/2027', to: '2027-03-30' }] }],
      [
        'startWindows.1',
        {
          startWindows: [
            { from: isoDay(20), to: isoDay(25) },
            { from: isoDay(20), to: isoDay(25) },
          ],
        },
      ],
      ['language', { language: 'svenska' }],
      ['status', { status: 'published' }],
    ])('400 naming %s, nothing stored and no event', async (field, overrides) => {
      const before = await counts();
      const response = await post('lindesberg', valid(overrides)).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await counts()).toEqual(before);
    });
  });

  describe('read', () => {
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      await db.query(`DELETE FROM offering_competence`);
      await db.query(`DELETE FROM offering_start_window`);
      await db.query(`DELETE FROM offering`);
      ids.lindesberg = (
        await post('lindesberg', valid({ competenceIds: [competences[0]] })).expect(201)
      ).body.id;
      ids.orebro = (
        await post(
          'orebro',
          valid({ venueMunicipalityCode: '1880', competenceIds: [competences[1]] }),
        ).expect(201)
      ).body.id;
      ids.orebroInKatrineholm = (
        await post(
          'orebro',
          valid({ venueMunicipalityCode: '0483', competenceIds: [competences[1]] }),
        ).expect(201)
      ).body.id;
      ids.viadidakt = (
        await post(
          'admin',
          valid({ learningCentreId: 'viadidakt', venueMunicipalityCode: '0428' }),
        ).expect(201)
      ).body.id;
    });

    const listIds = async (who: string, query = '') => {
      const response = await http().get(`/api/v1/offerings${query}`).set(as(who)).expect(200);
      expect(response.body.total).toBeGreaterThanOrEqual(response.body.items.length);
      return (response.body.items as { id: string }[]).map((o) => o.id).sort();
    };

    it('scopes lists by role', async () => {
      expect(await listIds('lindesberg')).toEqual([ids.lindesberg]);
      expect(await listIds('orebro')).toEqual([ids.orebro, ids.orebroInKatrineholm].sort());
      // Broker: its centre's offerings plus those held in its municipalities.
      expect(await listIds('brokerOrebro')).toEqual([ids.orebro, ids.orebroInKatrineholm].sort());
      expect(await listIds('brokerViadidakt')).toEqual(
        [ids.orebroInKatrineholm, ids.viadidakt].sort(),
      );
      // Regional: venues in its county.
      expect(await listIds('regional18')).toEqual([ids.lindesberg, ids.orebro].sort());
      expect(await listIds('admin')).toEqual(Object.values(ids).sort());
    });

    it('filters and pages', async () => {
      expect(await listIds('admin', `?competenceId=${competences[1]}`)).toEqual(
        [ids.orebro, ids.orebroInKatrineholm].sort(),
      );
      expect(await listIds('admin', '?municipalityCode=0428')).toEqual([ids.viadidakt]);
      expect(await listIds('admin', '?learningCentreId=lc-lindesberg')).toEqual([ids.lindesberg]);
      expect(await listIds('lindesberg', '?learningCentreId=lc-orebro')).toEqual([]);
      const page = await http()
        .get('/api/v1/offerings?limit=1&offset=1')
        .set(as('admin'))
        .expect(200);
      expect(page.body).toMatchObject({ total: 4, items: [expect.any(Object)] });
      const bad = await http()
        .get('/api/v1/offerings?municipalityCode=x')
        .set(as('admin'))
        .expect(400);
      expect(bad.body.errors[0].field).toBe('municipalityCode');
      await http().get('/api/v1/offerings').expect(401);
    });

    it('GET by id: own 200, another centre 403, unknown 404, malformed 400', async () => {
      await http().get(`/api/v1/offerings/${ids.lindesberg}`).set(as('lindesberg')).expect(200);
      const other = await http()
        .get(`/api/v1/offerings/${ids.orebro}`)
        .set(as('lindesberg'))
        .expect(403);
      expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
      await http().get(`/api/v1/offerings/${ids.orebro}`).set(as('regional18')).expect(200);
      await http().get(`/api/v1/offerings/${ids.viadidakt}`).set(as('regional18')).expect(403);
      await http().get(`/api/v1/offerings/${ids.viadidakt}`).set(as('brokerViadidakt')).expect(200);
      const missing = await http()
        .get('/api/v1/offerings/2b1c9b8e-4f1a-4c59-9d1e-8a6f1f0c0a11')
        .set(as('admin'))
        .expect(404);
      expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
      await http().get('/api/v1/offerings/not-a-uuid').set(as('admin')).expect(400);
      await http().get(`/api/v1/offerings/${ids.lindesberg}`).expect(401);
    });

    describe('change and withdraw', () => {
      const patch = (who: string, id: string, body: object) =>
        http().patch(`/api/v1/offerings/${id}`).set(as(who)).send(body);

      it('the own provider changes fields; lists replace; an OfferingChanged event is written', async () => {
        const windows = [
          { from: isoDay(90), to: isoDay(100) },
          { from: isoDay(20), to: isoDay(25) },
        ];
        const response = await patch('lindesberg', ids.lindesberg, {
          title: 'Truckkort A+B, dagtid',
          maxParticipants: 10,
          competenceIds: [competences[2]],
          startWindows: windows,
        }).expect(200);
        expect(response.body).toMatchObject({
          title: 'Truckkort A+B, dagtid',
          maxParticipants: 10,
          minParticipants: 5,
          competenceIds: [competences[2]],
          startWindows: [windows[1], windows[0]],
        });
        const events = await outboxFor(ids.lindesberg);
        expect(events.at(-1)).toMatchObject({ type: 'OfferingChanged', county_code: '18' });
      });

      it('moving the venue to another county tells both counties', async () => {
        const before = (await outboxFor(ids.orebro)).length;
        await patch('orebro', ids.orebro, { venueMunicipalityCode: '0483' }).expect(200);
        const events = (await outboxFor(ids.orebro)).slice(before);
        expect(events.map((e: { county_code: string }) => e.county_code).sort()).toEqual([
          '04',
          '18',
        ]);
        await patch('orebro', ids.orebro, { venueMunicipalityCode: '1880' }).expect(200);
      });

      it('an empty change answers the offering and writes no event', async () => {
        const before = await counts();
        const response = await patch('lindesberg', ids.lindesberg, {}).expect(200);
        expect(response.body.id).toBe(ids.lindesberg);
        expect(await counts()).toEqual(before);
      });

      it('403 for another centre, brokers and regional staff; 404 unknown; nothing changes', async () => {
        const before = await counts();
        await patch('orebro', ids.lindesberg, { title: 'Kapad kurs' }).expect(403);
        await patch('brokerOrebro', ids.orebro, { title: 'Mäklarens kurs' }).expect(403);
        await patch('regional18', ids.lindesberg, { title: 'Regionens kurs' }).expect(403);
        await patch('lindesberg', '2b1c9b8e-4f1a-4c59-9d1e-8a6f1f0c0a11', {
          title: 'Ingen',
        }).expect(404);
        await http()
          .patch(`/api/v1/offerings/${ids.lindesberg}`)
          .send({ title: 'Anonym' })
          .expect(401);
        expect(await counts()).toEqual(before);
        const current = await http().get(`/api/v1/offerings/${ids.lindesberg}`).set(as('admin'));
        expect(current.body.title).toBe('Truckkort A+B, dagtid');
      });

      it.each([
        ['minParticipants', { minParticipants: 11 }, 'maxParticipants'],
        ['learningCentreId', { learningCentreId: 'lc-orebro' }, 'learningCentreId'],
        [
          'startWindows',
          { startWindows: [{ from: isoDay(-5), to: isoDay(-1) }] },
          'startWindows.0.to',
        ],
        ['venue', { venueMunicipalityCode: '0000' }, 'venueMunicipalityCode'],
        ['competences', { competenceIds: ['nope'] }, 'competenceIds'],
      ])(
        'an invalid change (%s) is a 400 naming the field and writes nothing',
        async (_, body, field) => {
          const before = await counts();
          const stored = (await http().get(`/api/v1/offerings/${ids.lindesberg}`).set(as('admin')))
            .body;
          const response = await patch('lindesberg', ids.lindesberg, body).expect(400);
          expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
          expect(await counts()).toEqual(before);
          const after = (await http().get(`/api/v1/offerings/${ids.lindesberg}`).set(as('admin')))
            .body;
          expect(after).toEqual(stored);
        },
      );

      it('withdraw: 403 for others, 204 for the own provider, then gone (404) with an event', async () => {
        await http().delete(`/api/v1/offerings/${ids.lindesberg}`).set(as('orebro')).expect(403);
        await http()
          .delete(`/api/v1/offerings/${ids.lindesberg}`)
          .set(as('regional18'))
          .expect(403);
        await http()
          .delete(`/api/v1/offerings/${ids.lindesberg}`)
          .set(as('lindesberg'))
          .expect(204);
        await http().get(`/api/v1/offerings/${ids.lindesberg}`).set(as('lindesberg')).expect(404);
        await http()
          .delete(`/api/v1/offerings/${ids.lindesberg}`)
          .set(as('lindesberg'))
          .expect(404);
        expect(await listIds('lindesberg')).toEqual([]);
        const [row] = await db.query(`SELECT deleted_at FROM offering WHERE id = $1`, [
          ids.lindesberg,
        ]);
        expect(row.deleted_at).not.toBeNull();
        const events = await outboxFor(ids.lindesberg);
        expect(events.at(-1)).toMatchObject({ type: 'OfferingWithdrawn', county_code: '18' });
        expect(events.filter((e: { type: string }) => e.type === 'OfferingWithdrawn')).toHaveLength(
          1,
        );
      });

      it("an admin may change and withdraw any centre's offering", async () => {
        await patch('admin', ids.viadidakt, { costFixedSek: 0 }).expect(200);
        await http().delete(`/api/v1/offerings/${ids.viadidakt}`).set(as('admin')).expect(204);
      });
    });
  });
});
