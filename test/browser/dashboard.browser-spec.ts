import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { seedDemoAccounts } from '@km/auth';
import { generateDataset, insertDataset } from '../support/monitoring-fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectNoAxeViolations, serveToChromium, submitLogin } from './chromium';
import { DASHBOARD_CHARTS, OREBRO_LAN } from './demo-region';
import { isoDay } from '../support/world';

describe('regional dashboard in Chromium', () => {
  let t: TestApp;
  let db: DataSource;
  let browser: Browser;
  let base: string;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    t = await startTestApp({ OUTBOX_RELAY: 'off' });
    db = t.app.get(DataSource);
    await seedDemoAccounts(db.manager);
    await insertDataset(
      db,
      generateDataset({
        seed: 2026,
        prefix: 'b',
        county: '18',
        municipalities: OREBRO_LAN,
        employers: 48,
        needs: 260,
        initiatives: 24,
        days: 330,
      }),
    );
    await db.query(
      `UPDATE region_target SET period_start = $1, period_end = NULL WHERE county_code = '18'`,
      [isoDay(-400)],
    );
    ({ base, browser } = await serveToChromium(t.app));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      locale: 'sv-SE',
    });
    page = await context.newPage();
    page.setDefaultTimeout(15000);
    problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        problems.push(`${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
  });
  afterEach(() => page?.context().close());

  async function logIn(): Promise<void> {
    await page.goto(`${base}/uppfoljning`);
    await page.waitForURL(/\/logga-in\?tillbaka=%2Fuppfoljning$/);
    await submitLogin(page, 'regional@orebrolan.demo');
    await page.waitForURL(/\/uppfoljning$/);
  }

  /** What Chart.js holds for each canvas: its type and the numbers it plots. */
  function chartData(): Promise<Record<string, { type: string; values: number[] } | null>> {
    return page.evaluate((ids) => {
      const out: Record<string, { type: string; values: number[] } | null> = {};
      const g = globalThis as unknown as {
        Chart: {
          getChart(
            c: unknown,
          ): { config: { type: string }; data: { datasets: { data: unknown[] }[] } } | undefined;
        };
        document: { getElementById(id: string): unknown };
      };
      for (const id of ids) {
        const chart = g.Chart.getChart(g.document.getElementById(`chart-${id}`));
        out[id] = chart
          ? {
              type: chart.config.type,
              values: chart.data.datasets.flatMap((d) =>
                d.data.filter((v): v is number => typeof v === 'number'),
              ),
            }
          : null;
      }
      return out;
    }, DASHBOARD_CHARTS);
  }

  it('after login every chart is drawn with data, has a table, and the page is accessible', async () => {
    const login = await page.goto(`${base}/logga-in`);
    expect(login?.status()).toBe(200);
    await expectNoAxeViolations(page);
    await logIn();

    expect(await page.locator('h1').textContent()).toBe('Uppföljning – Örebro län');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    const charts = await chartData();
    for (const id of DASHBOARD_CHARTS) {
      // A county with a handful of large employers may not show its size split (two periods
      // would differ by one of them): then the table says "<3" and no chart is drawn.
      if (id === 'sme' && charts[id] === null) {
        expect(await page.locator('#chart-sme-table').textContent()).toContain('<3');
        continue;
      }
      expect({ id, drawn: charts[id] !== null }).toEqual({ id, drawn: true });
      expect({ id, hasData: charts[id]!.values.some((v) => v > 0) }).toEqual({
        id,
        hasData: true,
      });
      // The text alternative: a table with the same figures.
      expect(await page.locator(`#chart-${id}-table tbody tr`).count()).toBeGreaterThan(0);
      expect(await page.locator(`#chart-${id}`).getAttribute('role')).toBe('img');
    }
    expect(charts['funnel']!.values).toHaveLength(2);
    expect(charts['gender']!.type).toBe('doughnut');
    expect(await page.locator('.key-figures dd').first().textContent()).toMatch(/^\d/);
    await expectNoAxeViolations(page);

    expect(problems).toEqual([]);
  });

  it('filters by period in whole months, keeps working, and logs out', async () => {
    await logIn();
    // Regional staff see months only: no interval to choose, and the period rounds to months.
    expect(await page.getByLabel('Tidsserier per').count()).toBe(0);
    await page.getByLabel('Från och med').fill(isoDay(-120));
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/fran=/);
    expect(await page.getByLabel('Från och med').inputValue()).toMatch(/^\d{4}-\d{2}-01$/);
    const labels = await page.locator('#chart-match-rate-table tbody th').allTextContents();
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels.every((l) => /^[a-zåäö]+ \d{4}$/.test(l.trim()))).toBe(true);
    expect(await page.getByRole('heading', { name: 'Om siffrorna' }).count()).toBe(1);
    await expectNoAxeViolations(page);

    // The CSV link carries the same selection.
    const href = await page
      .getByRole('link', { name: /Ladda ner uppgifterna som CSV/ })
      .getAttribute('href');
    expect(href).toContain('intervall=manad');
    const csv = await page.request.get(`${base}${href}`);
    expect(csv.status()).toBe(200);
    expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/logga-in\?utloggad=1$/);
    expect(await page.getByRole('status').textContent()).toContain('Du är utloggad.');
    await page.goto(`${base}/uppfoljning`);
    await page.waitForURL(/\/logga-in\?tillbaka=%2Fuppfoljning$/);
    expect(problems).toEqual([]);
  });

  it('a wrong password shows the Swedish error summary, accessibly', async () => {
    await page.goto(`${base}/logga-in`);
    await submitLogin(page, 'regional@orebrolan.demo', 'fel-lösenord');
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Fel: /);
    expect(await page.getByRole('alert').textContent()).toContain(
      'Fel e-postadress eller lösenord.',
    );
    await expectNoAxeViolations(page);
    // The 401 of the failed login is the only console message there may be.
    expect(problems.filter((p) => !/(status of 401|^401 .*\/logga-in$)/.test(p))).toEqual([]);
  });
});
