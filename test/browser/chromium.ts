import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Browser, chromium, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@km/auth';

/** Debian's Chromium (machine notes); never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium with the flags that keep it offline and quiet. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** No WCAG 2.1 A/AA violation that axe can find on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
}

/** The README's screenshots (docs/screenshots). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/** Serves the app under test on a free 127.0.0.1 port and starts Chromium to drive it. */
export async function serveToChromium(
  app: INestApplication,
): Promise<{ base: string; browser: Browser }> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, browser: await launchChromium() };
}

/** Fills in and sends the staff login form the page shows (demo accounts by default). */
export async function submitLogin(
  page: Page,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
  await page.getByLabel('E-post', { exact: true }).fill(email);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

/**
 * No axe violation at desktop width nor at a phone's 390 px (where `atPhoneWidth` may check more);
 * the page is left at desktop width.
 */
export async function expectAccessibleAtBothWidths(
  page: Page,
  atPhoneWidth?: () => Promise<void>,
): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
  await atPhoneWidth?.();
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The top of the page at 1280 × 1100 as docs/screenshots/`name`. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });
}
