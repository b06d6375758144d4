import request from 'supertest';
import { DataSource } from 'typeorm';
import { validNeedForm } from '../support/bodies';
import { startTestApp, TestApp } from '../support/test-app';

describe('public pages (Swedish, no JavaScript needed)', () => {
  let t: TestApp;
  let db: DataSource;
  let competence: { id: string; label: string };
  const http = () => request(t.app.getHttpServer());

  const form = (overrides: Record<string, string | string[]> = {}) =>
    validNeedForm(competence.id, overrides);
  const postForm = (fields: Record<string, string | string[]>) =>
    http().post('/behov').type('form').send(fields);
  const count = async () => (await db.query(`SELECT count(*)::int AS n FROM need`))[0].n;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '10000', OUTBOX_RELAY: 'off' });
    db = t.app.get(DataSource);
    [competence] = await db.query(`SELECT id, label FROM competence ORDER BY id LIMIT 1`);
  });
  afterAll(() => t?.close());

  it('serves the form in Swedish with every municipality grouped by county, and no inline script', async () => {
    const res = await http().get('/behov/ny').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<html lang="sv">');
    expect(res.text).toContain('Anmäl ett kompetensbehov');
    expect(res.text).toContain('href="#main"');
    expect(res.text.match(/<optgroup /g)?.length).toBe(21);
    expect(
      res.text
        .match(/name="employer.municipalityCode"[\s\S]*?<\/select>/)?.[0]
        .match(/<option value="\d{4}"/g)?.length,
    ).toBe(290);
    expect(res.text).toMatch(/<script src="\/assets\/competence-search.js" defer><\/script>/);
    expect(res.text).not.toMatch(/<script>(?!<)/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves the CSS and JS assets, and 404s others', async () => {
    const css = await http().get('/assets/site.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    const js = await http().get('/assets/competence-search.js').expect(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    await http().get('/assets/..%2Fmain.ts').expect(404);
    await http().get('/assets/nope.js').expect(404);
  });

  it('a urlencoded form post stores the need and redirects (303) to the receipt with the tracking link', async () => {
    const before = await count();
    const res = await postForm(form());
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/behov\/[A-Za-z0-9_-]{43}\?ny=1$/);
    expect(await count()).toBe(before + 1);
    const receipt = await http().get(res.headers.location).expect(200);
    expect(receipt.text).toContain('Tack! Behovet är mottaget');
    expect(receipt.text).toContain('Mottaget');
    expect(receipt.text).toContain(competence.label);
    const token = res.headers.location.slice('/behov/'.length, -'?ny=1'.length);
    expect(receipt.text).toContain(`/behov/${token}</a>`);
    expect(receipt.headers['cache-control']).toBe('no-store');
    const [need] = await db.query(
      `SELECT n.delivery_modes, n.max_cost_per_participant_sek, c.email FROM need n JOIN contact c ON c.need_id = n.id ORDER BY n.created_at DESC LIMIT 1`,
    );
    expect(need).toEqual({
      delivery_modes: ['onsite', 'hybrid'],
      max_cost_per_participant_sek: null,
      email: 'anna@example.se',
    });
  });

  it('re-renders a wrong form with a Swedish error summary, field messages and the values kept, storing nothing', async () => {
    const before = await count();
    const res = await postForm(
      form({
        'employer.orgNumber': '556036-0794',
        'contact.email': 'anna@',
        'participants.women': '3',
        'participants.men': '3',
        deliveryModes: [],
        consent: '',
        title: 'Behov <b>fetstil</b>',
      }),
    );
    expect(res.status).toBe(400);
    expect(await count()).toBe(before);
    const page = res.text;
    expect(page).toContain('role="alert"');
    expect(page).toContain('<title>Fel: Anmäl ett kompetensbehov');
    for (const [id, text] of [
      ['employer-orgNumber', 'kontrollsiffran är fel'],
      ['contact-email', 'giltig e-postadress'],
      ['participants-women', 'inte vara fler än det totala'],
      ['deliveryModes', 'minst ett sätt'],
      ['consent', 'godkänna'],
    ]) {
      expect(page).toMatch(new RegExp(`<a href="#${id}">[^<]*${text}`));
    }
    expect(page).toMatch(
      /id="employer-orgNumber"[^>]*value="556036-0794"[^>]*aria-describedby="employer-orgNumber-hint employer-orgNumber-error" aria-invalid="true"/,
    );
    expect(page).toContain('id="employer-orgNumber-error"');
    expect(page).toContain('value="Behov &lt;b&gt;fetstil&lt;/b&gt;"');
    expect(page).toMatch(new RegExp(`id="competence-${competence.id}"[^>]*checked`));
  });

  it('escapes HTML injected into the title and description on the status page', async () => {
    const res = await postForm(
      form({
        title: '<script>alert(1)</script>"><img src=x>',
        description: '<b onmouseover="x">hej</b>',
      }),
    );
    expect(res.status).toBe(303);
    const page = (await http().get(res.headers.location).expect(200)).text;
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).not.toContain('<img src=x>');
    expect(page).not.toContain('<b onmouseover');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x&gt;');
  });

  it('withdraws through a confirmation page and a form post, erasing the contact', async () => {
    const created = await postForm(form());
    const path = created.headers.location.replace('?ny=1', '');
    const status = await http().get(path).expect(200);
    expect(status.text).toContain(`href="${path}/aterkalla"`);
    const confirm = await http().get(`${path}/aterkalla`).expect(200);
    expect(confirm.text).toContain('Vill ni återkalla behovet?');
    expect(confirm.text).toContain(`action="${path}/aterkalla"`);
    const withdrawn = await http().post(`${path}/aterkalla`).type('form').send({});
    expect(withdrawn.status).toBe(303);
    expect(withdrawn.headers.location).toBe(`${path}?aterkallad=1`);
    const after = await http().get(withdrawn.headers.location).expect(200);
    expect(after.text).toContain('Behovet är återkallat');
    expect(after.text).toContain('Återkallat');
    expect(after.text).not.toContain('/aterkalla"');
    const [row] = await db.query(
      `SELECT n.status, (SELECT count(*)::int FROM contact c WHERE c.need_id = n.id) AS contacts
         FROM need n ORDER BY n.created_at DESC LIMIT 1`,
    );
    expect(row).toEqual({ status: 'withdrawn', contacts: 0 });
  });

  it('answers unknown tokens with a Swedish 404 page', async () => {
    for (const path of [
      `/behov/${'A'.repeat(43)}`,
      '/behov/okand',
      `/behov/${'A'.repeat(43)}/aterkalla`,
    ]) {
      const res = await http().get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('Sidan finns inte');
      expect(res.text).toContain('<html lang="sv">');
    }
    const post = await http()
      .post(`/behov/${'A'.repeat(43)}/aterkalla`)
      .type('form')
      .send({});
    expect(post.status).toBe(404);
  });
});
