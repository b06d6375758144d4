import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { validNeedBody } from '../support/bodies';
import { moveNeeds } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';
import { expectNoAxeViolations, SCREENSHOTS, serveToChromium } from './chromium';

const SCREENSHOT = join(SCREENSHOTS, 'behov-utganget.png');

/** An expired need's page offers to send it in again; both pages pass axe at 1280 and 390 px. */
describe('an expired need in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '10000', OUTBOX_RELAY: 'off' });
    const db = t.app.get(DataSource);
    const [{ id: competence }] = await db.query(`SELECT id FROM competence ORDER BY id LIMIT 1`);
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/needs')
      .send(validNeedBody([competence], { title: 'Heta arbeten för verkstaden' }));
    expect(res.status).toBe(201);
    token = res.body.trackingToken;
    // As the daily job leaves it once the window has ended.
    await moveNeeds(db, [res.body.id], 'expired');
    ({ base, browser } = await serveToChromium(t.app));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const width of [1280, 390]) {
    it(`at ${width} px: the status says expired and the renew link opens the form pre-filled`, async () => {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        locale: 'sv-SE',
      });
      const page = await context.newPage();
      try {
        await page.goto(`${base}/behov/${token}`);
        expect(await page.locator('.status-line').textContent()).toContain('Utgånget');
        await expectNoAxeViolations(page);
        if (width === 1280) {
          mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
          await page.screenshot({ path: SCREENSHOT, fullPage: true });
        }
        await page.getByRole('link', { name: 'Skicka in behovet igen' }).click();
        await page.waitForURL(/\/skicka-igen$/);
        expect(await page.getByLabel('Rubrik', { exact: true }).inputValue()).toBe(
          'Heta arbeten för verkstaden',
        );
        expect(await page.getByLabel('Tidigaste start', { exact: true }).inputValue()).toBe('');
        await expectNoAxeViolations(page);
      } finally {
        await context.close();
      }
    });
  }
});
