/**
 * Shared by the views browser tests: the question-views gallery (client/dev/views.html, built into
 * dist/client/dev/ by the production build) as the production server serves it; the run's shared Chromium
 * (browser.ts); and helpers that open one view, or one page that switches between views, and wait until it has
 * drawn with its fonts loaded.
 */
import type { Browser, Page } from 'playwright-core';
import { NAVIGATION_MS, saveScreenshot, settle, track, WAIT_MS } from './browser';
import { startArena } from './arena-server';

export { launchBrowser } from './browser';

export interface Demo {
  /** Origin of the production server; the gallery is `${base}/dev/views.html`. */
  base: string;
  server: { close(): Promise<void> };
}

/** Starts the production server (arena-server.ts), which serves the gallery; `demo.server.close()` stops it. */
export async function startDemo(): Promise<Demo> {
  const arena = await startArena();
  return { base: arena.url, server: arena };
}

export interface OpenOptions {
  q: string;
  state?: 'fresh' | 'mid' | 'revealed';
  mode?: 'projector' | 'phone';
  reduced?: boolean;
  width?: number;
  height?: number;
  dpr?: number;
}

/** Opens one demo view in a fresh page of the given size and waits for its first complete drawing. */
export async function openView(browser: Browser, demo: Demo, o: OpenOptions): Promise<Page> {
  const phone = o.mode === 'phone';
  const page = await browser.newPage({
    viewport: { width: o.width ?? (phone ? 390 : 1920), height: o.height ?? (phone ? 844 : 1080) },
    deviceScaleFactor: o.dpr ?? 1,
  });
  track(page.context());
  page.setDefaultTimeout(WAIT_MS);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const qs = new URLSearchParams({ q: o.q, state: o.state ?? 'fresh', mode: o.mode ?? 'projector', reduced: o.reduced === false ? '0' : '1' });
  await page.goto(`${demo.base}/dev/views.html?${qs}`, { waitUntil: 'commit', timeout: NAVIGATION_MS });
  try {
    await page.waitForSelector('.cra-view[data-ready="true"][data-view]', { timeout: NAVIGATION_MS });
  } catch (e) {
    throw new Error(`View ${o.q} did not draw: ${errors.join('; ') || String(e)}`, { cause: e });
  }
  await settle(page);
  if (errors.length > 0) throw new Error(`Page errors in ${o.q}: ${errors.join('; ')}`);
  return page;
}

/** Opens the demo page once with no view mounted; `mountIn` then switches views without reloading. */
export async function openDemoPage(browser: Browser, demo: Demo, dpr = 1): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: dpr });
  track(page.context());
  page.setDefaultTimeout(WAIT_MS);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The first load parses Phaser and KaTeX: slow on a busy 2-core machine, so wait long.
  await page.goto(`${demo.base}/dev/views.html?q=none`, { waitUntil: 'commit', timeout: NAVIGATION_MS });
  try {
    await page.waitForFunction(() => typeof window.__demoMount === 'function', undefined, { timeout: NAVIGATION_MS });
  } catch (e) {
    throw new Error(`The demo page did not load: ${errors.join('; ') || String(e)}`, { cause: e });
  }
  return page;
}

/** Mounts one fixture in an open demo page at the mode's screen size and waits for its complete drawing. */
export async function mountIn(page: Page, o: OpenOptions): Promise<void> {
  const phone = o.mode === 'phone';
  await page.setViewportSize({ width: o.width ?? (phone ? 390 : 1920), height: o.height ?? (phone ? 844 : 1080) });
  const ok = await page.evaluate(
    ([q, state, mode, reduced]) => window.__demoMount?.(q, state, mode, reduced === 'true') ?? false,
    [o.q, o.state ?? 'fresh', o.mode ?? 'projector', String(o.reduced !== false)] as const,
  );
  if (!ok) throw new Error(`No demo fixture "${o.q}".`);
  await page.waitForSelector('.cra-view[data-ready="true"][data-view]', { timeout: WAIT_MS });
  await settle(page);
}

/**
 * Saves a screenshot as test-output/screenshots/views-<name>.png, ARENA_SCREENSHOTS or not: the gallery's pictures
 * are how a view that drew nothing is caught (an empty PNG is small), WebGL's canvas included.
 */
export function shoot(page: Page, name: string): Promise<string> {
  return saveScreenshot(page, `views-${name}`);
}
