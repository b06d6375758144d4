import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { LivingDraftWriter } from '@km/project-drafts';
import { startWorld, World } from '../support/world';
import { expectNoAxeViolations, SCREENSHOTS, serveToChromium } from './chromium';

const SCREENSHOT = join(SCREENSHOTS, 'esf-projektutkast.png');

describe('printable ESF project draft in Chromium', () => {
  let w: World;
  let browser: Browser;
  let base: string;
  let draftId: string;

  beforeAll(async () => {
    w = await startWorld();
    // A draft as a broker would see it: real names, a real theme, ESF+ fields where given.
    const fixture = await w.projectDraft('orebro');
    const [
      {
        proposal_ids: [proposalId],
      },
    ] = await w.db.query(`SELECT proposal_ids FROM project_draft WHERE id = $1`, [fixture]);
    await w.db.query(
      `UPDATE proposal SET theme = 'logistik', competence_ids = '{truckkort-a-b}' WHERE id = $1`,
      [proposalId],
    );
    const needs: { need_id: string; employer_id: string }[] = await w.db.query(
      `SELECT need_id, employer_id FROM proposal_need WHERE proposal_id = $1 ORDER BY need_id`,
      [proposalId],
    );
    const names = ['Åkeri Öst AB', 'Bergslagens Lager AB', 'Karlskoga Gods AB'];
    for (const [i, n] of needs.entries()) {
      await w.db.query(`UPDATE employer SET name = $2 WHERE id = $1`, [n.employer_id, names[i]]);
      await w.db.query(
        `UPDATE need SET participants_women = 2, participants_men = 1, age_band = $2,
                education_level = 'isced_3_4' WHERE id = $1`,
        [n.need_id, i === 0 ? 'under_30' : null],
      );
    }
    await w.t.app
      .get(LivingDraftWriter, { strict: false })
      .recomputeCounty(w.db.manager, '18', null);
    [{ id: draftId }] = await w.db.query(
      `SELECT id FROM project_draft WHERE county_code = '18' AND theme = 'logistik'`,
    );
    const approved = await w
      .http()
      .post(`/api/v1/admin/project-drafts/${draftId}/approve`)
      .set(w.auth('brokerOwn'));
    expect(approved.status).toBe(201);
    ({ base, browser } = await serveToChromium(w.t.app));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await w?.t.close();
  });

  for (const width of [1280, 390]) {
    it(`shows the draft with criteria in words and no axe violation at ${width} px`, async () => {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        locale: 'sv-SE',
        extraHTTPHeaders: { Authorization: w.auth('brokerOwn').Authorization },
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
      });
      const response = await page.goto(`${base}/api/v1/admin/project-drafts/${draftId}/print`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toContain('Örebro län');
      expect(await page.locator('#criteria-heading').textContent()).toContain(
        'Utkastet uppfyller utlysningens villkor',
      );
      expect(await page.locator('.criteria').textContent()).toContain('Jämn könsfördelning');
      expect(await page.locator('body').textContent()).toContain('Under 30 år');
      expect(await page.locator('body').textContent()).toContain('Version 1, godkänd');
      await expectNoAxeViolations(page);
      // Nothing overflows the page sideways on a phone: wide tables scroll in their own region.
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      if (width === 1280) {
        mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
        await page.screenshot({ path: SCREENSHOT, fullPage: true });
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.site-header').isVisible()).toBe(false);
      }
      expect(problems).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
