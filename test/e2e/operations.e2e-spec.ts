import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

describe('operations endpoints', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('reports liveness and readiness of PostgreSQL and Redis', async () => {
    await http().get('/health/live').expect(200);
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('serves Prometheus metrics including request durations', async () => {
    await http().get('/api/v1/counties').expect(200);
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/counties",status="200"\}/,
    );
  });

  it('serves the OpenAPI document and UI', async () => {
    const json = await http().get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/municipalities', '/api/v1/competences']),
    );
    const ui = await http().get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('"Try it out" never pre-fills an optional filter that would narrow a list', async () => {
    const doc = (await http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Record<string, unknown>[] }>>;
    };
    const prefilled = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, op]) =>
        (op.parameters ?? [])
          .filter((p) => p.in === 'query' && !p.required)
          .filter((p) => 'example' in p || 'example' in ((p.schema as object) ?? {}))
          .map((p) => `${method.toUpperCase()} ${path} ?${String(p.name)}`),
      ),
    );
    expect(prefilled).toEqual([]);
  });

  it('sends security headers and a request id', async () => {
    const response = await http()
      .get('/api/v1/counties')
      .set('X-Request-Id', 'abc-123')
      .expect(200);
    expect(response.headers['x-request-id']).toBe('abc-123');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await http()
      .post('/api/v1/municipalities')
      .set('Content-Type', 'application/json')
      .send('{"broken": ');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
