/**
 * Security round 2 (issue 23), findings 9–11: what the HTTP edge exposes and whom it believes.
 * Each block boots its own app with the environment it tests (every variable it relies on given
 * explicitly, since the app reads process.env).
 */
import request from 'supertest';
import { DataSource } from 'typeorm';
import { validNeedBody } from '../support/bodies';
import { startTestApp, TestApp } from '../support/test-app';

const ADMIN = { email: 'admin@exposure.test', password: 'admin-password-123' };
const METRICS_TOKEN = 'Zq4vN8kR2mX7tB1wY5hL9cJ3pF6sD0gA';
const BASE_ENV = {
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  OUTBOX_RELAY: 'off',
  TRUST_PROXY: 'loopback',
  API_DOCS: '',
  METRICS_TOKEN: '',
  PUBLIC_RATE_LIMIT_PER_MINUTE: '1000',
};

describe('9. metrics record the final status of every request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...BASE_ENV, NODE_ENV: 'test' });
  });
  afterAll(() => t?.close());

  it('counts a failed login as 401 and a guard refusal at all', async () => {
    const http = () => request(t.app.getHttpServer());
    await http()
      .post('/api/v1/auth/login')
      .send({ email: ADMIN.email, password: 'not-the-password' })
      .expect(401);
    await http().get('/api/v1/admin/users').expect(401);
    const metrics = (await http().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/auth\/login",status="401"\} 1/,
    );
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/admin\/users",status="401"\} 1/,
    );
    expect(metrics).not.toMatch(/route="\/api\/v1\/auth\/login",status="200"/);
  });
});

describe('9. /metrics and /docs in production', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  afterEach(() => t?.close());

  const production = (env: Record<string, string>) =>
    startTestApp({
      ...BASE_ENV,
      NODE_ENV: 'production',
      JWT_SECRET: 'k3Jq9vXw2Lr8Tz5Nb7Hd1Pm4Yc6Fg0Sa+Qe/UiOoRt=',
      ...env,
    });

  it('serves neither by default', async () => {
    t = await production({});
    await http().get('/metrics').expect(404);
    await http().get('/docs').expect(404);
    await http().get('/docs-json').expect(404);
  });

  it('serves /metrics to the token holder only, and /docs under the site CSP when asked to', async () => {
    t = await production({ METRICS_TOKEN, API_DOCS: 'on' });
    const refused = await http().get('/metrics').expect(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
    await http().get('/metrics').set('Authorization', 'Bearer wrong-token').expect(401);
    const ok = await http()
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(ok.text).toContain('http_request_duration_seconds');
    const docs = await http().get('/docs/').expect(200);
    expect(docs.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(docs.text).not.toMatch(/<script>[^<]/);
  });
});

describe('11. TRUST_PROXY decides whom X-Forwarded-For speaks for; tracking is never cached', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  afterEach(() => t?.close());

  const submitFrom = (forwardedFor: string, competenceId: string) =>
    http()
      .post('/api/v1/needs')
      .set('X-Forwarded-For', forwardedFor)
      .send(validNeedBody([competenceId]));
  const competence = async () =>
    (await t.app.get(DataSource).query(`SELECT id FROM competence ORDER BY id LIMIT 1`))[0]
      .id as string;

  it('off: a new X-Forwarded-For does not lift a 429', async () => {
    t = await startTestApp({ ...BASE_ENV, TRUST_PROXY: 'off', PUBLIC_RATE_LIMIT_PER_MINUTE: '2' });
    const id = await competence();
    await submitFrom('10.9.0.1', id).expect(201);
    await submitFrom('10.9.0.2', id).expect(201);
    const blocked = await submitFrom('10.9.0.3', id).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('one hop: each client behind the proxy has its own bucket; the tracking answer is no-store', async () => {
    t = await startTestApp({ ...BASE_ENV, TRUST_PROXY: '1', PUBLIC_RATE_LIMIT_PER_MINUTE: '2' });
    const id = await competence();
    await submitFrom('10.9.1.1', id).expect(201);
    await submitFrom('10.9.1.1', id).expect(201);
    await submitFrom('10.9.1.1', id).expect(429);
    // A spoofed first entry is not the client: the proxy appends the real one last.
    await submitFrom('10.9.1.1, 10.9.1.2', id).expect(201);
    const { trackingToken } = (await submitFrom('10.9.1.3', id).expect(201)).body;
    const tracked = await http().get(`/api/v1/needs/track/${trackingToken}`).expect(200);
    expect(tracked.headers['cache-control']).toBe('no-store');
  });
});
