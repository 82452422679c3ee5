/**
 * Browser-test helpers: Debian Chromium through playwright-core (no bundled browser download), the client
 * built once per test file, and screenshots saved to test-output/screenshots/. A missing Chromium is an error,
 * never a skip: the browser tests are part of the suite.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_CLIENT = `${ROOT}dist/client`;
export const SCREENSHOT_DIR = `${ROOT}test-output/screenshots`;

/** Launches headless Debian Chromium; throws (loudly) when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) to run the browser tests.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

let built: Promise<void> | null = null;

/** Runs `vite build` for the client once per process (the server under test serves dist/client). */
export function buildClient(): Promise<void> {
  built ??= (async () => {
    const { build } = await import('vite');
    await build({ configFile: `${ROOT}client/vite.config.ts`, logLevel: 'error' });
  })();
  return built;
}

export const PROJECTOR = { width: 1920, height: 1080 };
export const PHONE = { width: 390, height: 844 };

/** A fresh, isolated context (own storage) at a viewport; phones get touch and a mobile user agent. */
export async function newContext(browser: Browser, viewport: { width: number; height: number }, baseURL: string): Promise<BrowserContext> {
  const phone = viewport.width < 600;
  return browser.newContext({
    baseURL,
    viewport,
    deviceScaleFactor: phone ? 2 : 1,
    hasTouch: phone,
    isMobile: phone,
    acceptDownloads: true,
  });
}

/** Saves a full-viewport screenshot as test-output/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}/${name}.png`;
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Collects uncaught page errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/** Screenshots the page at both sizes (projector and phone), restoring its viewport afterwards. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  const original = page.viewportSize() ?? PROJECTOR;
  for (const [suffix, size] of [['projector', PROJECTOR], ['phone', PHONE]] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    await screenshot(page, `${name}-${suffix}`);
  }
  await page.setViewportSize(original);
}
