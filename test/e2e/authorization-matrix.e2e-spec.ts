/**
 * Authorisation matrix: every route the app registers, with the status each kind of caller gets.
 *
 * The routes are read from the Express router at run time, so a route added without a row here
 * fails the test (naming the route), and so does a row whose route no longer exists.
 *
 * How to add a route: add a row to MATRIX keyed `'METHOD /path/:param'` exactly as the failure
 * message names it (`USE /path` for an Express mount such as Bull Board). `expect` holds ten
 * statuses, one per column of ACTORS (`200|404` accepts either); `request` builds the call:
 * path params, query, a JSON `body` or a urlencoded `form`, all of which must pass validation so
 * that the status reflects authorisation only. A write that succeeds creates a fresh fixture per
 * call (`w.proposal()`, `w.initiative()`, …), so the cells don't depend on each other's order.
 *
 * The fixtures the rows act on live in Örebro län (18): a need in Örebro (1880), an offering,
 * a proposal, an initiative and an ESF project draft of Lärcentrum Örebro. "Own" and "other"
 * in the columns are relative to them:
 * - anon: no credentials;
 * - emp / emp✗: an employer holding the tracking token of the need / of another need. On a
 *   tracking route (`:token`) the own employer uses its token, everyone else (the other employer
 *   and every account, admin included) one that is not the need's: the token is the only key.
 *   Elsewhere the employer sends its tracking token as a bearer token, which must not count;
 * - prov / prov✗: provider of Lärcentrum Örebro / of Lärcentrum Lindesberg (same county);
 * - brok / brok✗: broker of Lärcentrum Örebro / of Viadidakt (Södermanlands län, 04);
 * - reg / reg✗: regional staff of county 18 / of county 04;
 * - admin.
 */
import { randomBytes } from 'node:crypto';
import { newTrackingToken } from '@km/needs';
import { SESSION_COOKIE } from '../../apps/api/src/staff/staff-session';
import {
  validEditForm,
  validNeedBody,
  validNeedForm,
  validOfferingBody,
  validOfferingForm,
} from '../support/bodies';
import { registeredRoutes } from '../support/routes';
import {
  accountEmail,
  AccountName,
  NeedFixture,
  startWorld,
  World,
  WORLD_ADMIN,
  WORLD_PASSWORD,
} from '../support/world';

const ACTORS = [
  'anon',
  'emp',
  'emp✗',
  'prov',
  'prov✗',
  'brok',
  'brok✗',
  'reg',
  'reg✗',
  'admin',
] as const;
type Actor = (typeof ACTORS)[number];

const ACCOUNT_OF: Partial<Record<Actor, AccountName>> = {
  prov: 'providerOwn',
  'prov✗': 'providerOther',
  brok: 'brokerOwn',
  'brok✗': 'brokerOther',
  reg: 'regionalOwn',
  'reg✗': 'regionalOther',
  admin: 'admin',
};

/** The shared fixtures (county 18 unless named otherwise). */
interface Fixtures {
  need: NeedFixture;
  otherNeed: NeedFixture;
  offering: string;
  proposal: string;
  initiative: string;
  projectDraft: string;
  matchingRun: string;
  /** The same kinds of fixture in Södermanlands län (04), of Viadidakt. */
  sormland: { offering: string; proposal: string; initiative: string; projectDraft: string };
}

interface Cell {
  w: World;
  f: Fixtures;
  actor: Actor;
  /** The tracking token this actor puts in a `:token` path (see the header). */
  token: (need?: NeedFixture) => string;
}

interface RequestSpec {
  params?: Record<string, string>;
  /** Overrides the path (for `USE` mounts). */
  path?: string;
  query?: Record<string, string>;
  body?: object;
  form?: Record<string, string | string[]>;
  /** Cookies besides the dashboard session (`name=value; …`). */
  cookies?: string;
  /** A bearer token of the caller's own, instead of the shared one (for routes that revoke it). */
  bearer?: string;
}

