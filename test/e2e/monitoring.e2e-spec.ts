import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import {
  dayOfMonth,
  generateDataset,
  insertDataset,
  MonitoringDataset,
  monthEnd,
  monthStart,
} from '../support/monitoring-fixtures';
import { startWorld, World } from '../support/world';

/**
 * Regional monitoring over HTTP: where initiatives count (the venue's county), what a joint
 * initiative is, one clock per period (a cancellation today leaves last quarter alone), whole
 * months for regional staff, targets as named, small-count protection in the API, CSV and
 * dashboard, scopes and the dashboard's session. The protection itself is attacked in
 * libs/monitoring/src/monitoring-disclosure.spec.ts over many random regions.
 */

const LT3 = '<3';

/** Completed months: M(-1) is last month. Fixtures sit in them, so results do not move. */
const M = (offset: number) => dayOfMonth(offset, 10);
const QUARTER_FROM = monthStart(-3);
const QUARTER_TO = monthEnd(-1);

/** Two employers in Södermanlands län, with numbers that must never show. */
const SMALL_COUNTY: MonitoringDataset = {
  employers: [
    { key: 's1', municipality: '0483', employees: 20 },
    { key: 's2', municipality: '0428', employees: 600 },
  ],
  needs: [
    {
      key: 'm1',
      employer: 's1',
      daysAgo: 0,
      at: M(-2),
      total: 137,
      women: 60,
      men: 77,
      status: 'matched',
      competences: ['truckkort-a-b'],
      initiative: 'i5',
    },
    {
      key: 'm2',
      employer: 's2',
      daysAgo: 0,
      at: M(-2),
      total: 241,
      women: 100,
      men: 141,
      status: 'matched',
      competences: ['truckkort-a-b'],
      initiative: 'i5',
    },
    {
      key: 'm3',
      employer: 's1',
      daysAgo: 0,
      at: M(-1),
      total: 57,
      women: 20,
      men: 37,
      status: 'unmet',
      competences: ['ritningslasning'],
    },
  ],
  initiatives: [
    { key: 'i5', county: '04', municipality: '0483', daysAgo: 0, at: M(-1), status: 'planned' },
  ],
  drafts: [],
};
const SECRET_NUMBERS = /\b(137|241|57|378|435|180|255)\b/;

const need = (key: string, employer: string, at: string, initiative?: string) => ({
  key,
  employer,
  daysAgo: 0,
  at,
  total: 4,
  women: 2,
  men: 2,
  status: initiative ? ('matched' as const) : ('received' as const),
  competences: ['svetsning-mag-stal'],
  initiative,
});

/**
 * Three Örebro employers trained in Skinnskatteberg (Västmanlands län): the proposal's county
 * is 18, the venue's 19. Three Uppsala employers in a joint initiative in Tierp, and one alone
 * in an initiative in Östhammar (not a joint initiative).
 */
const CROSS_BORDER: MonitoringDataset = {
  employers: [
    { key: 'x1', municipality: '1880', employees: 12 },
    { key: 'x2', municipality: '1885', employees: 30 },
    { key: 'x3', municipality: '1883', employees: 8 },
    { key: 'u1', municipality: '0382', employees: 40 },
    { key: 'u2', municipality: '0360', employees: 15 },
    { key: 'u3', municipality: '0360', employees: 5 },
    { key: 'u4', municipality: '0360', employees: 70 },
  ],
  needs: [
    need('xn1', 'x1', M(-3), 'ix'),
    need('xn2', 'x2', M(-3), 'ix'),
    need('xn3', 'x3', M(-3), 'ix'),
    need('un1', 'u1', M(-3), 'iu1'),
    need('un2', 'u2', M(-3), 'iu2'),
    need('un3', 'u3', M(-3), 'iu2'),
    need('un4', 'u4', M(-3), 'iu2'),
  ],
  initiatives: [
    { key: 'ix', county: '18', municipality: '1904', daysAgo: 0, at: M(-2), status: 'planned' },
    { key: 'iu1', county: '03', municipality: '0382', daysAgo: 0, at: M(-2), status: 'planned' },
    { key: 'iu2', county: '03', municipality: '0360', daysAgo: 0, at: M(-2), status: 'planned' },
  ],
  drafts: [],
};

