import request from 'supertest';
import { DataSource } from 'typeorm';
import { IdempotencyService } from '@km/idempotency';
import { hashTrackingToken } from '@km/needs';
import { isoDay, validNeedBody } from '../support/bodies';
import { moveNeeds } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

type Body = Record<string, unknown>;

const validNeed = (competenceIds: string[]): Body => validNeedBody(competenceIds);

/** Sets a dotted path on a deep copy; `undefined` deletes the key. */
function withField(body: Body, path: string, value: unknown): Body {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

describe('needs API (public intake)', () => {
  let t: TestApp;
  let db: DataSource;
  let competences: string[];
  const http = () => request(t.app.getHttpServer());
  const counts = async () => {
    const [row] = await db.query(`SELECT
      (SELECT count(*) FROM employer)::int AS employers,
      (SELECT count(*) FROM need)::int AS needs,
      (SELECT count(*) FROM need_competence)::int AS competences,
      (SELECT count(*) FROM contact)::int AS contacts,
      (SELECT count(*) FROM outbox)::int AS outbox,
      (SELECT count(*) FROM idempotency_key)::int AS idempotency`);
    return row;
  };

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '10000', OUTBOX_RELAY: 'off' });
    db = t.app.get(DataSource);
    competences = (await db.query(`SELECT id FROM competence ORDER BY id LIMIT 3`)).map(
      (r: { id: string }) => r.id,
    );
  });
  afterAll(() => t?.close());

  it('stores a valid need with employer, competences, contact and a NeedSubmitted event, and tracks it', async () => {
    const body = validNeed(competences.slice(0, 2));
    const res = await http().post('/api/v1/needs').send(body).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      reference: expect.stringMatching(/^KB-\d{4}-\d{5}$/),
      status: 'received',
      trackingToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      trackingUrl: expect.stringMatching(/\/behov\/[A-Za-z0-9_-]{43}$/),
    });
    const { id, trackingToken } = res.body;

    const [need] = await db.query(
      `SELECT n.*, n.earliest_start::text AS es, e.org_number, e.name AS employer_name, e.size_band
         FROM need n JOIN employer e ON e.id = n.employer_id WHERE n.id = $1`,
      [id],
    );
    expect(need).toMatchObject({
      status: 'received',
      county_code: '18',
      municipality_code: '1885',
      participants_total: 4,
      participants_women: 1,
      participants_men: 3,
      delivery_modes: ['onsite', 'remote'],
      org_number: '5560360793',
      employer_name: 'Exempel AB', // trimmed
      size_band: '10-49',
      tracking_token_hash: hashTrackingToken(trackingToken),
    });
    expect(JSON.stringify(need)).not.toContain(trackingToken); // only the hash is stored
    const [contact] = await db.query(`SELECT name, email, phone FROM contact WHERE need_id = $1`, [
      id,
    ]);
    expect(contact).toEqual({
      name: 'Anna Andersson',
      email: 'anna@example.se',
      phone: '070-1234567',
    });
    const events = await db.query(
      `SELECT type, aggregate_type, county_code FROM outbox WHERE aggregate_id = $1`,
      [id],
    );
    expect(events).toEqual([{ type: 'NeedSubmitted', aggregate_type: 'need', county_code: '18' }]);

    const tracked = await http().get(`/api/v1/needs/track/${trackingToken}`).expect(200);
    expect(tracked.body).toMatchObject({
      id,
      status: 'received',
      title: 'Truckkort för lagerpersonal',
      participants: { total: 4, women: 1, men: 3 },
      initiative: null,
    });
    expect(tracked.body.competences.map((c: { id: string }) => c.id).sort()).toEqual(
      competences.slice(0, 2).sort(),
    );
    expect(JSON.stringify(tracked.body)).not.toContain('anna@example.se');
  });

  it('keeps one employer per organisationsnummer; a later submission never changes its stored facts', async () => {
    const body = withField(validNeed([competences[0]]), 'employer.orgNumber', '5567037485');
    await http().post('/api/v1/needs').send(body).expect(201);
    const renamed = withField(
      withField(body, 'employer.name', 'Nytt Namn AB'),
      'employer.employees',
      300,
    );
    await http().post('/api/v1/needs').send(renamed).expect(201);
    const rows = await db.query(
      `SELECT name, size_band, (SELECT count(*)::int FROM need WHERE employer_id = e.id) AS needs
         FROM employer e WHERE org_number = '5567037485'`,
    );
    // What the second submitter said stays with that need, for a broker to confirm (issue 23).
    expect(rows).toEqual([{ name: 'Exempel AB', size_band: '10-49', needs: 2 }]);
  });

  const tooLong = (n: number) => 'x'.repeat(n);
  const BAD: [string, (b: Body) => Body, string][] = [
    [
      'orgNumber with a wrong check digit',
      (b) => withField(b, 'employer.orgNumber', '556036-0794'),
      'employer.orgNumber',
    ],
    [
      'orgNumber that is a personnummer',
      (b) => withField(b, 'employer.orgNumber', '811218-9875'),
      'employer.orgNumber',
    ],
    [
      'orgNumber of 9 digits',
      (b) => withField(b, 'employer.orgNumber', '55603607'),
      'employer.orgNumber',
    ],
    [
      'orgNumber with letters',
      (b) => withField(b, 'employer.orgNumber', '55603607AB'),
      'employer.orgNumber',
    ],
    ['missing employer name', (b) => withField(b, 'employer.name', '   '), 'employer.name'],
    [
      'unknown municipality',
      (b) => withField(b, 'employer.municipalityCode', '9999'),
      'employer.municipalityCode',
    ],
    [
      'malformed municipality',
      (b) => withField(b, 'employer.municipalityCode', '18'),
      'employer.municipalityCode',
    ],
    ['unknown SNI section', (b) => withField(b, 'employer.sniSection', 'Z'), 'employer.sniSection'],
    ['zero employees', (b) => withField(b, 'employer.employees', 0), 'employer.employees'],
    ['invalid e-mail', (b) => withField(b, 'contact.email', 'anna@'), 'contact.email'],
    ['missing contact', (b) => withField(b, 'contact', undefined), 'contact'],
    ['phone with letters', (b) => withField(b, 'contact.phone', 'call me'), 'contact.phone'],
    ['title too short', (b) => withField(b, 'title', 'ab'), 'title'],
    ['title too long', (b) => withField(b, 'title', tooLong(201)), 'title'],
    ['description too long', (b) => withField(b, 'description', tooLong(4001)), 'description'],
    ['no competences', (b) => withField(b, 'competenceIds', []), 'competenceIds'],
    [
      'unknown competence',
      (b) => withField(b, 'competenceIds', ['no-such-competence']),
      'competenceIds',
    ],
    [
      'eleven competences',
      (b) =>
        withField(
          b,
          'competenceIds',
          Array.from({ length: 11 }, (_, i) => `c${i}`),
        ),
      'competenceIds',
    ],
    [
      'zero participants',
      (b) => withField(b, 'participants', { total: 0, women: 0, men: 0 }),
      'participants.total',
    ],
    [
      '501 participants',
      (b) => withField(b, 'participants', { total: 501, women: 0, men: 0 }),
      'participants.total',
    ],
    [
      'women + men above total',
      (b) => withField(b, 'participants', { total: 3, women: 2, men: 2 }),
      'participants',
    ],
    ['negative women', (b) => withField(b, 'participants.women', -1), 'participants.women'],
    ['fractional total', (b) => withField(b, 'participants.total', 2.5), 'participants.total'],
    [
      'earliestStart in the past',
      (b) => withField(b, 'earliestStart', isoDay(-1)),
      'earliestStart',
    ],
    [
      'earliestStart not a date',
      (b) => withField(b, 'earliestStart', '2027-02-30'),
      'earliestStart',
    ],
    [
      'earliestStart in another format',
      (b) => withField(b, 'earliestStart', '01/02/2027'),
      'earliestStart',
    ],
    ['latestEnd before earliestStart', (b) => withField(b, 'latestEnd', isoDay(10)), 'latestEnd'],
    ['latestEnd equal to earliestStart', (b) => withField(b, 'latestEnd', isoDay(30)), 'latestEnd'],
    [
      'latestEnd beyond two years',
      (b) => withField(b, 'latestEnd', isoDay(2 * 366 + 1)),
      'latestEnd',
    ],
    ['no delivery mode', (b) => withField(b, 'deliveryModes', []), 'deliveryModes'],
    ['unknown delivery mode', (b) => withField(b, 'deliveryModes', ['teleport']), 'deliveryModes'],
    [
      'repeated delivery mode',
      (b) => withField(b, 'deliveryModes', ['onsite', 'onsite']),
      'deliveryModes',
    ],
    ['negative travel', (b) => withField(b, 'maxTravelKm', -5), 'maxTravelKm'],
    ['travel above 1000 km', (b) => withField(b, 'maxTravelKm', 1001), 'maxTravelKm'],
    ['travel as a string', (b) => withField(b, 'maxTravelKm', '40'), 'maxTravelKm'],
    [
      'negative max cost',
      (b) => withField(b, 'maxCostPerParticipantSek', -1),
      'maxCostPerParticipantSek',
    ],
    ['unsupported language', (b) => withField(b, 'language', 'xx'), 'language'],
    ['consent false', (b) => withField(b, 'consent', false), 'consent'],
    ['consent missing', (b) => withField(b, 'consent', undefined), 'consent'],
    ['consent as a string', (b) => withField(b, 'consent', 'true'), 'consent'],
    ['unknown top-level field', (b) => ({ ...b, isAdmin: true }), 'isAdmin'],
    ['unknown nested field', (b) => withField(b, 'employer.secret', 'x'), 'employer.secret'],
  ];

  it(`rejects ${BAD.length} distinct bad inputs with a 400 problem naming the field, storing nothing`, async () => {
    const before = await counts();
    const failures: string[] = [];
    for (const [name, mutate, field] of BAD) {
      const res = await http()
        .post('/api/v1/needs')
        .send(mutate(validNeed([competences[0]])));
      const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
      const ok =
        res.status === 400 &&
        /application\/problem\+json/.test(res.headers['content-type']) &&
        res.body.status === 400 &&
        fields.includes(field) &&
        res.body.errors.every(
          (e: { message: string }) => typeof e.message === 'string' && e.message.length > 5,
        );
      if (!ok) failures.push(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it('rejects a body that is not JSON, too large, or the wrong content type, storing nothing', async () => {
    const before = await counts();
    const broken = await http()
      .post('/api/v1/needs')
      .set('Content-Type', 'application/json')
      .send('{"employer": ');
    expect(broken.status).toBe(400);
    expect(broken.headers['content-type']).toMatch(/problem\+json/);
    const huge = withField(validNeed([competences[0]]), 'description', 'x'.repeat(70_000));
    const tooLarge = await http().post('/api/v1/needs').send(huge);
    expect(tooLarge.status).toBe(413);
    const array = await http().post('/api/v1/needs').send([1, 2]);
    expect(array.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer to a retry, without a duplicate', async () => {
      const body = validNeed([competences[1]]);
      const first = await http().post('/api/v1/needs').set('Idempotency-Key', 'retry-1').send(body);
      expect(first.status).toBe(201);
      const before = await counts();
      const again = await http()
        .post('/api/v1/needs')
        .set('Idempotency-Key', 'retry-1')
        .send(structuredClone(body));
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await counts()).toEqual(before);
    });

    it('answers 422 to the same key with another body', async () => {
      const body = validNeed([competences[1]]);
      await http().post('/api/v1/needs').set('Idempotency-Key', 'retry-2').send(body).expect(201);
      const before = await counts();
      const other = await http()
        .post('/api/v1/needs')
        .set('Idempotency-Key', 'retry-2')
        .send(withField(body, 'title', 'Ett annat behov'));
      expect(other.status).toBe(422);
      expect(other.headers['content-type']).toMatch(/problem\+json/);
      expect(other.body.detail).toMatch(/Idempotency-Key/);
      expect(await counts()).toEqual(before);
    });

    it('does not keep a failed request, so the corrected retry with the same key works', async () => {
      const bad = withField(validNeed([competences[1]]), 'consent', false);
      await http().post('/api/v1/needs').set('Idempotency-Key', 'retry-3').send(bad).expect(400);
      const good = validNeed([competences[1]]);
      await http().post('/api/v1/needs').set('Idempotency-Key', 'retry-3').send(good).expect(201);
    });

    it('rejects a malformed key', async () => {
      const res = await http()
        .post('/api/v1/needs')
        .set('Idempotency-Key', 'has spaces in it')
        .send(validNeed([competences[1]]));
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/Idempotency-Key/);
    });

    it('runs concurrent requests with one key once', async () => {
      const body = validNeed([competences[2]]);
      const before = await counts();
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          http().post('/api/v1/needs').set('Idempotency-Key', 'race-1').send(body),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
      expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
      const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
      expect(ids.size).toBe(1);
      const after = await counts();
      expect(after.needs).toBe(before.needs + 1);
    });
  });

  describe('tracking and withdrawal', () => {
    it('answers 404 problem+json to an unknown or malformed token', async () => {
      for (const token of ['A'.repeat(43), 'short', 'x'.repeat(500)]) {
        const res = await http().get(`/api/v1/needs/track/${token}`);
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
      }
      await http()
        .delete(`/api/v1/needs/track/${'B'.repeat(43)}`)
        .expect(404);
    });

    it('withdraws: status withdrawn, contact erased, NeedWithdrawn event, counts kept; a second DELETE answers the same', async () => {
      const created = await http()
        .post('/api/v1/needs')
        .send(validNeed([competences[0]]))
        .expect(201);
      const { id, trackingToken } = created.body;
      const withdrawn = await http().delete(`/api/v1/needs/track/${trackingToken}`).expect(200);
      expect(withdrawn.body).toMatchObject({
        id,
        status: 'withdrawn',
        withdrawnAt: expect.any(String),
      });
      expect(await db.query(`SELECT 1 FROM contact WHERE need_id = $1`, [id])).toEqual([]);
      const [need] = await db.query(
        `SELECT status, participants_total, (SELECT count(*)::int FROM need_competence WHERE need_id = $1) AS competences
           FROM need WHERE id = $1`,
        [id],
      );
      expect(need).toEqual({ status: 'withdrawn', participants_total: 4, competences: 1 });
      const again = await http().delete(`/api/v1/needs/track/${trackingToken}`).expect(200);
      expect(again.body.status).toBe('withdrawn');
      const events = await db.query(`SELECT type FROM outbox WHERE aggregate_id = $1 ORDER BY id`, [
        id,
      ]);
      expect(events.map((e: { type: string }) => e.type)).toEqual([
        'NeedSubmitted',
        'NeedWithdrawn',
      ]);
      const tracked = await http().get(`/api/v1/needs/track/${trackingToken}`).expect(200);
      expect(tracked.body.status).toBe('withdrawn');
    });

    it('refuses to withdraw an expired need (409)', async () => {
      const created = await http()
        .post('/api/v1/needs')
        .send(validNeed([competences[0]]))
        .expect(201);
      await moveNeeds(db, [created.body.id], 'expired');
      const res = await http().delete(`/api/v1/needs/track/${created.body.trackingToken}`);
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    });
  });
});

describe('needs API rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '2', OUTBOX_RELAY: 'off' });
  });
  afterAll(() => t?.close());

  it('answers 429 problem+json with Retry-After past the public limit', async () => {
    const http = () => request(t.app.getHttpServer());
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 3; i++) {
      last = await http().post('/api/v1/needs').send({});
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 429]);
    expect(last?.headers['retry-after']).toMatch(/^\d+$/);
    expect(last?.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('idempotency answers expire', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '10000', OUTBOX_RELAY: 'off' });
  });
  afterAll(() => t?.close());

  it('purges stored answers (which hold the tracking token) after 24 hours', async () => {
    const db = t.app.get(DataSource);
    const [{ id }] = await db.query(`SELECT id FROM competence ORDER BY id LIMIT 1`);
    await request(t.app.getHttpServer())
      .post('/api/v1/needs')
      .set('Idempotency-Key', 'old-key')
      .send(validNeed([id]))
      .expect(201);
    await db.query(`UPDATE idempotency_key SET created_at = now() - interval '25 hours'`);
    const purged = await t.app.get(IdempotencyService).purgeExpired(true);
    expect(purged).toBe(1);
    expect(await db.query(`SELECT 1 FROM idempotency_key`)).toEqual([]);
  });
});