interface Entry {
  expect: string;
  request?: (cell: Cell) => RequestSpec | Promise<RequestSpec>;
  /**
   * The staff pages (/uppfoljning, /maklare, …) log in with a session cookie holding the JWT, not
   * a bearer header: the callers send their token (the employers their tracking token) as that
   * cookie.
   */
  session?: true;
}

// Rows that read the same for many routes.
const PUBLIC = '200  200  200  200  200  200  200  200  200  200';
const ANY_ACCOUNT = '401  401  401  200  200  200  200  200  200  200';
const ADMIN_ONLY = '401  401  401  403  403  403  403  403  403  200';
const REGION_LIST = '401  401  401  403  403  200  200  200  200  200';
const REGION_READ = '401  401  401  403  403  200  403  200  403  200';
const BROKER_WRITE = '401  401  401  403  403  200  403  403  403  200';
const TOKEN_OWNER = '404  200  404  404  404  404  404  404  404  404';
const MONITORING = '401  401  401  403  403  403  403  200  403  200';
/** Without a valid session the staff pages send the browser to the login page. */
const DASHBOARD = '303  303  303  403  403  403  403  200  403  200';
const STAFF_START = '303  303  303  200  200  403  403  403  403  200';
/** Mäklarvyn: lists of the broker's own region, a page of the Örebro fixture, a form post on one. */
const BROKER_PAGES = '303  303  303  403  403  200  200  403  403  200';
const BROKER_PAGE = '303  303  303  403  403  200  403  403  403  200';
const BROKER_FORM = '303  303  303  403  403  303  403  403  403  303';
/** Utbudsvyn: the provider's own lists, a page of the Örebro offering, a form post on it. */
const PROVIDER_PAGES = '303  303  303  200  200  403  403  403  403  403';
const PROVIDER_PAGE = '303  303  303  200  403  403  403  403  403  403';
const PROVIDER_FORM = '303  303  303  303  403  403  403  403  403  403';
/** Lists on the Örebro offering (`?offeringId=`): another centre's provider gets 403. */
const ON_OFFERING = '401  401  401  200  403  200  200  200  200  200';

const json = (format = 'json') => ({ query: { format } });
const COUNTY_18 = { query: { countyCode: '18' } };
const LAN_18 = { query: { lan: '18' } };

/** A staff form post: the CSRF cookie and token, and the form's fields. */
async function staffForm(
  w: World,
  params: Record<string, string>,
  form: Record<string, string>,
): Promise<RequestSpec> {
  const csrf = await w.staffCsrf();
  return { params, cookies: csrf.cookies, form: { ...form, _csrf: csrf.token } };
}

/** Each caller's own e-mail and password; the employers have none and try a made-up one. */
function credentials(actor: Actor): { email: string; password: string } {
  const account = ACCOUNT_OF[actor];
  if (account === 'admin') return WORLD_ADMIN;
  if (account) return { email: accountEmail(account), password: WORLD_PASSWORD };
  return { email: 'arbetsgivare@world.test', password: 'not-a-password-1' };
}

