import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { needBody } from '../../bench/need-bodies';
import { freePort } from '../../scripts/infra';
import { createTestDatabase, testRedisPrefix } from '../support/test-database';

const ROOT = join(__dirname, '..', '..');

// Values that must never reach a log line.
const SECRETS = {
  jwtSecret: 'q7Vd2Lx9Rk4Tz8Nw3Hs6Pb1Jm5Yc0Fg-LogTest',
  adminEmail: 'log-admin@kompetens.test',
  adminPassword: 'log-admin-password-Q7x!',
  wrongPassword: 'wrong-password-Zk9#',
};

/**
 * The built-up API as in production (its own process, LOG_LEVEL=trace, JSON lines on stdout):
 * log in, submit needs, use the tracking token on every route that takes one, then read
 * everything it wrote.
 */
describe('no secrets or personal data in the logs', () => {
  let child: ChildProcess;
  let output = '';
  let baseUrl: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        LOG_LEVEL: 'trace',
        DATABASE_URL: database.url,
        REDIS_URL: process.env.KM_TEST_REDIS_URL,
        REDIS_PREFIX: testRedisPrefix(),
        PORT: String(port),
        JWT_SECRET: SECRETS.jwtSecret,
        ADMIN_EMAIL: SECRETS.adminEmail,
        ADMIN_PASSWORD: SECRETS.adminPassword,
        OUTBOX_POLL_MS: '50',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 45000;
    for (;;) {
      const ready = await fetch(`${baseUrl}/health/ready`).catch(() => null);
      if (ready?.ok) break;
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`api did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    }
    await drop?.();
  });

  it('logs requests, but never passwords, tokens, the JWT secret, e-mail addresses or phone numbers', async () => {
    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${baseUrl}${path}`, { redirect: 'manual', ...init });
    const json = (body: unknown): RequestInit => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

    expect(
      (
        await call(
          '/api/v1/auth/login',
          json({ email: SECRETS.adminEmail, password: SECRETS.wrongPassword }),
        )
      ).status,
    ).toBe(401);
    const login = await call(
      '/api/v1/auth/login',
      json({ email: SECRETS.adminEmail, password: SECRETS.adminPassword }),
    );
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const bearer = { Authorization: `Bearer ${accessToken}` };
    expect((await call('/api/v1/admin/users', { headers: bearer })).status).toBe(200);
    expect((await call('/api/v1/admin/users?limit=nope', { headers: bearer })).status).toBe(400);

    const competences = ['truckkort-a-b'];
    const body = needBody(424242, competences) as {
      employer: unknown;
      contact: { email: string; phone: string };
    };
    body.contact.phone = '073-555 12 34';
    const submitted = await call('/api/v1/needs', json(body));
    expect(submitted.status).toBe(201);
    const { trackingToken } = (await submitted.json()) as { trackingToken: string };
    // A bad submission echoes nothing personal into the logs either.
    expect((await call('/api/v1/needs', json({ ...body, participants: 'many' }))).status).toBe(400);

    expect((await call(`/api/v1/needs/track/${trackingToken}`)).status).toBe(200);
    expect((await call(`/api/v1/needs/track/${trackingToken}/export`)).status).toBe(200);
    const orgNumber = (body.employer as { orgNumber: string }).orgNumber;
    const exported = await call(`/api/v1/admin/employers/${orgNumber}/export`, { headers: bearer });
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain(body.contact.email); // the export has it; the log not
    expect((await call(`/behov/${trackingToken}?ny=1`)).status).toBe(200);
    expect((await call(`/behov/${trackingToken}/aterkalla`)).status).toBe(200);
    // The router ignores case and decodes escapes; the redaction must too.
    expect((await call(`/Behov/${trackingToken}`)).status).toBe(200);
    const escaped = `%${trackingToken.charCodeAt(0).toString(16)}${trackingToken.slice(1)}`;
    expect((await call(`/behov/${escaped}`)).status).toBe(200);
    expect((await call(`/API/v1/needs/Track/${trackingToken}`)).status).toBe(200);
    const withdrawn = await call(`/behov/${trackingToken}/aterkalla`, { method: 'POST' });
    expect(withdrawn.status).toBe(303);
    expect(withdrawn.headers.get('location')).toContain(trackingToken);
    expect((await call(`/api/v1/needs/track/${trackingToken}`, { method: 'DELETE' })).status).toBe(
      200,
    );

    await new Promise((resolve) => setTimeout(resolve, 500)); // let the logger flush
    const lines = output.split('\n').filter(Boolean);
    // The log is there and says what happened, by route and request id.
    expect(lines.length).toBeGreaterThan(10);
    expect(output).toContain('/api/v1/needs/track/[token]');
    expect(output).toContain('/behov/[token]/aterkalla');

    const forbidden = {
      ...SECRETS,
      accessToken,
      // The signature alone would do to forge nothing, but the payload names the account.
      accessTokenBody: accessToken.split('.')[1],
      trackingToken,
      contactEmail: body.contact.email,
      phone: body.contact.phone,
      phoneDigits: body.contact.phone.replace(/\D/g, ''),
    };
    const leaks = Object.entries(forbidden).filter(([, value]) => output.includes(value));
    expect(leaks.map(([name]) => name)).toEqual([]);
    // No e-mail address of any kind.
    expect(output.match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g) ?? []).toEqual([]);
  });
});
