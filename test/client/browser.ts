/**
 * Browser-test helpers: Debian Chromium through playwright-core (no bundled browser download), the production
 * build and screenshots saved to test-output/screenshots/. A missing Chromium is an error, never a skip.
 *
 * One build and one Chromium per run: the browser project's global setup (global-setup.ts) starts building dist/
 * with the script `npm start` uses and starts Chromium; `productionBuild()` waits for that build and
 * `launchBrowser()` connects to that Chromium. A
 * file run without that setup (outside the browser project) builds and starts its own, slowly but correctly.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildProduction, CHROMIUM_PATH, launchChromium, ROOT } from './chromium';

export { CHROMIUM_PATH };
export const SCREENSHOT_DIR = `${ROOT}test-output/screenshots`;

/** How long any wait in a browser test may take: generous, for a loaded 2-core CI machine. */
export const WAIT_MS = 20_000;
/** Page loads and navigations: the first load parses Phaser and KaTeX. */
export const NAVIGATION_MS = 60_000;

const sharedEndpoint = inject('chromiumWsEndpoint');

/**
 * The install whose build the tests run: this checkout (dist/ as `npm start` builds it), or ARENA_SERVER_DIR, a
 * production folder made by `scripts/production.sh make` (no dev dependencies), which CI tests as well.
 */
export const INSTALL_DIR: string = process.env.ARENA_SERVER_DIR ?? ROOT;
/** The built client that install serves. */
export const DIST_CLIENT: string = join(INSTALL_DIR, 'dist', 'client');

let built: Promise<void> | null = null;

/**
 * Resolves once INSTALL_DIR holds the production build. In the browser project the global setup started the build;
 * the script run here waits for its lock and finds everything current (a fraction of a second), or fails with
 * the build's output.
 */
export function productionBuild(): Promise<void> {
  if (process.env.ARENA_SERVER_DIR) return Promise.resolve();
  built ??= buildProduction();
  return built;
}

/**
 * A connection to the run's shared Chromium (or, without the global setup, a Chromium of this file's own). Each
 * call is a separate connection; `close()` closes it and the contexts it opened, never the shared browser.
 * Remote connections cannot read `download.path()`: use `download.saveAs(file)` or `createReadStream()`.
 */
export async function launchBrowser(): Promise<Browser> {
  if (sharedEndpoint !== undefined) return chromium.connect(sharedEndpoint, { timeout: NAVIGATION_MS });
  return launchChromium();
}

export const PROJECTOR = { width: 1920, height: 1080 };
export const PHONE = { width: 390, height: 844 };

/**
 * A fresh, isolated context (own storage) at a viewport; phones get touch and a mobile user agent; `extra`
 * adds or overrides options (e.g. `{ reducedMotion: 'reduce' }`). Waits without their own timeout get WAIT_MS,
 * navigations NAVIGATION_MS. Close it (or the Browser connection) when the file is done.
 */
export async function newContext(
  browser: Browser, viewport: { width: number; height: number }, baseURL: string, extra: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const phone = viewport.width < 600;
  const ctx = await browser.newContext({
    baseURL,
    viewport,
    deviceScaleFactor: phone ? 2 : 1,
    hasTouch: phone,
    isMobile: phone,
    acceptDownloads: true,
    ...extra,
  });
  ctx.setDefaultTimeout(WAIT_MS);
  ctx.setDefaultNavigationTimeout(NAVIGATION_MS);
  return track(ctx);
}

/**
 * Waits until `fn` (run in the page) returns true; on timeout the error says what was awaited.
 * Use it for state a locator cannot express (focus, input values); locators have `.waitFor()`.
 */
export async function waitForCondition<A extends string | number | boolean | null = null>(
  page: Page, what: string, fn: (arg: A) => boolean, arg?: A, timeout = WAIT_MS,
): Promise<void> {
  try {
    // Only plain values cross into the page, so the argument arrives as it was given.
    await page.waitForFunction(fn as (arg: unknown) => boolean, arg, { timeout });
  } catch (err) {
    throw new Error(`Timed out after ${timeout} ms waiting for ${what}.`, { cause: err });
  }
}

/** Waits for layout and paint to settle after a change of size: fonts loaded and two animation frames drawn. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/**
 * Whether the screens tests pass through are saved as they go (`ARENA_SCREENSHOTS=all`): for looking at what was
 * built. A PNG costs the browser a frame and an encode (a 4K one eight megapixels), which a whole run's hundred and
 * fifty added up to a sixth of its Chromium time, so by default only a failing test's pages are saved
 * (failure-shots.ts), as failed-<file>-<test>-<n>.png.
 */
export const SAVE_SCREENSHOTS = process.env.ARENA_SCREENSHOTS === 'all';

/**
 * With ARENA_SCREENSHOTS=all, saves a full-viewport screenshot as test-output/screenshots/<name>.png (`scale: 'css'`:
 * one pixel per CSS pixel, what a projector shows, instead of one per device pixel); otherwise does nothing (see
 * SAVE_SCREENSHOTS).
 */
export async function screenshot(page: Page, name: string, scale: 'css' | 'device' = 'device'): Promise<void> {
  if (SAVE_SCREENSHOTS) await saveScreenshot(page, name, scale);
}

/** Saves a screenshot whatever SAVE_SCREENSHOTS says: a failing screen's. */
export async function saveScreenshot(page: Page, name: string, scale: 'css' | 'device' = 'device'): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}/${name}.png`;
  await page.screenshot({ path, fullPage: false, scale });
  return path;
}

/** The pages a failing test's screenshots are taken of: every page of every context still open (see track). */
const openContexts = new Set<BrowserContext>();

/** Counts a context's pages among those saved when a test fails (newContext does this itself). */
export function track(ctx: BrowserContext): BrowserContext {
  openContexts.add(ctx);
  ctx.once('close', () => openContexts.delete(ctx));
  return ctx;
}

/** The pages open now, for failure-shots.ts. */
export function openPages(): Page[] {
  return [...openContexts].flatMap((c) => c.pages()).filter((p) => !p.isClosed());
}

/** Collects uncaught page errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/**
 * With ARENA_SCREENSHOTS=all, screenshots the page at both sizes, restoring its viewport afterwards:
 * <name>-projector.png at 1920×1080 CSS pixels (a phone context's double density would make it 3840×2160 and slow),
 * <name>-phone.png at 390×844 with the context's density.
 */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  // Two resizes and their layouts for a picture nobody asked for: skipped like the screenshots themselves.
  if (!SAVE_SCREENSHOTS) return;
  const original = page.viewportSize() ?? PROJECTOR;
  for (const [suffix, size, scale] of [['projector', PROJECTOR, 'css'], ['phone', PHONE, 'device']] as const) {
    await page.setViewportSize(size);
    await settle(page);
    await screenshot(page, `${name}-${suffix}`, scale);
  }
  await page.setViewportSize(original);
  await settle(page);
}
