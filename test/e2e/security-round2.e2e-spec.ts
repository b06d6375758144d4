/**
 * Security round 2 (issue 23): what the route-by-role tests cannot see — what answers contain
 * and what requests change. One `describe` per finding; each fails on the code before the fix.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { APP_CONFIG, AppConfig, DEVELOPMENT_JWT_SECRET, purposeKey } from '@km/config';
import { RedisConnection } from '@km/queue';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../apps/api/src/staff/staff-session';
import { validNeedBody } from '../support/bodies';
import { startWorld, World, WORLD_PASSWORD } from '../support/world';

const JWT_OPTIONS = { issuer: 'kompetensmaklaren', audience: 'kompetensmaklaren-api' };
const basic = (email: string, password: string) =>
  `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;

describe('security round 2', () => {
  let w: World;

  beforeAll(async () => {
    // The real login limit (5 a minute per account); every test uses accounts of its own.
    w = await startWorld({ LOGIN_RATE_LIMIT_PER_MINUTE: '5', MATCHING_RUNS_PER_HOUR: '3' });
  }, 60_000);

  /** A fresh account (admin unless told otherwise) and its e-mail. */
  const account = async (role = 'admin', scope: Record<string, string> = {}) => {
    const email = `konto-${randomBytes(4).toString('hex')}@world.test`;
    const res = await w
      .http()
      .post('/api/v1/admin/users')
      .set(w.auth('admin'))
      .send({ email, password: WORLD_PASSWORD, role, ...scope })
      .expect(201);
    return { id: res.body.id as string, email };
  };
  const me = (token: string) =>
    w.http().get('/api/v1/admin/users').set('Authorization', `Bearer ${token}`);
  afterAll(() => w?.t.close());

  const submit = async (employer: Record<string, unknown>) => {
    const body = validNeedBody([w.competenceId]);
    const res = await w
      .http()
      .post('/api/v1/needs')
      .set('X-Forwarded-For', w.nextIp())
      .send({ ...body, employer: { ...body.employer, ...employer } });
    expect(res.status).toBe(201);
    return res.body as { id: string; trackingToken: string };
  };
  const storedEmployer = async (orgNumber: string) =>
    (
      await w.db.query(
        `SELECT name, municipality_code, employees, size_band FROM employer WHERE org_number = $1`,
        [orgNumber],
      )
    )[0];

  describe('1. an anonymous submission never changes a stored employer', () => {
    const orgNumber = '5567037485';

    it('keeps the employer as it was; the hijacking need keeps what its submitter said', async () => {
      const first = await submit({
        orgNumber: '556703-7485',
        name: 'Bygg i Karlskoga 99 AB',
        municipalityCode: '1883',
        employees: 25,
      });
      const hijack = await submit({
        orgNumber: '556703-7485',
        name: 'Kapad Firma AB',
        municipalityCode: '0180',
        employees: 5000,
      });
      expect(await storedEmployer(orgNumber)).toEqual({
        name: 'Bygg i Karlskoga 99 AB',
        municipality_code: '1883',
        employees: 25,
        size_band: '10-49',
      });
      const [kept] = await w.db.query(`SELECT submitted_employer FROM need WHERE id = $1`, [
        hijack.id,
      ]);
      expect(kept.submitted_employer).toMatchObject({ name: 'Kapad Firma AB', employees: 5000 });
      // Each submitter sees its own words on its tracking page, nobody else's.
      const page = await w.http().get(`/behov/${first.trackingToken}`).expect(200);
      expect(page.text).toContain('Bygg i Karlskoga 99 AB');
      expect(page.text).not.toContain('Kapad');
    });

    it('lets a broker of the need’s region adopt a submitter’s details, audited; others 403', async () => {
      const update = await submit({
        orgNumber: '556703-7485',
        name: 'Bygg i Karlskoga AB',
        municipalityCode: '1880',
        employees: 30,
      });
      const url = `/api/v1/admin/employers/556703-7485/confirm`;
      await w.http().post(url).set(w.auth('brokerOther')).send({ needId: update.id }).expect(403);
      await w.http().post(url).set(w.auth('brokerOwn')).send({ needId: randomUUID() }).expect(404);
      const res = await w
        .http()
        .post(url)
        .set(w.auth('brokerOwn'))
        .send({ needId: update.id })
        .expect(200);
      expect(res.body).toMatchObject({
        orgNumber,
        name: 'Bygg i Karlskoga AB',
        municipalityCode: '1880',
        employees: 30,
        confirmedAt: expect.any(String),
      });
      expect((await storedEmployer(orgNumber)).name).toBe('Bygg i Karlskoga AB');
      const [audit] = await w.db.query(
        `SELECT actor_email, before->>'name' AS before, after->>'name' AS after
           FROM audit_log WHERE action = 'employer.confirm'`,
      );
      expect(audit).toEqual({
        actor_email: 'brokerown@world.test',
        before: 'Bygg i Karlskoga 99 AB',
        after: 'Bygg i Karlskoga AB',
      });
    });
  });

  describe('2. an employer’s export holds its own facts only', () => {
    it('has no staff notes, rejection reasons or other employers’ need ids', async () => {
      const own = await w.need('orebro', 'proposed');
      const other = await w.need('orebro', 'proposed');
      const note = 'Internt: har betalningsanmärkning, ring först';
      const proposal = await w.proposal('orebro', [own, other]);
      await w
        .http()
        .post(`/api/v1/admin/proposals/${proposal}/approve`)
        .set(w.auth('brokerOwn'))
        .send({ note })
        .expect(201);
      const offering = await w.offering('orebro');
      const reason = 'Internt: kursledaren vill inte ha dem';
      await w.db.query(
        `INSERT INTO rejected_pair (need_id, offering_id, reason) VALUES ($1, $2, $3)`,
        [own.needId, offering, reason],
      );

      const res = await w.http().get(`/api/v1/needs/track/${own.token}/export`).expect(200);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain('Internt');
      expect(text).not.toContain(other.needId);
      expect(text).not.toContain(other.employerId);
      expect(res.body.need.rejections).toEqual([
        { offeringId: offering, rejectedAt: expect.any(String) },
      ]);
      expect(res.body.auditEntries).toContainEqual(
        expect.objectContaining({ action: 'proposal.approve', entityId: proposal }),
      );
      for (const entry of res.body.auditEntries) {
        expect(Object.keys(entry).sort()).toEqual(
          ['action', 'actorRole', 'createdAt', 'entityId', 'entityType', 'id'].sort(),
        );
      }
    });
  });

  describe('3. secrets: no forged tokens from the source code’s secret, exp required, no staff ids', () => {
    it('refuses a token signed with the raw development secret, and one without exp', async () => {
      const { id } = await account();
      const claims = { sub: id, role: 'admin', ver: 0 };
      const options = { ...JWT_OPTIONS, jwtid: randomUUID() };
      const fromSource = jwt.sign(claims, DEVELOPMENT_JWT_SECRET, { ...options, expiresIn: 60 });
      await me(fromSource).expect(401);
      const forever = jwt.sign(claims, purposeKey(DEVELOPMENT_JWT_SECRET, 'jwt'), options);
      await me(forever).expect(401);
      const proper = jwt.sign(claims, purposeKey(DEVELOPMENT_JWT_SECRET, 'jwt'), {
        ...options,
        expiresIn: 60,
      });
      await me(proper).expect(200);
    });

    it('shows staff the approver’s role of a project draft, never an account id', async () => {
      const draft = await w.projectDraft('orebro');
      const approved = await w
        .http()
        .post(`/api/v1/admin/project-drafts/${draft}/approve`)
        .set(w.auth('admin'))
        .expect(201);
      const res = await w
        .http()
        .get(`/api/v1/admin/project-drafts/${approved.body.id}`)
        .set(w.auth('brokerOwn'))
        .expect(200);
      const [{ id: adminId }] = await w.db.query(
        `SELECT id FROM app_user WHERE email = 'admin@world.test'`,
      );
      expect(JSON.stringify(res.body)).not.toContain(adminId);
      expect(res.body).toMatchObject({ status: 'approved', approvedByRole: 'admin' });
    });
  });

  describe('4. what a broker sees inside a proposal stays within its municipalities', () => {
    it('drops left-out needs and what-ifs of other municipalities, in the list and the detail', async () => {
      const far = await w.need('sormland', 'received');
      await w.db.query(`UPDATE employer SET name = 'Bygg i Katrineholm AB' WHERE id = $1`, [
        far.employerId,
      ]);
      const near = await w.need('orebro', 'received');
      const proposal = await w.proposal('orebro');
      const explanation = {
        summary: '6 deltagare',
        factors: [],
        leftOut: [
          { needId: far.needId, cause: 'distance', reason: 'avstånd 120 km > max 50 km' },
          { needId: near.needId, cause: 'capacity', reason: 'kursen är full' },
        ],
        whatIf: [
          {
            kind: 'relax_constraint',
            needId: far.needId,
            constraint: 'distance',
            requiredValue: 120,
            text: 'Bygg i Katrineholm AB: med 120 km resväg kan behovet ingå',
          },
        ],
      };
      await w.db.query(`UPDATE proposal SET explanation = $2 WHERE id = $1`, [
        proposal,
        JSON.stringify(explanation),
      ]);
      const detail = await w
        .http()
        .get(`/api/v1/admin/proposals/${proposal}`)
        .set(w.auth('brokerOwn'))
        .expect(200);
      const list = await w
        .http()
        .get('/api/v1/admin/proposals')
        .query({ limit: 200 })
        .set(w.auth('brokerOwn'))
        .expect(200);
      const listed = list.body.items.find((p: { id: string }) => p.id === proposal);
      for (const seen of [detail.body.explanation, listed.explanation]) {
        expect(JSON.stringify(seen)).not.toMatch(/Katrineholm|120 km/);
        expect(JSON.stringify(seen)).not.toContain(far.needId);
        expect(seen.leftOut).toEqual([expect.objectContaining({ needId: near.needId })]);
        expect(seen.whatIf).toEqual([]);
      }
      const admin = await w
        .http()
        .get(`/api/v1/admin/proposals/${proposal}`)
        .set(w.auth('admin'))
        .expect(200);
      expect(admin.body.explanation).toEqual(explanation);
    });
  });

  describe('5. logout, password change and disabling revoke tokens at once', () => {
    const dashboardLogin = async (email: string) => {
      const csrf = await w.staffCsrf();
      const res = await w
        .http()
        .post('/logga-in')
        .set('X-Forwarded-For', w.nextIp())
        .set('Cookie', csrf.cookies)
        .type('form')
        .send({ email, password: WORLD_PASSWORD, _csrf: csrf.token })
        .expect(303);
      const cookie = ([] as string[])
        .concat(res.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
      const token = cookie.split(';')[0].slice(SESSION_COOKIE.length + 1);
      const csrfCookie = ([] as string[])
        .concat(res.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith(`${CSRF_COOKIE}=`))!
        .split(';')[0];
      return { token, cookies: `${csrfCookie}; ${SESSION_COOKIE}=${token}` };
    };

    it('ends the dashboard session for the cookie and the same token as a bearer', async () => {
      const { email } = await account();
      const session = await dashboardLogin(email);
      const apiToken = await w.login(email, WORLD_PASSWORD);
      await w.http().get('/uppfoljning').set('Cookie', session.cookies).expect(200);
      const page = await w.http().get('/uppfoljning').set('Cookie', session.cookies);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
      await w
        .http()
        .post('/logga-ut')
        .set('Cookie', session.cookies)
        .type('form')
        .send({ _csrf: csrf })
        .expect(303);
      await me(session.token).expect(401);
      await w.http().get('/uppfoljning').set('Cookie', session.cookies).expect(303);
      // Only that session ended: another of the same account, and a new login, still work.
      await me(apiToken).expect(200);
      await me(await w.login(email, WORLD_PASSWORD)).expect(200);
    });

    it('revokes on API logout (that session), on a password change and on disabling (all)', async () => {
      const { id, email } = await account();
      const first = await w.login(email, WORLD_PASSWORD);
      await w
        .http()
        .post('/api/v1/auth/logout')
        .set('Authorization', `Bearer ${first}`)
        .expect(204);
      await me(first).expect(401);
      // Logging out twice is harmless.
      await w
        .http()
        .post('/api/v1/auth/logout')
        .set('Authorization', `Bearer ${first}`)
        .expect(401);

      const second = await w.login(email, WORLD_PASSWORD);
      const alsoSecond = await w.login(email, WORLD_PASSWORD);
      await me(second).expect(200);
      const newPassword = 'ett-helt-nytt-losenord';
      await w
        .http()
        .patch(`/api/v1/admin/users/${id}`)
        .set(w.auth('admin'))
        .send({ password: newPassword })
        .expect(200);
      // A password change ends every session of the account.
      await me(second).expect(401);
      await me(alsoSecond).expect(401);

      const third = await w.login(email, newPassword);
      await me(third).expect(200);
      const disabled = await w
        .http()
        .patch(`/api/v1/admin/users/${id}`)
        .set(w.auth('admin'))
        .send({ disabled: true })
        .expect(200);
      expect(disabled.body).toMatchObject({ id, disabled: true });
      expect(disabled.body.passwordHash).toBeUndefined();
      await me(third).expect(401);
      await w
        .http()
        .patch(`/api/v1/admin/users/${randomUUID()}`)
        .set(w.auth('admin'))
        .send({ disabled: true })
        .expect(404);
      const empty = await w
        .http()
        .patch(`/api/v1/admin/users/${id}`)
        .set(w.auth('admin'))
        .send({})
        .expect(400);
      expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    });
  });

  describe('6. one login bucket per account, in Redis, for every login and process', () => {
    let second: NestExpressApplication;

    beforeAll(async () => {
      // A second api process on the same database and Redis prefix.
      second = await createApiApp({ logger: false });
      await second.init();
    });
    afterAll(() => second?.close());

    it('the 6th guess in a minute is a 429 whichever form, spelling or process', async () => {
      const { email } = await account();
      const padded = `  ${email.toUpperCase()}  `;
      const wrong = 'inte-ratt-losenord';
      const api = (app: 'first' | 'second', login: string) =>
        (app === 'first' ? w.http() : request(second.getHttpServer()))
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', w.nextIp())
          .send({ email: login, password: wrong });
      await api('first', email).expect(401);
      await api('second', padded).expect(401);
      const csrf = await w.staffCsrf();
      await w
        .http()
        .post('/logga-in')
        .set('X-Forwarded-For', w.nextIp())
        .set('Cookie', csrf.cookies)
        .type('form')
        .send({ email: ` ${email} `, password: wrong, _csrf: csrf.token })
        .expect(401);
      await w
        .http()
        .get('/admin/queues')
        .set('X-Forwarded-For', w.nextIp())
        .set('Authorization', basic(email.toUpperCase(), wrong))
        .expect(401);
      await api('second', email).expect(401);
      // Five guesses spent: even the right password now waits, everywhere.
      const blocked = await api('first', email);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      await w
        .http()
        .get('/admin/queues')
        .set('X-Forwarded-For', w.nextIp())
        .set('Authorization', basic(email, WORLD_PASSWORD))
        .expect(429);
      const page = await w
        .http()
        .post('/logga-in')
        .set('X-Forwarded-For', w.nextIp())
        .set('Cookie', csrf.cookies)
        .type('form')
        .send({ email, password: WORLD_PASSWORD, _csrf: csrf.token });
      expect(page.status).toBe(429);
      const config = w.t.app.get<AppConfig>(APP_CONFIG);
      // Counted under this deployment's prefix (the stock storage would start keys with "{").
      const keys = await w.t.app
        .get(RedisConnection)
        .client.keys(`${config.redis.prefix}:throttle:{login:account:*`);
      expect(keys.length).toBeGreaterThan(0);
    });
  });

  describe('7. the queue board drops a disabled or deleted admin at once', () => {
    it('answers 401 to cached Basic credentials once the admin is disabled or deleted', async () => {
      for (const removal of ['disable', 'delete'] as const) {
        const { id, email } = await account();
        const auth = basic(email, WORLD_PASSWORD);
        const board = () =>
          w
            .http()
            .get('/admin/queues/api/queues')
            .set('X-Forwarded-For', w.nextIp())
            .set('Authorization', auth);
        await board().expect(200);
        await board().expect(200);
        if (removal === 'disable') {
          await w
            .http()
            .patch(`/api/v1/admin/users/${id}`)
            .set(w.auth('admin'))
            .send({ disabled: true })
            .expect(200);
        } else {
          await w.db.query(`DELETE FROM app_user WHERE id = $1`, [id]);
        }
        await board().expect(401);
      }
    });
  });

  describe('10. manual matching runs: one queued per county, and a limit per account', () => {
    it('answers the queued run again, and 429 after the hourly allowance', async () => {
      const start = (account: 'brokerOwn' | 'admin') =>
        w
          .http()
          .post('/api/v1/admin/matching/runs')
          .set(w.auth(account))
          .send({ countyCode: '18' });
      const first = await start('brokerOwn').expect(202);
      const again = await start('brokerOwn').expect(202);
      const byAdmin = await start('admin').expect(202);
      expect(again.body.runId).toBe(first.body.runId);
      expect(byAdmin.body.runId).toBe(first.body.runId);
      const [{ n }] = await w.db.query(
        `SELECT count(*)::int AS n FROM matching_run WHERE county_code = '18' AND status = 'queued'`,
      );
      expect(n).toBe(1);
      await start('brokerOwn').expect(202);
      const limited = await start('brokerOwn').expect(429);
      expect(limited.headers['content-type']).toMatch(/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Once the run has started, a new request queues a new run (the data may have changed).
      await w.db.query(`UPDATE matching_run SET status = 'running' WHERE id = $1`, [
        first.body.runId,
      ]);
      const next = await start('admin').expect(202);
      expect(next.body.runId).not.toBe(first.body.runId);
    });
  });
});
