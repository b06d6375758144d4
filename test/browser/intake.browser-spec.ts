import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/test-app';
import { expectNoAxeViolations, SCREENSHOTS, serveToChromium } from './chromium';
import { swedishDayFromToday } from '@km/common';

const SCREENSHOT = join(SCREENSHOTS, 'behov-ny.png');

const isoDay = (daysFromNow: number) => swedishDayFromToday(daysFromNow);

describe('needs intake in Chromium', () => {
  let t: TestApp;
  let db: DataSource;
  let browser: Browser;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '10000', OUTBOX_RELAY: 'off' });
    db = t.app.get(DataSource);
    ({ base, browser } = await serveToChromium(t.app));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    const context = await browser.newContext({
      viewport: { width: 1000, height: 900 },
      locale: 'sv-SE',
    });
    page = await context.newPage();
    page.setDefaultTimeout(15000);
  });
  afterEach(() => page?.context().close());

  async function fillValidForm(): Promise<void> {
    await page.getByLabel('Organisationsnummer', { exact: true }).fill('556703-7485');
    await page.getByLabel('Organisationens namn', { exact: true }).fill('Hällefors Trä AB');
    await page.getByLabel('Kommun där arbetsplatsen ligger').selectOption('1863');
    await page.getByLabel('Bransch (SNI-avdelning)').selectOption('C');
    await page.getByLabel('Antal anställda', { exact: true }).fill('23');
    await page.getByLabel('Namn', { exact: true }).fill('Bo Berg');
    await page.getByLabel('E-post', { exact: true }).fill('bo@hallefors-tra.example');
    await page.getByLabel('Rubrik', { exact: true }).fill('Truckkort för lagret');
    await page.locator('#participants-total').fill('5');
    await page.locator('#participants-women').fill('2');
    await page.locator('#participants-men').fill('3');
    await page.getByLabel('Tidigaste start', { exact: true }).fill(isoDay(30));
    await page.getByLabel('Senaste slut', { exact: true }).fill(isoDay(180));
    await page.getByLabel('På plats', { exact: true }).check();
    await page.getByLabel('Hur långt kan deltagarna resa? (km)').fill('50');
    await page.getByLabel(/Jag godkänner/).check();
  }

  it('the form is accessible; filling it in (with the competence search) lands on the receipt and stores the need', async () => {
    await page.goto(`${base}/behov/ny`);
    expect(await page.locator('h1').textContent()).toBe('Anmäl ett kompetensbehov');
    await expectNoAxeViolations(page);
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });

    await fillValidForm();
    // Progressive enhancement: search and pick a competence with the keyboard.
    const search = page.getByRole('combobox', { name: 'Sök kompetens' });
    await search.fill('truck');
    await page.locator('#competence-search-list [role="option"]').first().waitFor();
    await search.press('ArrowDown');
    await search.press('Enter');
    expect(await page.locator('input[name="competenceIds"]:checked').count()).toBe(1);
    const chosen = await page.locator('input[name="competenceIds"]:checked').getAttribute('value');

    await page.getByRole('button', { name: 'Skicka behovet' }).click();
    await page.waitForURL(/\/behov\/[A-Za-z0-9_-]{43}\?ny=1$/);
    expect(await page.getByRole('heading', { name: 'Tack! Behovet är mottaget' }).count()).toBe(1);
    const link = page.locator('.tracking-link a');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/\/behov\/[A-Za-z0-9_-]{43}$/);
    await expectNoAxeViolations(page);

    const rows = await db.query(
      `SELECT n.title, n.participants_total, e.org_number, array_agg(nc.competence_id) AS competences
         FROM need n JOIN employer e ON e.id = n.employer_id JOIN need_competence nc ON nc.need_id = n.id
        WHERE e.org_number = '5567037485' GROUP BY n.id, e.org_number`,
    );
    expect(rows).toEqual([
      {
        title: 'Truckkort för lagret',
        participants_total: 5,
        org_number: '5567037485',
        competences: [chosen],
      },
    ]);

    // The tracking link works on its own (new page, as the employer would open it later).
    const token = href!.split('/').pop();
    await page.goto(`${base}/behov/${token}`);
    expect(await page.locator('.status').textContent()).toBe('Mottaget');
  });

  it('a wrong form shows the error summary with working links, keeps the values, and stays accessible', async () => {
    await page.goto(`${base}/behov/ny`);
    await fillValidForm();
    await page.getByLabel('Organisationsnummer', { exact: true }).fill('556703-7484'); // wrong check digit
    await page.locator('#participants-women').fill('4'); // 4 + 3 > 5
    await page.getByLabel(/Jag godkänner/).uncheck();
    await page.getByRole('button', { name: 'Skicka behovet' }).click();
    await page.waitForLoadState('load');

    expect(await page.title()).toMatch(/^Fel: /);
    const summary = page.getByRole('alert');
    expect((await summary.locator('h2').textContent())?.trim()).toBe('Formuläret har 4 fel');
    // The summary has focus, so screen readers announce it at once.
    expect(await page.locator(':focus').getAttribute('class')).toBe('error-summary');
    const links = summary.getByRole('link');
    expect(await links.allTextContents()).toEqual([
      expect.stringContaining('kontrollsiffran är fel'),
      expect.stringContaining('Välj minst en'),
      expect.stringContaining('inte vara fler än det totala'),
      expect.stringContaining('godkänna'),
    ]);

    // Following a link moves focus to the field, which is described by its error.
    await links.first().click();
    expect(await page.locator(':focus').getAttribute('id')).toBe('employer-orgNumber');
    const orgNumber = page.getByLabel('Organisationsnummer', { exact: true });
    expect(await orgNumber.getAttribute('aria-invalid')).toBe('true');
    expect(await orgNumber.getAttribute('aria-describedby')).toContain('employer-orgNumber-error');

    // Entered values are kept.
    expect(await orgNumber.inputValue()).toBe('556703-7484');
    expect(await page.getByLabel('Organisationens namn', { exact: true }).inputValue()).toBe(
      'Hällefors Trä AB',
    );
    expect(await page.getByLabel('Kommun där arbetsplatsen ligger').inputValue()).toBe('1863');
    expect(await page.getByLabel('På plats', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Tidigaste start', { exact: true }).inputValue()).toBe(isoDay(30));
    await expectNoAxeViolations(page);

    // Correcting the fields submits.
    await orgNumber.fill('556703-7485');
    await page.locator('#participants-women').fill('2');
    await page.locator('details.competence-area').first().locator('summary').click();
    await page.locator('input[name="competenceIds"]').first().check();
    await page.getByLabel(/Jag godkänner/).check();
    await page.getByRole('button', { name: 'Skicka behovet' }).click();
    await page.waitForURL(/\?ny=1$/);
  });

  it('the skip link moves focus to the main content, and withdrawal works without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    noJs.setDefaultTimeout(15000);
    try {
      await noJs.goto(`${base}/behov/ny`);
      await noJs.keyboard.press('Tab');
      expect(await noJs.locator(':focus').textContent()).toBe('Hoppa till innehållet');
      expect(await noJs.locator('#competence-search').count()).toBe(0); // no enhancement without JS
      page = noJs;
      await fillValidForm();
      await noJs.locator('details.competence-area').first().locator('summary').click();
      await noJs.locator('input[name="competenceIds"]').first().check();
      await noJs.getByRole('button', { name: 'Skicka behovet' }).click();
      await noJs.waitForURL(/\?ny=1$/);
      await noJs.getByRole('link', { name: 'Återkalla behovet' }).click();
      await noJs.getByRole('button', { name: 'Ja, återkalla behovet' }).click();
      await noJs.waitForURL(/\?aterkallad=1$/);
      expect(await noJs.locator('.status').textContent()).toBe('Återkallat');
    } finally {
      await context.close();
    }
  });
});
