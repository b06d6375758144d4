import jwt from 'jsonwebtoken';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AdminBootstrapService, DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from '@km/auth';
import { DEVELOPMENT_JWT_SECRET, purposeKey } from '@km/config';
import { startTestApp, TestApp } from '../support/test-app';

const ADMIN = { email: 'Admin@Example.test', password: 'admin-password-123' };
const SECRET = purposeKey(DEVELOPMENT_JWT_SECRET, 'jwt');

describe('accounts, login and roles', () => {
  let t: TestApp;
  let db: DataSource;
  let adminToken: string;
  const http = () => request(t.app.getHttpServer());
  const users = async () => Number((await db.query(`SELECT count(*) AS n FROM app_user`))[0].n);
  const login = (email: string, password: string, ip = '127.0.0.1') =>
    http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    db = t.app.get(DataSource);
    const response = await login('admin@example.test', ADMIN.password).expect(200);
    adminToken = response.body.accessToken;
  });
  afterAll(() => t?.close());

  describe('bootstrap admin', () => {
    it('creates exactly one admin, lower-cased, with an argon2id hash', async () => {
      const rows = await db.query(`SELECT email, role, password_hash FROM app_user`);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ email: 'admin@example.test', role: 'admin' });
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    });

    it('is idempotent and race-safe when several instances start at once', async () => {
      const bootstrap = t.app.get(AdminBootstrapService);
      await db.query(`DELETE FROM app_user`);
      const created = await Promise.all([1, 2, 3, 4].map(() => bootstrap.ensureAdmin()));
      expect(created.filter(Boolean)).toHaveLength(1);
      expect(await users()).toBe(1);
      expect(await bootstrap.ensureAdmin()).toBe(false);
      adminToken = (await login(ADMIN.email, ADMIN.password, '10.0.0.9').expect(200)).body
        .accessToken;
    });
  });

  describe('POST /api/v1/auth/login', () => {
    it('answers a token with role, expiry and no organisation for the admin', async () => {
      const response = await login(ADMIN.email, ADMIN.password, '10.0.0.1').expect(200);
      expect(response.body).toMatchObject({ tokenType: 'Bearer', role: 'admin', expiresIn: 3600 });
      expect(response.body.organisationId).toBeUndefined();
      const claims = jwt.decode(response.body.accessToken) as Record<string, unknown>;
      expect(claims).toMatchObject({ role: 'admin' });
      expect(claims.exp as number).toBe((claims.iat as number) + 3600);
    });

    it('gives the same 401 for a wrong password and an unknown e-mail', async () => {
      const wrong = await login(ADMIN.email, 'not-the-password', '10.0.0.2').expect(401);
      const unknown = await login('nobody@example.test', 'not-the-password', '10.0.0.2').expect(
        401,
      );
      expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(wrong.body.detail).toBe(unknown.body.detail);
      expect(wrong.body.type).toBe(unknown.body.type);
      expect(wrong.body.accessToken).toBeUndefined();
    });

    it('rejects a malformed body with 400 naming the field', async () => {
      const response = await http().post('/api/v1/auth/login').send({ email: 'a@b.se' });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('password');
    });

    it('throttles guessing: the 6th attempt in a minute gets 429 problem+json with Retry-After', async () => {
      const target = 'guessed.account@example.test';
      for (let i = 0; i < 5; i++) await login(target, `guess-${i}`, '10.0.0.3').expect(401);
      // The account's bucket holds whichever client asks: a new address gains nothing.
      const blocked = await login(target, 'guess-5', '10.0.0.4').expect(429);
      expect(blocked.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(blocked.body).toMatchObject({ status: 429 });
      // Other accounts are not blocked for that client.
      await login(ADMIN.email, ADMIN.password, '10.0.0.3').expect(200);
    });
  });

  describe('bearer tokens', () => {
    const me = (authorization?: string) => {
      const req = http().get('/api/v1/admin/users');
      return authorization ? req.set('Authorization', authorization) : req;
    };

    it('401 without a token, with a Bearer challenge', async () => {
      const response = await me().expect(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    it('401 for garbage, a wrong signature, a wrong scheme and an expired token', async () => {
      const sub = (jwt.decode(adminToken) as { sub: string }).sub;
      const claims = { sub, role: 'admin' };
      const options = { issuer: 'kompetensmaklaren', audience: 'kompetensmaklaren-api' };
      const expired = jwt.sign(
        { ...claims, ver: 0, exp: Math.floor(Date.now() / 1000) - 10 },
        SECRET,
        options,
      );
      const forged = jwt.sign(claims, 'another-secret-another-secret-another-secret', options);
      const none = jwt.sign(claims, '', { ...options, algorithm: 'none' });
      for (const header of [
        'Bearer garbage',
        'Bearer a.b.c',
        `Bearer ${forged}`,
        `Bearer ${none}`,
        `Basic ${adminToken}`,
        `Bearer ${expired}`,
      ]) {
        const response = await me(header);
        expect({ header, status: response.status }).toEqual({ header, status: 401 });
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      expect((await me(`Bearer ${expired}`)).body.detail).toMatch(/expired/);
    });

    it('401 once the account is disabled, even with a token still valid', async () => {
      const created = await http()
        .post('/api/v1/admin/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ email: 'second.admin@example.test', password: 'second-admin-pass', role: 'admin' })
        .expect(201);
      const token = (await login('second.admin@example.test', 'second-admin-pass', '10.0.0.5')).body
        .accessToken;
      await me(`Bearer ${token}`).expect(200);
      await db.query(`UPDATE app_user SET disabled = true WHERE id = $1`, [created.body.id]);
      await me(`Bearer ${token}`).expect(401);
      await login('second.admin@example.test', 'second-admin-pass', '10.0.0.5').expect(401);
    });
  });

  describe('demo accounts (development seed)', () => {
    it('adds one account per demo entry, idempotently, each able to log in with its scope', async () => {
      const before = await users();
      expect(await seedDemoAccounts(db.manager)).toBe(DEMO_ACCOUNTS.length);
      expect(await seedDemoAccounts(db.manager)).toBe(0);
      expect(await users()).toBe(before + DEMO_ACCOUNTS.length);
      const provider = await login('provider@lindesberg.demo', DEMO_PASSWORD, '10.2.0.1').expect(
        200,
      );
      expect(provider.body).toMatchObject({ role: 'provider', organisationId: 'lc-lindesberg' });
      const broker = await login('maklare@viadidakt.demo', DEMO_PASSWORD, '10.2.0.1').expect(200);
      expect(broker.body).toMatchObject({ role: 'broker', organisationId: 'viadidakt' });
      const regional = await login('regional@orebrolan.demo', DEMO_PASSWORD, '10.2.0.1').expect(
        200,
      );
      expect(regional.body).toMatchObject({ role: 'regional', countyCode: '18' });
    });
  });

  describe('admin users', () => {
    const create = (body: Record<string, unknown>, token = adminToken) =>
      http().post('/api/v1/admin/users').set('Authorization', `Bearer ${token}`).send(body);

    it('creates accounts of every role, which can log in with their scope', async () => {
      const provider = await create({
        email: ' Provider@Lindesberg.TEST ',
        password: 'provider-password',
        role: 'provider',
        learningCentreId: 'lc-lindesberg',
      }).expect(201);
      expect(provider.body).toEqual({ id: expect.any(String) });
      await create({
        email: 'broker@viadidakt.test',
        password: 'broker-password1',
        role: 'broker',
        learningCentreId: 'viadidakt',
      }).expect(201);
      await create({
        email: 'regional@orebro.test',
        password: 'regional-password',
        role: 'regional',
        countyCode: '18',
      }).expect(201);

      const providerLogin = await login(
        'provider@lindesberg.test',
        'provider-password',
        '10.1.0.1',
      ).expect(200);
      expect(providerLogin.body).toMatchObject({
        role: 'provider',
        organisationId: 'lc-lindesberg',
        learningCentreId: 'lc-lindesberg',
      });
      const regionalLogin = await login(
        'regional@orebro.test',
        'regional-password',
        '10.1.0.1',
      ).expect(200);
      expect(regionalLogin.body).toMatchObject({
        role: 'regional',
        organisationId: '18',
        countyCode: '18',
      });
    });

    it('lists accounts with limit/offset and never exposes hashes', async () => {
      const response = await http()
        .get('/api/v1/admin/users?limit=2&offset=1')
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      expect(response.body.total).toBe(await users());
      expect(response.body.items).toHaveLength(2);
      const text = JSON.stringify(response.body);
      expect(text).not.toMatch(/argon2|password/i);
      await http()
        .get('/api/v1/admin/users?limit=0')
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(400);
    });

    it('409 for a duplicate e-mail (any case), leaving the table unchanged', async () => {
      const before = await users();
      const response = await create({
        email: 'PROVIDER@lindesberg.test',
        password: 'another-password',
        role: 'provider',
        learningCentreId: 'lc-lindesberg',
      }).expect(409);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await users()).toBe(before);
    });

    it.each([
      ['email', { email: 'not-an-email', password: 'long-enough-pass', role: 'admin' }],
      ['password', { email: 'x1@example.test', password: 'short', role: 'admin' }],
      ['role', { email: 'x2@example.test', password: 'long-enough-pass', role: 'superuser' }],
      [
        'learningCentreId',
        { email: 'x3@example.test', password: 'long-enough-pass', role: 'provider' },
      ],
      [
        'learningCentreId',
        {
          email: 'x4@example.test',
          password: 'long-enough-pass',
          role: 'broker',
          learningCentreId: 'lc-nowhere',
        },
      ],
      ['countyCode', { email: 'x5@example.test', password: 'long-enough-pass', role: 'regional' }],
      [
        'countyCode',
        {
          email: 'x6@example.test',
          password: 'long-enough-pass',
          role: 'regional',
          countyCode: '02',
        },
      ],
      [
        'countyCode',
        {
          email: 'x7@example.test',
          password: 'long-enough-pass',
          role: 'provider',
          learningCentreId: 'lc-orebro',
          countyCode: '18',
        },
      ],
      [
        'passwordHash',
        {
          email: 'x8@example.test',
          password: 'long-enough-pass',
          role: 'admin',
          passwordHash: 'x',
        },
      ],
    ])('400 naming %s, nothing stored', async (field, body) => {
      const before = await users();
      const response = await create(body).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await users()).toBe(before);
    });

    it('403 for other roles, 401 anonymous', async () => {
      const token = (await login('provider@lindesberg.test', 'provider-password', '10.1.0.2')).body
        .accessToken;
      const regional = (await login('regional@orebro.test', 'regional-password', '10.1.0.2')).body
        .accessToken;
      const before = await users();
      for (const other of [token, regional]) {
        const denied = await create(
          { email: 'sneaky@example.test', password: 'long-enough-pass', role: 'admin' },
          other,
        ).expect(403);
        expect(denied.headers['content-type']).toMatch(/application\/problem\+json/);
        await http().get('/api/v1/admin/users').set('Authorization', `Bearer ${other}`).expect(403);
      }
      await http().post('/api/v1/admin/users').send({}).expect(401);
      expect(await users()).toBe(before);
    });
  });
});
