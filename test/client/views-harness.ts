/**
 * Shared by the views browser tests: a Vite dev server for client/dev/views.html (an inline config, not the
 * app's), Debian's Chromium through playwright-core, and a helper that opens one demo view and waits until it
 * has drawn with its fonts loaded.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = path.resolve('test-output/screenshots');

export interface Demo {
  base: string;
  server: ViteDevServer;
}

export async function startDemo(): Promise<Demo> {
  const server = await createServer({
    configFile: false,
    root: path.resolve('client'),
    cacheDir: path.resolve('node_modules/.vite-views-test'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: { include: ['phaser', 'katex', 'mathjs'] },
  });
  await server.listen();
  const addr = server.httpServer?.address() as AddressInfo | null;
  if (!addr) throw new Error('The Vite dev server did not start listening.');
  return { base: `http://127.0.0.1:${addr.port}`, server };
}

/** Launches Debian's Chromium; throws (the suite fails, never skips) when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install it (apt-get install chromium).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const qs = new URLSearchParams({ q: o.q, state: o.state ?? 'fresh', mode: o.mode ?? 'projector', reduced: o.reduced === false ? '0' : '1' });
  await page.goto(`${demo.base}/dev/views.html?${qs}`, { waitUntil: 'commit', timeout: 180_000 });
  try {
    await page.waitForSelector('.cra-view[data-ready="true"][data-view]', { timeout: 60_000 });
  } catch (e) {
    throw new Error(`View ${o.q} did not draw: ${errors.join('; ') || String(e)}`, { cause: e });
  }
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  if (errors.length > 0) throw new Error(`Page errors in ${o.q}: ${errors.join('; ')}`);
  return page;
}

/** Opens the demo page once with no view mounted; `mountIn` then switches views without reloading. */
export async function openDemoPage(browser: Browser, demo: Demo, dpr = 1): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: dpr });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The first load compiles and parses Phaser, KaTeX and mathjs: slow on a busy 2-core machine, so wait long.
  await page.goto(`${demo.base}/dev/views.html?q=none`, { waitUntil: 'commit', timeout: 180_000 });
  try {
    await page.waitForFunction(() => typeof window.__demoMount === 'function', undefined, { timeout: 180_000 });
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
    ([q, state, mode, reduced]) => window.__demoMount?.(q, state, mode as 'phone' | 'projector', reduced === 'true') ?? false,
    [o.q, o.state ?? 'fresh', o.mode ?? 'projector', String(o.reduced !== false)] as const,
  );
  if (!ok) throw new Error(`No demo fixture "${o.q}".`);
  await page.waitForSelector('.cra-view[data-ready="true"][data-view]', { timeout: 30_000 });
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/** Saves a screenshot under test-output/screenshots/views-<name>.png. */
export async function shoot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `views-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
