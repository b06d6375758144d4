import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { seedDemoAccounts } from '@km/auth';
import { LivingDraftWriter } from '@km/project-drafts';
import { startWorld, World } from '../support/world';
import {
  expectAccessibleAtBothWidths,
  SCREENSHOTS,
  serveToChromium,
  submitLogin,
} from './chromium';

const BROKER = 'maklare@orebro.demo';

/**
 * The ESF project drafts in Mäklarvyn: the demo broker of Lärcentrum Örebro logs in, opens the
 * drafts of Örebro län, a draft, approves it (confirmation page, then the new version with its
 * confirmation), is told in Swedish that approving again changes nothing, and opens the
 * printable page and the CSV export; axe at desktop and phone width on every page.
 */
describe('ESF project drafts in Mäklarvyn, in Chromium', () => {
  let w: World;
  let browser: Browser;
  let base: string;
  let draftId: string;

  beforeAll(async () => {
    w = await startWorld();
    await seedDemoAccounts(w.db.manager);
    // Real-looking names for the screenshot: a theme of the catalogue and named employers.
    const fixture = await w.projectDraft('orebro');
    await w.db.query(
      `UPDATE proposal SET theme = 'logistik', competence_ids = '{truckkort-a-b}'
        WHERE id = (SELECT proposal_ids[1] FROM project_draft WHERE id = $1)`,
      [fixture],
    );
    await w.db.query(
      `UPDATE employer e SET name = n.name
         FROM (SELECT pn.employer_id, (ARRAY['Åkeri Öst AB', 'Bergslagens Lager AB',
                      'Karlskoga Gods AB'])[row_number() OVER (ORDER BY pn.need_id)] AS name
                 FROM proposal_need pn JOIN project_draft d ON pn.proposal_id = d.proposal_ids[1]
                WHERE d.id = $1) n
        WHERE e.id = n.employer_id`,
      [fixture],
    );
    await w.t.app
      .get(LivingDraftWriter, { strict: false })
      .recomputeCounty(w.db.manager, '18', null);
    [{ id: draftId }] = await w.db.query(
      `SELECT id FROM project_draft WHERE county_code = '18' AND theme = 'logistik'`,
    );
    ({ base, browser } = await serveToChromium(w.t.app));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await w?.t.close();
  });

  /** Axe at both widths, and at phone width nothing scrolls sideways. */
  const accessibleAtBothWidths = (page: Page) =>
    expectAccessibleAtBothWidths(page, async () => {
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
    });

  it('a broker opens the drafts, approves one and prints it', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'sv-SE',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems: string[] = [];
    page.on('console', (m) => {
      // The 409 of the second approval is expected; its page is checked below.
      if (m.type() === 'error' && !m.text().includes('status of 409')) problems.push(m.text());
      if (m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));

    await page.goto(`${base}/maklare/utkast`);
    await page.waitForURL(/\/logga-in\?tillbaka=%2Fmaklare%2Futkast$/);
    await submitLogin(page, BROKER);
    await page.waitForURL(/\/maklare\/utkast$/);

    // The list: the broker's county's drafts, the criteria in words, the nav entry current.
    expect(await page.locator('h1').textContent()).toBe('ESF-projektutkast');
    expect(
      await page.locator('nav[aria-label="Personalens sidor"] [aria-current="page"]').textContent(),
    ).toContain('ESF-utkast');
    const card = page.locator('.draft-card', { has: page.locator(`a[href$="${draftId}"]`) });
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain('Uppfyller utlysningens villkor');
    expect(cardText).toContain('Ingen ännu');
    expect(cardText).toMatch(/\d kr/);
    expect(cardText).not.toMatch(/eligible|budget_min|gender_balance|null|undefined/);
    await accessibleAtBothWidths(page);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'maklare-esf-utkast.png') });

    // The draft, then the confirmation step.
    await card.locator('h3 a').click();
    await page.waitForURL(new RegExp(`/maklare/utkast/${draftId}$`));
    expect(await page.locator('h1').textContent()).toContain('Örebro län');
    await accessibleAtBothWidths(page);
    await page.getByRole('link', { name: 'Godkänn utkastet' }).click();
    await page.waitForURL(new RegExp(`/maklare/utkast/${draftId}/godkann$`));
    expect(await page.locator('h1').textContent()).toMatch(/^Vill du godkänna /);
    expect(await page.locator('main').textContent()).toContain('version 1');
    await accessibleAtBothWidths(page);

    // Approve: the form post lands on the new version, which says it is done (PRG).
    await page.getByRole('button', { name: 'Ja, godkänn utkastet' }).click();
    await page.waitForURL(/\/maklare\/utkast\/[0-9a-f-]{36}\?klart=godkand$/);
    expect(page.url()).not.toContain(draftId);
    expect(await page.getByRole('status').textContent()).toContain(
      'Utkastet är godkänt som version 1',
    );
    expect(await page.locator('.lead .status').textContent()).toBe('Godkänd version 1');
    await accessibleAtBothWidths(page);
    const versionUrl = page.url().replace(/\?.*$/, '');

    // Approving the same draft again: nothing has changed, so nothing is saved.
    await page.goto(`${base}/maklare/utkast/${draftId}/godkann`);
    const again = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Ja, godkänn utkastet' }).click();
    expect((await again).status()).toBe(409);
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toBe('Utkastet är redan godkänt');
    expect(await page.locator('main').textContent()).toContain(
      'Inget har ändrats sedan förra versionen (version 1',
    );
    await accessibleAtBothWidths(page);
    const versions = await db(`SELECT count(*)::int AS n FROM project_draft_snapshot
                                WHERE draft_id = '${draftId}'`);
    expect(versions).toBe(1);

    // The printable page and the CSV, through the same login.
    await page.goto(versionUrl);
    await page.getByRole('link', { name: 'Utskriftsvänlig sida' }).click();
    await page.waitForURL(/\/utskrift$/);
    expect(await page.locator('h1').textContent()).toContain('Örebro län');
    expect(await page.locator('.lead .status').textContent()).toBe('Godkänd version 1');
    await accessibleAtBothWidths(page);
    const csv = await context.request.get(`${versionUrl}/export.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers()['content-disposition']).toMatch(/version-1\.csv"$/);
    expect(await csv.text()).toContain(';');

    expect(problems).toEqual([]);
    await context.close();
  }, 400_000);

  async function db(sql: string): Promise<number> {
    const [{ n }] = await w.db.query(sql);
    return n;
  }
});