// prettier-ignore
const MATRIX: Record<string, Entry> = {
  //                                                        anon emp  emp✗ prov prov✗ brok brok✗ reg reg✗ admin
  // Reference data (public)
  'GET /api/v1/municipalities': { expect: PUBLIC, request: () => ({ query: { countyCode: '18' } }) },
  'GET /api/v1/counties': { expect: PUBLIC },
  'GET /api/v1/sni-sections': { expect: PUBLIC },
  'GET /api/v1/competences': { expect: PUBLIC, request: () => ({ query: { q: 'truck' } }) },
  'GET /api/v1/learning-centres': { expect: PUBLIC },

  // Accounts
  'POST /api/v1/auth/login': {
    expect: PUBLIC,
    request: () => ({ body: { email: accountEmail('providerOwn'), password: WORLD_PASSWORD } }),
  },
  'GET /api/v1/admin/users': { expect: ADMIN_ONLY },
  'POST /api/v1/admin/users': {
    expect:                                                   '401  401  401  403  403  403  403  403  403  201',
    request: () => ({
      body: {
        email: `ny-${randomBytes(4).toString('hex')}@world.test`,
        password: WORLD_PASSWORD,
        role: 'regional',
        countyCode: '18',
      },
    }),
  },

  // Offerings (of Lärcentrum Örebro, held in Örebro). Creating names lc-orebro: another
  // centre's provider may not create offerings for it.
  'POST /api/v1/offerings': {
    expect:                                                   '401  401  401  201  403  403  403  403  403  201',
    request: ({ w }) => ({ body: validOfferingBody([w.competenceId], { learningCentreId: 'lc-orebro' }) }),
  },
  'GET /api/v1/offerings': { expect: ANY_ACCOUNT },
  'GET /api/v1/offerings/:id': {
    expect:                                                   '401  401  401  200  403  200  403  200  403  200',
    request: ({ f }) => ({ params: { id: f.offering } }),
  },
  'PATCH /api/v1/offerings/:id': {
    expect:                                                   '401  401  401  200  403  403  403  403  403  200',
    request: ({ f }) => ({ params: { id: f.offering }, body: { maxParticipants: 14 } }),
  },
  'DELETE /api/v1/offerings/:id': {
    expect:                                                   '401  401  401  204  403  403  403  403  403  204',
    request: async ({ w }) => ({ params: { id: await w.offering() } }),
  },

  // Needs: public intake, and tracking by token
  'POST /api/v1/needs': {
    expect:                                                   '201  201  201  201  201  201  201  201  201  201',
    request: ({ w }) => ({ body: validNeedBody([w.competenceId]) }),
  },
  'GET /api/v1/needs/track/:token': {
    expect: TOKEN_OWNER,
    request: ({ token }) => ({ params: { token: token() } }),
  },
  'DELETE /api/v1/needs/track/:token': {
    expect: TOKEN_OWNER,
    request: async ({ w, token }) => ({ params: { token: token(await w.need('orebro', 'received')) } }),
  },
  'GET /api/v1/needs/track/:token/export': {
    expect: TOKEN_OWNER,
    request: ({ token }) => ({ params: { token: token() } }),
  },
  'PATCH /api/v1/needs/track/:token': {
    expect: TOKEN_OWNER,
    request: async ({ w, token }) => ({
      params: { token: token(await w.need('orebro', 'received')) },
      body: { maxTravelKm: 55 },
    }),
  },

  // Public pages
  'GET /behov/ny': { expect: PUBLIC },
  'POST /behov': {
    expect:                                                   '303  303  303  303  303  303  303  303  303  303',
    request: ({ w }) => ({ form: validNeedForm(w.competenceId) }),
  },
  'GET /behov/:token': { expect: TOKEN_OWNER, request: ({ token }) => ({ params: { token: token() } }) },
  'GET /behov/:token/skicka-igen': {
    expect: TOKEN_OWNER,
    request: ({ token }) => ({ params: { token: token() } }),
  },
  'GET /behov/:token/aterkalla': {
    expect: TOKEN_OWNER,
    request: ({ token }) => ({ params: { token: token() } }),
  },
  'POST /behov/:token/aterkalla': {
    expect:                                                   '404  303  404  404  404  404  404  404  404  404',
    request: async ({ w, token }) => ({ params: { token: token(await w.need('orebro', 'received')) } }),
  },
  'GET /behov/:token/andra': {
    expect: TOKEN_OWNER,
    request: ({ token }) => ({ params: { token: token() } }),
  },
  'POST /behov/:token/andra': {
    expect:                                                   '404  303  404  404  404  404  404  404  404  404',
    request: async ({ w, token }) => ({
      params: { token: token(await w.need('orebro', 'received')) },
      form: validEditForm({ maxTravelKm: '55' }),
    }),
  },
  'GET /': { expect: PUBLIC },
  'GET /tillganglighet': { expect: PUBLIC },
  'GET /personuppgifter': { expect: PUBLIC },
  'GET /assets/:name': { expect: PUBLIC, request: () => ({ params: { name: 'site.css' } }) },

  // Broker administration: proposals, initiatives, ESF project drafts, audit
  'GET /api/v1/admin/proposals': {
    expect: ON_OFFERING,
    request: ({ f }) => ({ query: { offeringId: f.offering } }),
  },
  // The fixture is a new course addressed to Lärcentrum Örebro: its provider reads it.
  'GET /api/v1/admin/proposals/:id': {
    expect:                                                   '401  401  401  200  403  200  403  200  403  200',
    request: ({ f }) => ({ params: { id: f.proposal } }),
  },
  'POST /api/v1/admin/proposals/:id/approve': {
    expect:                                                   '401  401  401  403  403  201  403  403  403  201',
    request: async ({ w }) => ({ params: { id: await w.proposal() }, body: { note: 'Godkänt' } }),
  },
  'POST /api/v1/admin/proposals/:id/reject': {
    expect: BROKER_WRITE,
    request: async ({ w }) => ({
      params: { id: await w.proposal() },
      body: { reason: 'Arbetsgivarna vill ha kvällskurs' },
    }),
  },
  'GET /api/v1/admin/initiatives': {
    expect: ON_OFFERING,
    request: ({ f }) => ({ query: { offeringId: f.offering } }),
  },
  'GET /api/v1/admin/initiatives/:id': {
    expect:                                                   '401  401  401  200  403  200  403  200  403  200',
    request: ({ f }) => ({ params: { id: f.initiative } }),
  },
  'POST /api/v1/admin/initiatives/:id/status': {
    expect: BROKER_WRITE,
    request: async ({ w }) => ({ params: { id: await w.initiative() }, body: { status: 'running' } }),
  },
  'POST /api/v1/admin/initiatives/:id/reopen': {
    expect: BROKER_WRITE,
    request: async ({ w }) => ({ params: { id: await w.cancelledInitiative() } }),
  },
  'GET /api/v1/admin/project-drafts': { expect: REGION_LIST },
  'GET /api/v1/admin/project-drafts/:id': {
    expect: REGION_READ,
    request: ({ f }) => ({ params: { id: f.projectDraft } }),
  },
  'POST /api/v1/admin/project-drafts/:id/approve': {
    expect: '401  401  401  403  403  201  403  403  403  201',
    request: async ({ w }) => ({ params: { id: await w.projectDraft() } }),
  },
  'GET /api/v1/admin/project-drafts/:id/export': {
    expect: REGION_READ,
    request: ({ f }) => ({ params: { id: f.projectDraft }, ...json() }),
  },
  'GET /api/v1/admin/project-drafts/:id/print': {
    expect: REGION_READ,
    request: ({ f }) => ({ params: { id: f.projectDraft } }),
  },
  'GET /api/v1/admin/audit': { expect: ADMIN_ONLY },
  'GET /api/v1/admin/needs/:id': {
    expect: REGION_READ,
    request: ({ f }) => ({ params: { id: f.need.needId } }),
  },

  // Personal data: everything stored about an employer (GDPR access), admin only
  'GET /api/v1/admin/employers/:orgNumber/export': {
    expect: ADMIN_ONLY,
    request: async ({ w, f }) => {
      const [{ org_number }] = await w.db.query(`SELECT org_number FROM employer WHERE id = $1`, [f.need.employerId]);
      return { params: { orgNumber: org_number } };
    },
  },

  // Employer facts change only when a broker of the need's region (or an admin) confirms them
  'POST /api/v1/admin/employers/:orgNumber/confirm': {
    expect: BROKER_WRITE,
    request: async ({ w, f }) => {
      const [{ org_number }] = await w.db.query(`SELECT org_number FROM employer WHERE id = $1`, [f.need.employerId]);
      return { params: { orgNumber: org_number }, body: { needId: f.need.needId } };
    },
  },

  // Matching runs (broker: its own counties; admin: any); Bull Board over the queues
  'POST /api/v1/admin/matching/runs': {
    expect:                                                   '401  401  401  403  403  202  403  403  403  202',
    request: () => ({ body: { countyCode: '18' } }),
  },
  'GET /api/v1/admin/matching/runs/:id': {
    expect:                                                   '401  401  401  403  403  200  403  403  403  200',
    request: ({ f }) => ({ params: { id: f.matchingRun } }),
  },
  'USE /admin/queues': { expect: ADMIN_ONLY, request: () => ({ path: '/admin/queues' }) },

  // Monitoring API (regional: own county; admin: any) and the dashboard with its own login
  'GET /api/v1/monitoring/summary': { expect: MONITORING, request: () => COUNTY_18 },
  'GET /api/v1/monitoring/timeseries': {
    expect: MONITORING,
    request: () => ({ query: { countyCode: '18', metric: 'needs', interval: 'month' } }),
  },
  'GET /api/v1/monitoring/export.csv': { expect: MONITORING, request: () => COUNTY_18 },
  'GET /uppfoljning': { expect: DASHBOARD, session: true, request: () => LAN_18 },
  'GET /uppfoljning/': { expect: DASHBOARD, session: true, request: () => LAN_18 },
  'GET /uppfoljning/export.csv': { expect: DASHBOARD, session: true, request: () => LAN_18 },

  // The staff login shared by every staff page
  'GET /logga-in': {
    expect:                                                   '200  200  200  303  303  303  303  303  303  303',
    session: true,
  },
  'POST /logga-in': {
    expect:                                                   '401  401  401  303  303  303  303  303  303  303',
    request: async ({ w, actor }) => {
      const csrf = await w.staffCsrf();
      return { cookies: csrf.cookies, form: { ...credentials(actor), _csrf: csrf.token } };
    },
  },
  // Logging out ends the session's token: each caller logs out a session of its own.
  'POST /logga-ut': {
    expect:                                                   '303  303  303  303  303  303  303  303  303  303',
    request: async ({ w, actor }) => {
      const csrf = await w.staffCsrf();
      const { email, password } = credentials(actor);
      const session = ACCOUNT_OF[actor] ? `; ${SESSION_COOKIE}=${await w.login(email, password)}` : '';
      return { cookies: `${csrf.cookies}${session}`, form: { _csrf: csrf.token } };
    },
  },
  'POST /api/v1/auth/logout': {
    expect: ANY_ACCOUNT.replace(/200/g, '204'),
    request: async ({ w, actor }) => {
      const { email, password } = credentials(actor);
      return ACCOUNT_OF[actor] ? { bearer: await w.login(email, password) } : {};
    },
  },
  'PATCH /api/v1/admin/users/:id': {
    expect: ADMIN_ONLY,
    request: async ({ w }) => {
      const res = await w.http().post('/api/v1/admin/users').set(w.auth('admin')).send({
        email: `ny-${randomBytes(4).toString('hex')}@world.test`,
        password: WORLD_PASSWORD,
        role: 'admin',
      });
      return { params: { id: res.body.id }, body: { disabled: true } };
    },
  },
  'GET /personal': { expect: STAFF_START, session: true },

  // Mäklarvyn: the broker's pages (session cookie; writes are CSRF form posts answered by PRG)
  'GET /maklare': { expect: BROKER_PAGES, session: true },
  'GET /maklare/': { expect: BROKER_PAGES, session: true },
  'GET /maklare/forslag/:id': {
    expect: BROKER_PAGE,
    session: true,
    request: ({ f }) => ({ params: { id: f.proposal } }),
  },
  'POST /maklare/forslag/:id/godkann': {
    expect: BROKER_FORM,
    session: true,
    request: async ({ w }) => staffForm(w, { id: await w.proposal() }, {}),
  },
  'POST /maklare/forslag/:id/avsla': {
    expect: BROKER_FORM,
    session: true,
    request: async ({ w }) => staffForm(w, { id: await w.proposal() }, { skal: 'Vill ha kvällskurs' }),
  },
  'GET /maklare/insatser': { expect: BROKER_PAGES, session: true },
  'GET /maklare/insatser/:id': {
    expect: BROKER_PAGE,
    session: true,
    request: ({ f }) => ({ params: { id: f.initiative } }),
  },
  'POST /maklare/insatser/:id/starta': {
    expect: BROKER_FORM,
    session: true,
    request: async ({ w }) => staffForm(w, { id: await w.initiative() }, {}),
  },
  'POST /maklare/insatser/:id/resultat': {
    expect: BROKER_FORM,
    session: true,
    request: async ({ w }) => {
      const id = await w.initiative();
      await w.db.query(`UPDATE initiative SET status = 'running' WHERE id = $1`, [id]);
      return staffForm(w, { id }, { kvinnor: '1', man: '2' });
    },
  },
  'GET /maklare/insatser/:id/stall-in': {
    expect: BROKER_PAGE,
    session: true,
    request: ({ f }) => ({ params: { id: f.initiative } }),
  },
  'POST /maklare/insatser/:id/stall-in': {
    expect: BROKER_FORM,
    session: true,
    request: async ({ w }) =>
      staffForm(w, { id: await w.initiative() }, { skal: 'Lokalen är inte tillgänglig' }),
  },
  'GET /maklare/behov/:id': {
    expect: BROKER_PAGE,
    session: true,
    request: ({ f }) => ({ params: { id: f.need.needId } }),
  },
  'GET /maklare/utkast': { expect: BROKER_PAGES, session: true },
  'GET /maklare/utkast/': { expect: BROKER_PAGES, session: true },
  'GET /maklare/utkast/:id': {
    expect: BROKER_PAGE,
    session: true,
    request: ({ f }) => ({ params: { id: f.projectDraft } }),
  },
  'GET /maklare/utkast/:id/utskrift': {
    expect: BROKER_PAGE,
    session: true,
    request: ({ f }) => ({ params: { id: f.projectDraft } }),
  },
  'GET /maklare/utkast/:id/export.csv': {
    expect: BROKER_PAGE,
    session: true,
    request: ({ f }) => ({ params: { id: f.projectDraft } }),
  },
  'GET /maklare/utkast/:id/godkann': {
    expect: BROKER_PAGE,
    session: true,
    request: ({ f }) => ({ params: { id: f.projectDraft } }),
  },
  'POST /maklare/utkast/:id/godkann': {
    expect: BROKER_FORM,
    session: true,
    request: async ({ w }) => staffForm(w, { id: await w.projectDraft() }, {}),
  },

  // Utbudsvyn: the provider's pages (session cookie; writes are CSRF form posts answered by PRG)
  'GET /utbud': { expect: PROVIDER_PAGES, session: true },
  'GET /utbud/': { expect: PROVIDER_PAGES, session: true },
  'GET /utbud/efterfragan': { expect: PROVIDER_PAGES, session: true },
  'GET /utbud/nytt': { expect: PROVIDER_PAGES, session: true },
  'POST /utbud/nytt': {
    expect:                                                   '303  303  303  303  303  403  403  403  403  403',
    session: true,
    request: ({ w }) => staffForm(w, {}, validOfferingForm(w.competenceId)),
  },
  'GET /utbud/:id': {
    expect: PROVIDER_PAGE,
    session: true,
    request: ({ f }) => ({ params: { id: f.offering } }),
  },
  'GET /utbud/:id/andra': {
    expect: PROVIDER_PAGE,
    session: true,
    request: ({ f }) => ({ params: { id: f.offering } }),
  },
  'POST /utbud/:id/andra': {
    expect: PROVIDER_FORM,
    session: true,
    request: async ({ w }) =>
      staffForm(w, { id: await w.offering() }, validOfferingForm(w.competenceId)),
  },
  'GET /utbud/:id/ta-bort': {
    expect: PROVIDER_PAGE,
    session: true,
    request: ({ f }) => ({ params: { id: f.offering } }),
  },
  'POST /utbud/:id/ta-bort': {
    expect: PROVIDER_FORM,
    session: true,
    request: async ({ w }) => staffForm(w, { id: await w.offering() }, {}),
  },

  // Operations and the OpenAPI document
  'GET /health/live': { expect: PUBLIC },
  'GET /health/ready': { expect: PUBLIC },
  'GET /metrics': { expect: PUBLIC },
  // The gate in front of /metrics (public outside production; see exposure.e2e-spec.ts).
  'USE /metrics': { expect: PUBLIC, request: () => ({ path: '/metrics' }) },
  // The HTTP metrics middleware sees every request; it decides nothing.
  'USE /{*path}': { expect: PUBLIC, request: () => ({ path: '/api/v1/counties' }) },
  'GET /docs': { expect: PUBLIC },
  'GET /docs/': { expect: PUBLIC },
  'GET /docs/index.html': { expect: PUBLIC },
  // Registered by @nestjs/swagger, but swagger-ui-dist ships no LICENSE file here.
  'GET /docs/LICENSE': { expect: '404  404  404  404  404  404  404  404  404  404' },
  'GET /docs/swagger-ui-init.js': { expect: PUBLIC },
  'GET /docs/docs/swagger-ui-init.js': { expect: PUBLIC },
  'GET /docs-json': { expect: PUBLIC },
  'GET /docs-yaml': { expect: PUBLIC },
  'USE /docs': { expect: PUBLIC, request: () => ({ path: '/docs/swagger-ui.css' }) },
};

