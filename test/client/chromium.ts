/**
 * What the browser tests share, without vitest imports so that the global setup (main process) and the helpers
 * (test workers) use the same code: Debian Chromium's path and flags, and the client build into a folder.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) to run the browser tests.`);
  }
}

/** One Chromium for the whole run; test files attach with `chromium.connect(server.wsEndpoint())`. */
export async function launchChromiumServer(): Promise<BrowserServer> {
  requireChromium();
  return chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A Chromium owned by the caller: only when a file runs without the global setup (see browser.ts). */
export async function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * `vite build` of the client into `outDir` (a temp folder, never the repository's dist/): the app's own config,
 * plus client/dev/views.html, the question-views demo page the views tests drive, at `<outDir>/dev/views.html`.
 */
export async function buildClientInto(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: `${ROOT}client/vite.config.ts`,
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: { main: `${ROOT}client/index.html`, views: `${ROOT}client/dev/views.html` } },
    },
  });
  if (!existsSync(`${outDir}/index.html`) || !existsSync(`${outDir}/dev/views.html`)) {
    throw new Error(`The client build in ${outDir} lacks index.html or dev/views.html.`);
  }
}
