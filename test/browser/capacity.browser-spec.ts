import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, seedDemoAccounts } from '@km/auth';
import { MatchingRunService } from '@km/proposals';
import { isoDay, validOfferingBody } from '../support/bodies';
import { needBody } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { expectAccessibleAtBothWidths, serveToChromium, submitLogin } from './chromium';

const BROKER = 'maklare@orebro.demo';
const PROVIDER = 'provider@orebro.demo';
const EXCEL = 'excel-grundkurs';
const WINDOW = { from: isoDay(40), to: isoDay(90) };

/**
 * Capacity on the broker's pages in Chromium: a "plats i planerad insats" proposal in the queue
 * and on its page, approved from there; the "Kursen är fullbokad" page of a refused approval;
 * axe at 1280 and 390 px on each.
 */
describe('capacity on /maklare in Chromium', () => {
  let t: TestApp;
  let db: DataSource;
  let browser: Browser;
  let base: string;
  const tokens: Record<string, string> = {};
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp({ OUTBOX_RELAY: 'off', PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000' });
    db = t.app.get(DataSource);
    await seedDemoAccounts(db.manager);
    for (const email of [BROKER, PROVIDER]) {
      const res = await http()
        .post('/api/v1/auth/login')
        .send({ email, password: DEMO_PASSWORD })
        .expect(200);
      tokens[email] = `Bearer ${res.body.accessToken}`;
    }
    ({ base, browser } = await serveToChromium(t.app));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const rematch = () =>
    t.app.get(MatchingRunService).execute({
      id: `capacity-${randomUUID()}`,
      countyCode: '18',
      runId: null,
      trigger: 'manual',
    });
  const need = async (total: number) =>
    (
      await http()
        .post('/api/v1/needs')
        .send(
          needBody({
            municipalityCode: '1880',
            competenceIds: [EXCEL],
            name: `Örebro Kontor ${randomUUID().slice(0, 4)} AB`,
            participants: { total, women: 1, men: total - 1 },
          }),
        )
        .expect(201)
    ).body.id as string;
  const openOn = async (offeringId: string, kind: string) =>
    (
      await db.query(
        `SELECT id FROM proposal WHERE offering_id = $1 AND kind = $2 AND status = 'open'`,
        [offeringId, kind],
      )
    )[0]?.id as string | undefined;

  it('a late firm fills a planned course; a second cohort on the full window is refused', async () => {
    const offering = await http()
      .post('/api/v1/offerings')
      .set('Authorization', tokens[PROVIDER])
      .send(
        validOfferingBody([EXCEL], {
          title: 'Excel grundkurs i Örebro',
          venueMunicipalityCode: '1880',
          minParticipants: 2,
          maxParticipants: 8,
          startWindows: [WINDOW],
        }),
      )
      .expect(201);
    const offeringId = offering.body.id as string;
    await need(3);
    await need(2);
    await rematch();
    const first = await openOn(offeringId, 'joint_initiative');
    await http()
      .post(`/api/v1/admin/proposals/${first}/approve`)
      .set('Authorization', tokens[BROKER])
      .send({})
      .expect(201);
    await need(2);
    await rematch();
    const fill = await openOn(offeringId, 'fill_initiative');
    expect(fill).toBeDefined();
    // A second cohort on the same window, still open: as a run before reach regions could have
    // written it (a rematch now supersedes it, so it is written after the last one).
    const second = `jp-${randomUUID()}`;
    await db.query(
      `INSERT INTO proposal (id, kind, county_code, offering_id, start_window_from, start_window_to,
              start_date, venue_municipality_code, participants_total, participants_women,
              participants_men, employers, score, competence_ids, theme, explanation)
       SELECT $1, kind, '17', offering_id, start_window_from, start_window_to, start_date,
              venue_municipality_code, participants_total, participants_women, participants_men,
              employers, score, competence_ids, theme, explanation FROM proposal WHERE id = $2`,
      [second, first],
    );
    await db.query(
      `INSERT INTO proposal_need (proposal_id, need_id, employer_id, employer_name,
              municipality_code, participants_total, participants_women, participants_men, fit)
       SELECT $1, n.id, n.employer_id, 'Sent Kontor AB', n.municipality_code,
              n.participants_total, n.participants_women, n.participants_men, 1
         FROM need n WHERE n.id = $2`,
      [second, await need(2)],
    );

    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'sv-SE',
    });
    const page = await context.newPage();
    await page.goto(`${base}/maklare`);
    await submitLogin(page, BROKER);
    await page.waitForURL(/\/maklare$/);

    await page.getByLabel('Typ av förslag').selectOption({ label: 'Plats i planerad insats' });
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/typ=plats/);
    await expectAccessibleAtBothWidths(page);
    await page.locator(`a[href="/maklare/forslag/${fill}"]`).click();
    await page.waitForURL(new RegExp(`/maklare/forslag/${fill}$`));
    expect(await page.locator('body').textContent()).toContain('5 av 8 tagna, 3 lediga');
    await expectAccessibleAtBothWidths(page);
    await page.getByRole('button', { name: 'Godkänn förslaget' }).click();
    await page.waitForURL(/\/maklare\/insatser\/[0-9a-f-]+\?klart=godkant$/);

    // The second cohort on the full window: the Swedish page, no stack trace, no codes.
    await page.goto(`${base}/maklare/forslag/${second}`);
    await page.getByRole('button', { name: 'Godkänn förslaget' }).click();
    await page.waitForURL(new RegExp(`/maklare/forslag/${second}/godkann$`));
    expect(await page.locator('h1').textContent()).toBe('Kursen är fullbokad');
    expect(await page.locator('main').textContent()).not.toMatch(/start-window-full|409/);
    await expectAccessibleAtBothWidths(page);
    await context.close();
    // Four axe passes and three runs: on a shared, busy machine this takes well over a minute.
  }, 300_000);
});