/** Three Örebro employers in an initiative approved last quarter, cancelled during the test. */
const TO_CANCEL: MonitoringDataset = {
  employers: [
    { key: 'c1', municipality: '1880', employees: 3 },
    { key: 'c2', municipality: '1880', employees: 9 },
    { key: 'c3', municipality: '1882', employees: 25 },
  ],
  needs: [
    need('cn1', 'c1', M(-2), 'ic'),
    need('cn2', 'c2', M(-2), 'ic'),
    need('cn3', 'c3', M(-2), 'ic'),
  ],
  initiatives: [
    { key: 'ic', county: '18', municipality: '1880', daysAgo: 0, at: M(-1), status: 'planned' },
  ],
  drafts: [],
};


const LOGIN_LIMIT = 8;

describe('regional monitoring', () => {
  let w: World;
  let db: DataSource;
  let ids: Map<string, string>;
  const get = (path: string, account?: Parameters<World['auth']>[0]) => {
    const req = w.http().get(path);
    return account ? req.set(w.auth(account)) : req;
  };
  const quarter = `from=${QUARTER_FROM}&to=${QUARTER_TO}`;

  beforeAll(async () => {
    // A real per-account login limit, above what the staff-login tests below use for one account.
    w = await startWorld({ OUTBOX_RELAY: 'off', LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT) });
    db = w.db;
    const orebro = generateDataset({
      seed: 18,
      prefix: 'o',
      county: '18',
      municipalities: ['1880', '1885', '1883', '1860'],
      employers: 30,
      needs: 140,
      initiatives: 14,
      days: 330,
    });
    await insertDataset(db, orebro);
    await insertDataset(db, SMALL_COUNTY);
    ids = await insertDataset(db, CROSS_BORDER);
    for (const [key, id] of await insertDataset(db, TO_CANCEL)) ids.set(key, id);
    // The targets' own period must cover the fixtures whenever the test runs.
    await db.query(
      `UPDATE region_target SET period_start = $1, period_end = NULL WHERE county_code = '18'`,
      [monthStart(-12)],
    );
  }, 120_000);

  afterAll(async () => {
    await w?.t.close();
  });

  it('a cross-border initiative counts in the county of its venue, with the needs county shown', async () => {
    const venue = await get(`/api/v1/monitoring/summary?countyCode=19&${quarter}`, 'admin').expect(
      200,
    );
    expect(venue.body).toMatchObject({
      countyCode: '19',
      countyName: 'Västmanlands län',
      initiatives: 1,
      pooledEmployers: 3,
      employersPerInitiative: 3,
      crossBorder: [
        {
          venueCountyCode: '19',
          venueCountyName: 'Västmanlands län',
          needsCountyCode: '18',
          needsCountyName: 'Örebro län',
          initiatives: 1,
        },
      ],
    });
    // Örebro's analyst sees the course in the needs' county's cross-border list, not as its own.
    const own = await get(`/api/v1/monitoring/summary?${quarter}`, 'regionalOwn').expect(200);
    expect(own.body.crossBorder).toContainEqual({
      venueCountyCode: '19',
      venueCountyName: 'Västmanlands län',
      needsCountyCode: '18',
      needsCountyName: 'Örebro län',
      initiatives: 1,
    });
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM initiative i JOIN municipality m ON m.code = i.venue_municipality_code
        WHERE m.county_code = '18' AND i.created_at >= $1::date AND i.created_at < $2::date + 1
          AND i.id IN (SELECT initiative_id FROM initiative_need inn JOIN need n ON n.id = inn.need_id
                        GROUP BY initiative_id HAVING count(DISTINCT n.employer_id) >= 2)`,
      [QUARTER_FROM, QUARTER_TO],
    );
    expect(own.body.initiatives === LT3 || own.body.initiatives === count).toBe(true);
  });

  it('a single-employer initiative is not a joint initiative', async () => {
    const res = await get(`/api/v1/monitoring/summary?countyCode=03&${quarter}`, 'admin').expect(
      200,
    );
    expect(res.body).toMatchObject({
      initiatives: 1,
      pooledEmployers: 3,
      employersPerInitiative: 3,
      employersPerInitiativeDistribution: [
        { employers: 2, orMore: false, initiatives: 0 },
        { employers: 3, orMore: false, initiatives: 1 },
        { employers: 4, orMore: false, initiatives: 0 },
        { employers: 5, orMore: true, initiatives: 0 },
      ],
      // The lone employer's need is still matched: a need is matched whatever the cohort size.
      matchedNeeds: 4,
      needs: 4,
    });
  });

  it('a cancellation today does not change last quarter: every figure is as of the end of its period', async () => {
    const read = async () => ({
      summary: (await get(`/api/v1/monitoring/summary?${quarter}`, 'regionalOwn').expect(200)).body,
      series: (
        await get(`/api/v1/monitoring/timeseries?metric=matchedNeeds&${quarter}`, 'regionalOwn')
      ).body,
      csv: (await get(`/api/v1/monitoring/export.csv?${quarter}`, 'regionalOwn').expect(200)).text,
    });
    const before = await read();
    expect(before.summary).toMatchObject({
      from: QUARTER_FROM,
      to: QUARTER_TO,
      asOf: monthStart(0),
      periodAdjusted: false,
    });
    expect(typeof before.summary.matchedNeeds).toBe('number');
    await w
      .http()
      .post(`/api/v1/admin/initiatives/${ids.get('ic')}/status`)
      .set(w.auth('admin'))
      .send({ status: 'cancelled', reason: 'Anordnaren ställde in kursen' })
      .expect((res) => expect([200, 201]).toContain(res.status));
    const after = await read();
    expect(after).toEqual(before);
    // The cancellation is counted in the month it happened: admins may see the running month.
    const now = await get(
      `/api/v1/monitoring/summary?countyCode=18&from=${monthStart(0)}&to=${monthEnd(0)}`,
      'admin',
    ).expect(200);
    expect(
      now.body.initiativeEvents.cancelled === LT3 || now.body.initiativeEvents.cancelled >= 1,
    ).toBe(true);
  });

  it('regional periods are whole completed months; weeks are for admins', async () => {
    const rounded = await get(
      `/api/v1/monitoring/summary?from=${dayOfMonth(-3, 15)}&to=${dayOfMonth(0, 1)}`,
      'regionalOwn',
    ).expect(200);
    expect(rounded.body).toMatchObject({
      from: QUARTER_FROM,
      to: QUARTER_TO,
      asOf: monthStart(0),
      periodAdjusted: true,
    });
    const thisMonth = await get(`/api/v1/monitoring/summary?from=${monthStart(0)}`, 'regionalOwn');
    expect(thisMonth.status).toBe(400);
    expect(thisMonth.body.errors[0].field).toBe('from');
    const weekly = await get(
      '/api/v1/monitoring/timeseries?metric=needs&interval=week',
      'regionalOwn',
    );
    expect(weekly.status).toBe(400);
    expect(weekly.body.errors[0].field).toBe('interval');
    const series = await get('/api/v1/monitoring/timeseries?metric=needs', 'regionalOwn').expect(
      200,
    );
    expect(series.body.points).toHaveLength(12);
    expect(series.body.points[0].start).toBe(monthStart(-12));
    expect(series.body.to).toBe(monthEnd(-1));
    const admin = await get(
      '/api/v1/monitoring/timeseries?metric=needs&interval=week&countyCode=18',
      'admin',
    ).expect(200);
    for (const p of admin.body.points) expect(new Date(`${p.start}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it('targets are measured as named: venue municipalities, gender from completed participants', async () => {
    const res = await get('/api/v1/monitoring/summary', 'regionalOwn').expect(200);
    const target = (metric: string) =>
      res.body.targets.find((t: { metric: string }) => t.metric === metric);
    // The generated Örebro initiatives are all held in Örebro (1880), Skinnskatteberg is in 19.
    expect(target('municipalities_with_initiative')).toMatchObject({
      actual: 1,
      asOf: monthStart(0),
    });
    const [{ women, men }] = await db.query(
      `SELECT sum(i.completed_women)::int AS women, sum(i.completed_men)::int AS men
         FROM initiative i JOIN municipality m ON m.code = i.venue_municipality_code
        WHERE m.county_code = '18' AND i.status = 'completed' AND i.created_at >= $1::date
          AND i.status_changed_at < $2::date`,
      [monthStart(-12), monthStart(0)],
    );
    const gender = target('underrepresented_gender_share');
    expect(gender.basis).toBe('completed');
    expect(gender.actual).toBe(Math.round((Math.min(women, men) / (women + men)) * 1000) / 10);
  });

  it('a county with two employers shows "<3", never their numbers', async () => {
    for (const [account, query] of [
      ['admin', `?countyCode=04&${quarter}`],
      ['regionalOther', `?${quarter}`],
    ] as const) {
      const res = await get(`/api/v1/monitoring/summary${query}`, account).expect(200);
      const s = res.body;
      expect(s.countyCode).toBe('04');
      expect(s).toMatchObject({
        employers: LT3,
        needs: LT3,
        participantsRequested: LT3,
        matchedNeeds: LT3,
        matchRate: LT3,
        medianDaysToMatch: LT3,
        smeShare: LT3,
        employersBySize: { sme: LT3, large: LT3 },
        funnel: { received: LT3, matched: LT3 },
        participantsByGender: { women: LT3, men: LT3, notStated: LT3 },
        initiatives: LT3,
        employersPerInitiative: LT3,
        pooledEmployers: LT3,
      });
      for (const row of [...s.unmetDemand, ...s.unmetByCompetence, ...s.unmetByMunicipality]) {
        expect(row.participants).toBe(LT3);
      }
      expect(JSON.stringify(s)).not.toMatch(SECRET_NUMBERS);

      const series = await get(
        `/api/v1/monitoring/timeseries?metric=participantsRequested&${query.slice(1)}`,
        account,
      ).expect(200);
      expect(series.body.points.some((p: { value: unknown }) => p.value === LT3)).toBe(true);
      expect(JSON.stringify(series.body)).not.toMatch(SECRET_NUMBERS);

      const csv = await get(`/api/v1/monitoring/export.csv${query}`, account).expect(200);
      expect(csv.text).toContain('<3');
      expect(csv.text).not.toMatch(SECRET_NUMBERS);
    }
  });

  it('the CSV opens in Excel, and its summary and rows cover the same whole months', async () => {
    const res = await get('/api/v1/monitoring/export.csv', 'regionalOwn')
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const from = monthStart(-12);
    const to = monthEnd(-1);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="uppfoljning-18-${from}-${to}.csv"`,
    );
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    const rows: string[][] = parse(text, { delimiter: ';', bom: true, relax_column_count: false });
    expect(rows[0]).toEqual(['Avsnitt', 'Mått', 'Period', 'Kommun', 'Kompetens', 'Värde']);
    const value = (section: string, measure: string) =>
      rows.find((r) => r[0] === section && r[1] === measure)?.[5];
    expect(value('Urval', 'Län')).toBe('Örebro län (18)');
    const summaryRows = rows.filter((r) => r[0] === 'Sammanfattning');
    expect(new Set(summaryRows.map((r) => r[2]))).toEqual(new Set([`${from}–${to}`]));
    const monthly = rows.filter((r) => r[0] === 'Per månad' && r[1] === 'Mottagna behov');
    expect(monthly).toHaveLength(12);
    // The summary and the months agree (the same reading, the same protection).
    const summary = (
      await get(`/api/v1/monitoring/summary?from=${from}&to=${to}`, 'regionalOwn').expect(200)
    ).body;
    expect(value('Sammanfattning', 'Mottagna behov')).toBe(String(summary.needs));
    const shown = monthly.filter((r) => /^\d+$/.test(r[5])).map((r) => Number(r[5]));
    // A county with a few hundred needs a year is published, not hidden behind "<3".
    expect(typeof summary.needs).toBe('number');
    expect(typeof summary.matchedNeeds).toBe('number');
    expect(typeof summary.initiatives).toBe('number');
    expect(shown.length).toBeGreaterThan(6);
    if (shown.length === 12) expect(shown.reduce((a, b) => a + b, 0)).toBe(summary.needs);
    expect(value('Mål', 'Arbetsgivare som deltar i minst en gemensam insats: mål')).toBe('11');
    const unmetRows = rows.filter((r) => r[0] === 'Ej tillgodosedd efterfrågan');
    expect(unmetRows.length).toBeGreaterThan(0);
    expect(unmetRows.some((r) => /[åäö]/.test(r[4]))).toBe(true);
  });

  it('scopes: anonymous 401, provider and broker 403, regional only its own county, admin any', async () => {
    for (const path of ['summary', 'timeseries?metric=needs', 'export.csv']) {
      const anonymous = await get(`/api/v1/monitoring/${path}`).expect(401);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
      await get(`/api/v1/monitoring/${path}`, 'providerOwn').expect(403);
      await get(`/api/v1/monitoring/${path}`, 'brokerOwn').expect(403);
      const sep = path.includes('?') ? '&' : '?';
      const other = await get(
        `/api/v1/monitoring/${path}${sep}countyCode=04`,
        'regionalOwn',
      ).expect(403);
      expect(other.headers['content-type']).toContain('application/problem+json');
      await get(`/api/v1/monitoring/${path}${sep}countyCode=18`, 'regionalOwn').expect(200);
      await get(`/api/v1/monitoring/${path}${sep}countyCode=04`, 'admin').expect(200);
    }
    const nationwide = await get(`/api/v1/monitoring/summary?${quarter}`, 'admin').expect(200);
    expect(nationwide.body).toMatchObject({ countyCode: null, countyName: 'Hela landet' });
  });

  it('bad query parameters are 400 problem+json naming the field', async () => {
    const cases: [string, string][] = [
      ['summary?countyCode=99', 'countyCode'],
      ['summary?countyCode=1', 'countyCode'],
      ['summary?from=2026-02-30', 'from'],
      ['summary?from=1-1-2026', 'from'],
      ['summary?to=2026-13-01', 'to'],
      ['summary?from=2026-05-01&to=2026-04-30', 'to'],
      ['summary?colour=blue', 'colour'],
      ['timeseries', 'metric'],
      ['timeseries?metric=everything', 'metric'],
      ['timeseries?metric=needs&interval=day', 'interval'],
      ['timeseries?metric=needs&interval=week&from=2010-01-01', 'from'],
      ['export.csv?interval=year', 'interval'],
    ];
    for (const [path, field] of cases) {
      const res = await get(`/api/v1/monitoring/${path}`, 'admin');
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('the summary is documented in the OpenAPI document', async () => {
    const doc = (await w.http().get('/docs-json').expect(200)).body;
    for (const path of ['summary', 'timeseries', 'export.csv']) {
      expect(doc.paths[`/api/v1/monitoring/${path}`]?.get).toBeDefined();
    }
    const props = doc.components.schemas.SummaryResponseDto.properties;
    for (const field of ['matchRate', 'asOf', 'crossBorder', 'employersBySize']) {
      expect(props).toHaveProperty(field);
    }
  });

  describe('the /uppfoljning dashboard behind the staff login', () => {
    const cookiesOf = (res: { headers: Record<string, unknown> }) =>
      ((res.headers['set-cookie'] as string[] | undefined) ?? []).map((c) => c.split(';')[0]);
    const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

    async function loginPage() {
      const res = await w.http().get('/logga-in').expect(200);
      return { cookie: cookiesOf(res).join('; '), csrf: csrfOf(res.text), html: res.text };
    }

    /** The response, after checking its status (with the body in the message when it differs). */
    const status = <R extends { status: number; text: string }>(res: R, expected: number): R => {
      expect({ status: res.status, body: res.status === expected ? '' : res.text }).toEqual({
        status: expected,
        body: '',
      });
      return res;
    };

    async function login(email: string, password: string, extra: Record<string, string> = {}) {
      const page = await loginPage();
      return w
        .http()
        .post('/logga-in')
        .set('X-Forwarded-For', w.nextIp())
        .set('Cookie', page.cookie)
        .set(extra)
        .type('form')
        .send({ _csrf: page.csrf, email, password });
    }

    it('anonymous visitors are sent to the Swedish login page', async () => {
      const res = await w.http().get('/uppfoljning').expect(303);
      expect(res.headers.location).toBe('/logga-in?tillbaka=%2Fuppfoljning');
      const page = await loginPage();
      expect(page.html).toContain('<html lang="sv">');
      expect(page.html).toContain('<h1>Logga in</h1>');
      expect(page.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(page.cookie).toMatch(/km_personal_csrf=/);
    });

    it('logs in with a session cookie that is HttpOnly and SameSite=Strict, not a way into the API', async () => {
      const res = status(await login('regionalown@world.test', 'account-password-1'), 303);
      expect(res.headers.location).toBe('/uppfoljning');
      const session = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith('km_personal='),
      )!;
      expect(session).toMatch(/HttpOnly/);
      expect(session).toMatch(/SameSite=Strict/);
      expect(session).toMatch(/Path=\//);
      expect(session).not.toMatch(/Secure/);
      const cookie = cookiesOf(res).join('; ');

      const dashboard = await w.http().get('/uppfoljning').set('Cookie', cookie).expect(200);
      expect(dashboard.text).toContain('Uppföljning – Örebro län');
      expect(dashboard.text).toContain('id="dashboard-data"');
      expect(dashboard.text).toContain('/assets/chart.umd.min.js');
      expect(dashboard.headers['content-security-policy']).toContain("script-src 'self'");
      // The cookie is not a way into the API.
      await w.http().get('/api/v1/monitoring/summary').set('Cookie', cookie).expect(401);
      // Another county is not for regional staff.
      await w.http().get('/uppfoljning?lan=04').set('Cookie', cookie).expect(403);
      const csv = await w.http().get('/uppfoljning/export.csv').set('Cookie', cookie).expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');

      // Logging out needs the form's token and clears the cookie.
      const csrfCookie = cookiesOf(res).find((c) => c.startsWith('km_personal_csrf='))!;
      await w.http().post('/logga-ut').set('Cookie', cookie).type('form').send({}).expect(403);
      const out = await w
        .http()
        .post('/logga-ut')
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrfOf(dashboard.text) })
        .expect(303);
      expect(out.headers.location).toBe('/logga-in?utloggad=1');
      expect((out.headers['set-cookie'] as unknown as string[]).join()).toMatch(
        /km_personal=;.*Expires=Thu, 01 Jan 1970/,
      );
      expect(csrfCookie).toBeDefined();
    });

    it('the cookie is Secure behind https', async () => {
      const res = status(
        await login('regionalown@world.test', 'account-password-1', {
          'X-Forwarded-Proto': 'https',
        }),
        303,
      );
      expect((res.headers['set-cookie'] as unknown as string[]).join()).toMatch(
        /km_personal=[^;]+;.*Secure/,
      );
    });

    it('refuses forged, wrong and unauthorised logins in Swedish', async () => {
      const page = await loginPage();
      const noToken = await w
        .http()
        .post('/logga-in')
        .set('X-Forwarded-For', w.nextIp())
        .set('Cookie', page.cookie)
        .type('form')
        .send({ email: 'regionalown@world.test', password: 'account-password-1' })
        .expect(403);
      expect(noToken.text).toContain('Formuläret hade gått ut');
      status(
        await login('regionalown@world.test', 'account-password-1', {
          Origin: 'https://evil.example',
        }),
        403,
      );
      const wrong = status(await login('regionalown@world.test', 'fel-lösenord'), 401);
      expect(wrong.text).toContain('Fel e-postadress eller lösenord.');
      expect(wrong.headers['set-cookie']?.toString() ?? '').not.toMatch(/km_personal=/);
      const empty = status(await login('', ''), 400);
      expect(empty.text).toContain('Ange din e-postadress.');
      expect(empty.text).toContain('Ange ditt lösenord.');
      // A broker logs in to its own pages; the dashboard says in Swedish whom it is for.
      const broker = status(await login('brokerown@world.test', 'account-password-1'), 303);
      expect(broker.headers.location).toBe('/maklare');
      const refused = await w
        .http()
        .get('/uppfoljning')
        .set('Cookie', cookiesOf(broker).join('; '))
        .expect(403);
      expect(refused.text).toContain(
        'Sidan är till för regionala handläggare och administratörer.',
      );
      expect(refused.text).toContain('href="/maklare"');
    });

    it('login attempts are throttled like the API login, with a Swedish page', async () => {
      const ip = w.nextIp();
      let last = 0;
      for (let i = 0; i <= LOGIN_LIMIT; i++) {
        const page = await loginPage();
        const res = await w
          .http()
          .post('/logga-in')
          .set('X-Forwarded-For', ip)
          .set('Cookie', page.cookie)
          .type('form')
          .send({ _csrf: page.csrf, email: 'gissad@world.test', password: 'fel' });
        last = res.status;
        if (res.status === 429) {
          expect(res.headers['retry-after']).toBeDefined();
          expect(res.text).toContain('För många inloggningsförsök');
        }
      }
      expect(last).toBe(429);
    });

    it('an admin may pick any county; the two-employer county shows "<3" on the page too', async () => {
      const res = await w.http().post('/logga-in').set('X-Forwarded-For', w.nextIp());
      expect(res.status).toBe(403); // no token, no cookie
      const ok = status(await login('admin@world.test', 'admin-password-123'), 303);
      const cookie = cookiesOf(ok).join('; ');
      const page = await w.http().get('/uppfoljning?lan=04').set('Cookie', cookie).expect(200);
      expect(page.text).toContain('Uppföljning – Södermanlands län');
      expect(page.text).toContain('&lt;3');
      expect(page.text.replace(/<script[\s\S]*?<\/script>/g, '')).not.toMatch(SECRET_NUMBERS);
      expect(page.text).toContain('Om siffrorna');
      const weekly = await w
        .http()
        .get('/uppfoljning?lan=18&intervall=vecka')
        .set('Cookie', cookie)
        .expect(200);
      expect(weekly.text).toMatch(/v\. \d+ \d{4}/);
      const bad = await w
        .http()
        .get('/uppfoljning?fran=2026-02-30')
        .set('Cookie', cookie)
        .expect(400);
      expect(bad.text).toContain('Ange ett giltigt från-datum');
    });
  });
});