function expectedStatuses(entry: Entry): number[][] {
  const columns = entry.expect.trim().split(/\s+/);
  if (columns.length !== ACTORS.length) throw new Error(`expect needs ${ACTORS.length} columns`);
  return columns.map((c) => c.split('|').map(Number));
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

describe('authorisation matrix', () => {
  let w: World;
  let f: Fixtures;

  beforeAll(async () => {
    // Who may do what, not the ESF call rules: a fixture draft is approvable whatever else the
    // parallel cells add to its county and theme.
    w = await startWorld({
      ESF_MIN_EMPLOYERS: '1',
      ESF_MIN_MUNICIPALITIES: '1',
      ESF_BUDGET_MIN_SEK: '0',
    });
    f = {
      need: await w.need('orebro', 'received'),
      otherNeed: await w.need('orebro', 'received'),
      offering: await w.offering('orebro'),
      proposal: await w.proposal('orebro'),
      initiative: await w.initiative('orebro'),
      projectDraft: await w.projectDraft('orebro'),
      matchingRun: await w.matchingRun('18'),
      sormland: {
        offering: await w.offering('sormland'),
        proposal: await w.proposal('sormland'),
        initiative: await w.initiative('sormland'),
        projectDraft: await w.projectDraft('sormland'),
      },
    };
  }, 60_000);
  afterAll(() => w?.t.close());

  it('has a row for every registered route, and a route for every row', () => {
    const registered = registeredRoutes(w.t.app);
    expect(registered.length).toBeGreaterThan(30); // the router was found and read
    const missing = registered.filter((key) => !(key in MATRIX));
    const stale = Object.keys(MATRIX).filter((key) => !registered.includes(key));
    expect({ missingFromMatrix: missing, noLongerRegistered: stale }).toEqual({
      missingFromMatrix: [],
      noLongerRegistered: [],
    });
  });

  it('lists show each account what is in its scope and nothing else', async () => {
    // Whether an account sees the [Örebro län, Södermanlands län] fixture in a list.
    const sees: [AccountName, boolean, boolean][] = [
      ['providerOwn', true, false],
      ['providerOther', false, false],
      ['brokerOwn', true, false],
      ['brokerOther', false, true],
      ['regionalOwn', true, false],
      ['regionalOther', false, true],
      ['admin', true, true],
    ];
    const lists: [string, keyof Fixtures['sormland'], boolean][] = [
      ['/api/v1/offerings', 'offering', true],
      ['/api/v1/admin/proposals', 'proposal', false],
      ['/api/v1/admin/initiatives', 'initiative', false],
      ['/api/v1/admin/project-drafts', 'projectDraft', false],
    ];
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const [path, kind, providersToo] of lists) {
      for (const [account, orebro, sormland] of sees) {
        if (account.startsWith('provider') && !providersToo) continue;
        const res = await w.http().get(path).query({ limit: 200 }).set(w.auth(account));
        expect(res.status).toBe(200);
        const ids = new Set(res.body.items.map((item: { id: string }) => item.id));
        seen.push(`${path} ${account}: ${ids.has(f[kind])} ${ids.has(f.sormland[kind])}`);
        wanted.push(`${path} ${account}: ${orebro} ${sormland}`);
      }
    }
    expect(seen).toEqual(wanted);
  });

  it('answers every caller of every route with the expected status', async () => {
    const cells = Object.entries(MATRIX).flatMap(([key, entry]) =>
      ACTORS.map((actor, column) => ({ key, entry, actor, column })),
    );
    const failures: string[] = [];
    await inBatches(cells, 6, async ({ key, entry, actor, column }) => {
      const expected = expectedStatuses(entry)[column];
      const cell: Cell = {
        w,
        f,
        actor,
        token: (need = f.need) => (actor === 'emp' ? need.token : newTrackingToken()),
      };
      const spec = (await entry.request?.(cell)) ?? {};
      const [method, pattern] = key.split(' ');
      const path =
        spec.path ??
        pattern.replace(/:(\w+)/g, (_, name: string) => {
          const value = spec.params?.[name];
          if (value === undefined) throw new Error(`${key}: no value for :${name}`);
          return encodeURIComponent(value);
        });
      const verb = method === 'USE' ? 'get' : (method.toLowerCase() as 'get');
      let req = w.http()[verb](path).set('X-Forwarded-For', w.nextIp());
      if (spec.query) req = req.query(spec.query);
      const account = ACCOUNT_OF[actor];
      const employer = actor === 'emp' ? f.need : actor === 'emp✗' ? f.otherNeed : undefined;
      const credential = spec.bearer ?? (account ? w.tokens[account] : employer?.token);
      const cookies = [spec.cookies];
      if (credential && entry.session) cookies.push(`${SESSION_COOKIE}=${credential}`);
      else if (credential) req = req.set('Authorization', `Bearer ${credential}`);
      if (cookies.some(Boolean)) req = req.set('Cookie', cookies.filter(Boolean).join('; '));
      if (spec.form) req = req.type('form').send(spec.form);
      else if (spec.body) req = req.send(spec.body);
      const res = await req;
      if (!expected.includes(res.status)) {
        const detail = (res.body?.detail ?? res.text ?? '').toString().slice(0, 160);
        failures.push(
          `${key.padEnd(48)} ${actor.padEnd(6)} expected ${expected.join('|')}, got ${res.status} ${detail}`,
        );
      } else if (res.status >= 400 && path.startsWith('/api/')) {
        if (!/application\/problem\+json/.test(res.headers['content-type'] ?? '')) {
          failures.push(`${key} ${actor}: ${res.status} is not problem+json`);
        }
      }
    });
    expect(failures.sort()).toEqual([]);
  }, 180_000);
});
