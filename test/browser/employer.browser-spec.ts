import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@km/config';
import { MailTransport, NotificationDispatcher, TrackingLinkVault } from '@km/notifications';
import { MatcherModule } from '../../apps/matcher/src/matcher.module';
import { eventually } from '../support/fixtures';
import { validOfferingBody } from '../support/bodies';
import { isoDay, startWorld, World } from '../support/world';
import { expectNoAxeViolations, SCREENSHOTS, serveToChromium } from './chromium';

const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];

/**
 * The employer's side in Chromium (issue 18), with the matcher running in-process: the receipt and
 * the confirmation e-mail, a double click, the "why not matched yet" link to the edit form and the
 * rematch after the change, and the public pages at desktop and phone width.
 */
describe('the employer side in Chromium', () => {
  const mailDir = mkdtempSync(join(tmpdir(), 'km-browser-mail-'));
  let w: World;
  let db: DataSource;
  let matcher: INestApplicationContext;
  let browser: Browser;
  let base: string;
  let page: Page;
  let orgCounter = 0;

  beforeAll(async () => {
    w = await startWorld({
      MAIL_DIR: mailDir,
      OUTBOX_RELAY: 'on',
      MATCH_DEBOUNCE_MS: '200',
      OUTBOX_POLL_MS: '50',
      LOG_LEVEL: 'silent',
    });
    db = w.db;
    matcher = await NestFactory.createApplicationContext(MatcherModule, { logger: false });
    await matcher.init();
    ({ base, browser } = await serveToChromium(w.t.app));
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await matcher?.close();
    await w?.t.close();
  });
  beforeEach(async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS[0], locale: 'sv-SE' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });
  afterEach(() => page?.context().close());

  /** Reloads the status page until the need has the status (the matcher runs meanwhile). */
  async function statusBecomes(url: string, label: string): Promise<true | undefined> {
    await page.goto(url);
    return (await page.locator('.status').textContent()) === label ? true : undefined;
  }

  /** Fills the form for a Lindesberg firm; a fresh organisationsnummer each time. */
  async function fillForm(options: {
    maxTravelKm: string;
    title: string;
    municipality?: string;
  }): Promise<string> {
    const orgNumbers = ['556703-7485', '556036-0793', '212000-0142'];
    const orgNumber = orgNumbers[orgCounter++ % orgNumbers.length];
    await page.goto(`${base}/behov/ny`);
    await page.getByLabel('Organisationsnummer', { exact: true }).fill(orgNumber);
    await page.getByLabel('Organisationens namn', { exact: true }).fill('Lindesbergs Lager AB');
    await page
      .getByLabel('Kommun där arbetsplatsen ligger')
      .selectOption(options.municipality ?? '1885');
    await page.getByLabel('Bransch (SNI-avdelning)').selectOption('H');
    await page.getByLabel('Antal anställda', { exact: true }).fill('18');
    await page.getByLabel('Namn', { exact: true }).fill('Eva Ek');
    await page.getByLabel('E-post', { exact: true }).fill('eva@lindesbergs-lager.example');
    await page.getByLabel('Rubrik', { exact: true }).fill(options.title);
    await page
      .locator('details.competence-area', { has: page.locator('#competence-truckkort-a-b') })
      .locator('summary')
      .click();
    await page.locator('#competence-truckkort-a-b').check();
    await page.locator('#participants-total').fill('5');
    await page.getByLabel('Tidigaste start', { exact: true }).fill(isoDay(20));
    await page.getByLabel('Senaste slut', { exact: true }).fill(isoDay(200));
    await page.getByLabel('På plats', { exact: true }).check();
    await page.getByLabel('Hur långt kan deltagarna resa? (km)').fill(options.maxTravelKm);
    await page.getByLabel(/Jag godkänner/).check();
    return orgNumber.replace('-', '');
  }

  it('submit → receipt with the reference → the e-mail holds the working link and the reference', async () => {
    await fillForm({ maxTravelKm: '40', title: 'Truckkort inför hösten' });
    await page.getByRole('button', { name: 'Skicka behovet' }).click();
    await page.waitForURL(/\/behov\/[A-Za-z0-9_-]{43}\?ny=1$/);
    const reference = (await page.locator('.notice .reference').textContent())!.trim();
    expect(reference).toMatch(/^KB-\d{4}-\d{5}$/);
    await expectNoAxeViolations(page);
    const receiptUrl = page.url().replace('?ny=1', '');

    const dispatcher = new NotificationDispatcher(
      db,
      w.t.app.get(MailTransport),
      w.t.app.get(TrackingLinkVault),
      w.t.app.get(APP_CONFIG),
    );
    await dispatcher.dispatchPending(50);
    const [mail] = await db.query(
      `SELECT id FROM notification WHERE template = 'employer.need-received' AND subject LIKE $1`,
      [`%${reference}`],
    );
    const text: string = JSON.parse(readFileSync(join(mailDir, `${mail.id}.json`), 'utf8')).text;
    expect(text).toContain(`Ärendenummer: ${reference}`);
    // The e-mail links to PUBLIC_BASE_URL; the test server listens on a port of its own.
    const link = new URL(text.match(/http:\/\/\S+\/behov\/[A-Za-z0-9_-]{43}/)![0]);
    expect(link.pathname).toBe(new URL(receiptUrl).pathname);
    await page.goto(`${base}${link.pathname}`);
    expect(await page.locator('.reference-line strong').textContent()).toBe(reference);
  });

  it('a double click on "Skicka behovet" stores one need', async () => {
    const orgNumber = await fillForm({ maxTravelKm: '40', title: 'Dubbelklickat behov' });
    await page.getByRole('button', { name: 'Skicka behovet' }).dblclick();
    // The second click's submission may abort the navigation of the first (net::ERR_ABORTED):
    // then the page ends up where the second one leads.
    await page.waitForURL(/\?ny=1$/).catch(() => page.waitForURL(/\?ny=1$/));
    await page.waitForLoadState('networkidle');
    const rows = await db.query(
      `SELECT count(*)::int AS n FROM need n JOIN employer e ON e.id = n.employer_id
        WHERE e.org_number = $1 AND n.title = 'Dubbelklickat behov'`,
      [orgNumber],
    );
    expect(rows[0].n).toBe(1);
  });

  it('the what-if link on the status page fills in the distance; after saving, the rematch proposes the need', async () => {
    await w
      .http()
      .post('/api/v1/offerings')
      .set(w.auth('admin'))
      .send(
        validOfferingBody(['truckkort-a-b'], {
          title: 'Truckkort A+B i Fagersta',
          learningCentreId: 'nvu',
          venueMunicipalityCode: '1982',
          minParticipants: 2,
          startWindows: [{ from: isoDay(40), to: isoDay(50) }],
        }),
      )
      .expect(201);
    // In Sala (Västmanlands län), away from the Lindesberg needs of the other tests.
    await fillForm({ maxTravelKm: '10', title: 'Truckkort, kort resväg', municipality: '1981' });
    await page.getByRole('button', { name: 'Skicka behovet' }).click();
    await page.waitForURL(/\?ny=1$/);
    const statusUrl = page.url().replace('?ny=1', '');
    await eventually(() => statusBecomes(statusUrl, 'Inte matchat ännu'), 30_000, 300);
    const why = page.locator('section.why-not-yet');
    expect(await why.locator('h2').textContent()).toBe('Varför inte matchat än?');
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await expectNoAxeViolations(page);
    }
    await page.setViewportSize(VIEWPORTS[0]);
    await page.screenshot({ path: join(SCREENSHOTS, 'behov-varfor-inte.png'), fullPage: true });

    const suggestion = why.getByRole('link', { name: /^Öka längsta resväg till \d+ km$/ });
    const km = (await suggestion.textContent())!.match(/\d+/)![0];
    await suggestion.click();
    await page.waitForURL(/\/andra\?maxTravelKm=\d+/);
    expect(await page.getByLabel('Hur långt kan deltagarna resa? (km)').inputValue()).toBe(km);
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await expectNoAxeViolations(page);
    }
    await page.setViewportSize(VIEWPORTS[0]);
    await page.screenshot({ path: join(SCREENSHOTS, 'behov-andra.png'), fullPage: false });
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.waitForURL(/\?andrad=1$/);
    expect(await page.getByRole('heading', { name: 'Ändringen är sparad' }).count()).toBe(1);
    await eventually(() => statusBecomes(statusUrl, 'Föreslaget'), 30_000, 300);
    expect(await page.locator('section.why-not-yet').textContent()).toContain(
      'Ett förslag väntar på lärcentrums beslut',
    );
    await expectNoAxeViolations(page);
  });

  it.each([
    ['/', 'start.png'],
    ['/tillganglighet', 'tillganglighet.png'],
    ['/personuppgifter', 'personuppgifter.png'],
  ])('%s has no axe violations at 1280 and 390 px', async (path, screenshot) => {
    await page.goto(`${base}${path}`);
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await expectNoAxeViolations(page);
    }
    await page.setViewportSize(VIEWPORTS[0]);
    await page.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: false });
    // Every public page links the statement and the notice from its footer.
    const footer = page.locator('footer');
    expect(await footer.getByRole('link', { name: 'Tillgänglighetsredogörelse' }).count()).toBe(1);
    expect(
      await footer.getByRole('link', { name: 'Så behandlar vi personuppgifter' }).count(),
    ).toBe(1);
  });
});
