import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

/** Browsers may call the API from other origins only when CORS_ORIGINS names them. */
describe('CORS', () => {
  const preflight = (t: TestApp, origin: string) =>
    request(t.app.getHttpServer())
      .options('/api/v1/needs')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');

  describe('not configured: closed', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ CORS_ORIGINS: '' });
    });
    afterAll(() => t?.close());

    it('allows no foreign origin, for reads or preflights', async () => {
      const read = await request(t.app.getHttpServer())
        .get('/api/v1/counties')
        .set('Origin', 'https://kommun.example');
      expect(read.headers['access-control-allow-origin']).toBeUndefined();
      const pre = await preflight(t, 'https://kommun.example');
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
      expect(pre.headers['access-control-allow-methods']).toBeUndefined();
    });
  });

  describe('CORS_ORIGINS set', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ CORS_ORIGINS: 'https://kommun.example, https://region.example' });
    });
    afterAll(async () => {
      await t?.close();
      delete process.env.CORS_ORIGINS;
    });

    it('allows exactly the listed origins', async () => {
      const allowed = await preflight(t, 'https://region.example');
      expect(allowed.status).toBeLessThan(300);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://region.example');
      expect(allowed.headers['access-control-allow-methods']).toContain('POST');
      const read = await request(t.app.getHttpServer())
        .get('/api/v1/counties')
        .set('Origin', 'https://kommun.example');
      expect(read.headers['access-control-allow-origin']).toBe('https://kommun.example');

      const other = await preflight(t, 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const suffix = await preflight(t, 'https://kommun.example.evil.example');
      expect(suffix.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
