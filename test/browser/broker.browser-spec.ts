import { randomUUID } from 'node:crypto';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { seedDemoAccounts } from '@km/auth';
import { seedDemoData } from '@km/demo';
import { MatchingRunService } from '@km/proposals';
import { startTestApp, TestApp } from '../support/test-app';
import {
  expectAccessibleAtBothWidths,
  saveScreenshot,
  serveToChromium,
  submitLogin,
} from './chromium';
import { OREBRO_LAN } from './demo-region';

const BROKER = 'maklare@orebro.demo';

/**
 * Mäklarvyn in Chromium: the demo broker of Lärcentrum Örebro works through proposals the real
 * matcher made from LC-KOMP demo data, from login to an initiative's outcome; two browsers
 * approving the same proposal at once; axe at desktop and phone width on every page.
 */
describe('Mäklarvyn in Chromium', () => {
  let t: TestApp;
  let db: DataSource;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ OUTBOX_RELAY: 'off' });
    db = t.app.get(DataSource);
    await seedDemoAccounts(db.manager);
    await seedDemoData(db.manager, {
      needs: 400,
      offerings: 40,
      seed: 15,
      municipalityCodes: OREBRO_LAN,
    });
    await t.app
      .get(MatchingRunService)
      .execute({ id: `job-${randomUUID()}`, countyCode: '18', runId: null, trigger: 'manual' });
    ({ base, browser } = await serveToChromium(t.app));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A page that records console errors, failed loads (but the expected statuses) and loads. */
  async function openPage(context?: BrowserContext) {
    const ctx =
      context ??
      (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' }));
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    const problems: string[] = [];
    const expected = new Set<number>();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400 && !expected.has(r.status())) problems.push(`${r.status()} ${r.url()}`);
    });
    let loads = 0;
    page.on('load', () => loads++);
    return {
      page,
      problems: () =>
        problems.filter((p) => ![...expected].some((s) => p.includes(`status of ${s}`))),
      expect: (status: number) => expected.add(status),
      loads: () => loads,
    };
  }

  async function logIn(page: Page): Promise<void> {
    await page.goto(`${base}/maklare`);
    await page.waitForURL(/\/logga-in\?tillbaka=%2Fmaklare$/);
    await submitLogin(page, BROKER);
    await page.waitForURL(/\/maklare$/);
  }

  const openProposalLinks = (page: Page) => page.locator('table.data-table tbody th a');

  it('a broker reads and approves a proposal, rejects another, and records the outcome', async () => {
    const { page, problems, loads, expect: expectStatus } = await openPage();
    expectStatus(400); // the reason left out on purpose
    await page.goto(`${base}/logga-in`);
    await expectAccessibleAtBothWidths(page);
    await logIn(page);
    expect(await page.locator('h1').textContent()).toBe('Förslag');
    expect(await openProposalLinks(page).count()).toBeGreaterThanOrEqual(2);
    await expectAccessibleAtBothWidths(page);
    await saveScreenshot(page, 'maklare-forslag-ko.png');

    // Approve the first: proposal page, then the form post lands on the initiative (PRG).
    const before = loads();
    await openProposalLinks(page).first().click();
    await page.waitForURL(/\/maklare\/forslag\//);
    expect(await page.getByRole('heading', { name: 'Varför det här förslaget' }).count()).toBe(1);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/poäng|syskon|passning|joint_initiative|new_initiative/);
    expect(text).toMatch(/@/); // the employers' contact e-mail
    expect(await page.locator('svg.places-map').count()).toBe(1);
    await expectAccessibleAtBothWidths(page);
    await saveScreenshot(page, 'maklare-forslag.png');
    await page.getByLabel('Anteckning (frivillig)').fill('Anordnaren bekräftar datum per telefon.');
    await page.getByRole('button', { name: 'Godkänn förslaget' }).click();
    await page.waitForURL(/\/maklare\/insatser\/[0-9a-f-]{36}\?klart=godkant$/);
    expect(loads() - before).toBeLessThanOrEqual(3);
    expect(await page.getByRole('status').textContent()).toContain('Förslaget är godkänt');
    const initiativeUrl = page.url().replace(/\?.*$/, '');
    await expectAccessibleAtBothWidths(page);

    // Reject another with a reason; a missing reason first gets the error summary.
    await page.goto(`${base}/maklare`);
    await openProposalLinks(page).first().click();
    await page.waitForURL(/\/maklare\/forslag\//);
    await page.getByRole('button', { name: 'Avslå förslaget' }).click();
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Fel: /);
    expect(await page.getByRole('alert').textContent()).toContain(
      'Skriv varför du avslår förslaget.',
    );
    await expectAccessibleAtBothWidths(page);
    await page
      .getByLabel('Varför avslår du förslaget?')
      .fill('Arbetsgivarna vill hellre ha kvällskurs.');
    await page.getByRole('button', { name: 'Avslå förslaget' }).click();
    await page.waitForURL(/\?beslut=avslaget$/);
    expect(await page.getByRole('status').textContent()).toContain('Förslaget är avslaget');
    await expectAccessibleAtBothWidths(page);

    // The initiative: start it, then record who completed.
    await page.goto(initiativeUrl);
    await page.getByRole('button', { name: 'Utbildningen har börjat' }).click();
    await page.waitForURL(/klart=startad$/);
    await expectAccessibleAtBothWidths(page);
    await page.getByLabel('Kvinnor som gick hela utbildningen').fill('2');
    await page.getByLabel('Män som gick hela utbildningen').fill('3');
    await page.getByRole('button', { name: 'Registrera och avsluta insatsen' }).click();
    await page.waitForURL(/klart=avslutad$/);
    expect(await page.locator('main').textContent()).toContain(
      'gick hela utbildningen (2 kvinnor, 3 män)',
    );
    await expectAccessibleAtBothWidths(page);
    await saveScreenshot(page, 'maklare-insats.png');

    // The initiatives list and a need page.
    await page.goto(`${base}/maklare/insatser`);
    await expectAccessibleAtBothWidths(page);
    await page.goto(initiativeUrl);
    await page.locator('main ul li a').first().click();
    await page.waitForURL(/\/maklare\/behov\//);
    await expectAccessibleAtBothWidths(page);
    expect(problems()).toEqual([]);
    await page.context().close();
  }, 900_000);

  it('two browsers approving the same proposal at once: one wins, the other reads "redan beslutad"', async () => {
    const first = await openPage();
    const second = await openPage();
    second.expect(409);
    first.expect(409);
    await logIn(first.page);
    await logIn(second.page);
    const href = await openProposalLinks(first.page).first().getAttribute('href');
    await Promise.all([first.page.goto(`${base}${href}`), second.page.goto(`${base}${href}`)]);
    await Promise.all([
      first.page.getByRole('button', { name: 'Godkänn förslaget' }).click(),
      second.page.getByRole('button', { name: 'Godkänn förslaget' }).click(),
    ]);
    await Promise.all([first.page.waitForLoadState('load'), second.page.waitForLoadState('load')]);
    const headings = [
      await first.page.locator('h1').textContent(),
      await second.page.locator('h1').textContent(),
    ];
    const loser = headings[0] === 'Förslaget är redan beslutat' ? first : second;
    expect(headings.filter((h) => h === 'Förslaget är redan beslutat')).toHaveLength(1);
    expect((await loser.page.locator('main').textContent())?.replace(/\s+/g, ' ')).toContain(
      'Ditt beslut sparades inte.',
    );
    await expectAccessibleAtBothWidths(loser.page);
    expect(first.problems()).toEqual([]);
    expect(second.problems()).toEqual([]);
    await first.page.context().close();
    await second.page.context().close();
  }, 200_000);
});
