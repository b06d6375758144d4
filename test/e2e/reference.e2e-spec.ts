import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@km/database';
import { seedReferenceData } from '@km/reference';
import { startTestApp, TestApp } from '../support/test-app';

const LC_KOMP_CODES = [
  '0382',
  '0360',
  '1885',
  '1883',
  '1864',
  '1863',
  '1880',
  '1882',
  '1861',
  '1860',
  '0513',
  '0583',
  '0561',
  '0482',
  '0480',
  '0486',
  '0483',
  '0428',
  '1981',
  '1904',
  '1982',
  '1962',
];

describe('reference data API', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('refuses a query parameter named like an Object.prototype member (400 naming it)', async () => {
    const res = await http().get('/api/v1/municipalities?toString=x').expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([
      { field: 'toString', message: 'toString is not a known query parameter' },
    ]);
    await http().get('/api/v1/competences?q=truck&__proto__[x]=1').expect(400);
  });

  it('lists all 290 municipalities with unique codes inside Sweden', async () => {
    const response = await http().get('/api/v1/municipalities').expect(200);
    const rows: {
      code: string;
      name: string;
      countyCode: string;
      countyName: string;
      lat: number;
      lon: number;
    }[] = response.body;
    expect(rows).toHaveLength(290);
    expect(new Set(rows.map((m) => m.code)).size).toBe(290);
    expect(new Set(rows.map((m) => m.countyCode)).size).toBe(21);
    for (const m of rows) {
      expect(m.lat).toBeGreaterThan(55.3);
      expect(m.lat).toBeLessThan(69.1);
      expect(m.lon).toBeGreaterThan(10.9);
      expect(m.lon).toBeLessThan(24.2);
      expect(m.code.startsWith(m.countyCode)).toBe(true);
    }
    expect(rows.find((m) => m.code === '1880')).toMatchObject({
      name: 'Örebro',
      countyName: 'Örebro län',
    });
  });

  it('filters municipalities by county and says when a county does not exist', async () => {
    const orebro = await http().get('/api/v1/municipalities?countyCode=18').expect(200);
    expect(orebro.body).toHaveLength(12);
    const missing = await http().get('/api/v1/municipalities?countyCode=02').expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('ties the 22 LC-KOMP municipalities to their 17 learning centres', async () => {
    const response = await http().get('/api/v1/learning-centres').expect(200);
    const centres: { id: string; municipalityCodes: string[] }[] = response.body;
    expect(centres).toHaveLength(17);
    const covered = centres.flatMap((c) => c.municipalityCodes).sort();
    expect(covered).toEqual([...LC_KOMP_CODES].sort());
    expect(centres.find((c) => c.id === 'viadidakt')?.municipalityCodes.sort()).toEqual([
      '0428',
      '0483',
    ]);
  });

  it('finds competences by synonym, ignoring case and accents, ranked', async () => {
    const truck = await http().get('/api/v1/competences?q=truck').expect(200);
    expect(truck.body.map((c: { label: string }) => c.label)).toContain('Truckkort A+B');
    expect(truck.body[0].label.toLowerCase()).toMatch(/^truck/);

    const svets = await http().get('/api/v1/competences?q=SVETS').expect(200);
    expect(svets.body.length).toBeGreaterThan(2);
    expect(svets.body.length).toBeLessThanOrEqual(20);
    expect(svets.body.some((c: { label: string }) => c.label === 'Svetsning MIG/MAG')).toBe(true);

    const synonym = await http().get('/api/v1/competences?q=hjart-lungraddning').expect(200);
    expect(synonym.body[0].label).toBe('HLR');

    const accent = await http().get('/api/v1/competences?q=LIVSMEDELSHYGIEN').expect(200);
    expect(accent.body[0].label).toBe('Livsmedelshygien');
  });

  it('ranks an exact match above partial ones', async () => {
    const response = await http().get('/api/v1/competences?q=hlr').expect(200);
    expect(response.body[0].label).toBe('HLR');
  });

  it('caps results at 20 and answers an empty list for nonsense', async () => {
    const all = await http().get('/api/v1/competences?q=a').expect(200);
    expect(all.body.length).toBe(20);
    const none = await http().get('/api/v1/competences?q=zzxqv').expect(200);
    expect(none.body).toEqual([]);
  });

  it('answers a bad query with problem+json naming the field', async () => {
    const tooLong = await http()
      .get(`/api/v1/competences?q=${'x'.repeat(101)}`)
      .expect(400);
    expect(tooLong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(tooLong.body).toMatchObject({
      status: 400,
      title: 'Bad request',
      errors: [{ field: 'q' }],
    });

    const badCounty = await http().get('/api/v1/municipalities?countyCode=abc').expect(400);
    expect(badCounty.body.errors[0]).toMatchObject({ field: 'countyCode' });

    const unknownParam = await http().get('/api/v1/municipalities?drop=table').expect(400);
    expect(unknownParam.body.errors[0].message).toMatch(/drop is not a known field/);
  });

  it('answers unknown routes and malformed JSON with problem+json', async () => {
    const missing = await http().get('/api/v1/nothing-here').expect(404);
    expect(missing.body).toMatchObject({ status: 404, type: '/problems/not-found' });
  });

  it('seeds idempotently: a second run changes nothing', async () => {
    const dataSource = new DataSource(dataSourceOptions(t.databaseUrl));
    await dataSource.initialize();
    try {
      const again = await seedReferenceData(dataSource.manager);
      expect(again).toEqual({ inserted: 0, updated: 0 });
      const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM competence');
      expect(count).toBeGreaterThanOrEqual(200);
    } finally {
      await dataSource.destroy();
    }
  });
});
