/**
 * What the browser tests share, without vitest imports so that the global setup (main process) and the helpers
 * (test workers) use the same code: the Chromium found by `npm test`'s prerequisite check and its flags, and the
 * production build, made by the same script `npm start` uses.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';
import { findTool, installCommand } from '../../scripts/prerequisites.mjs';

/** Debian's /usr/bin/chromium unless CHROMIUM_PATH says otherwise (scripts/prerequisites.mjs). */
export const CHROMIUM_PATH = findTool('chromium');
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const BASE_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
/**
 * The run's shared Chromium has no WebGL, so the views draw with Phaser's Canvas renderer, as in a browser without
 * WebGL. Without a GPU, Chromium's WebGL is SwiftShader, a GPU emulated on the CPU: the walks spent half their time
 * in it (a projector walk 81 s with it, 53 s without, on the same loaded machine). The WebGL path that most players'
 * browsers take is drawn by views-browser.test.ts in a Chromium of its own (`launchChromium({ webgl: true })`).
 */
const CHROMIUM_ARGS = [...BASE_ARGS, '--disable-webgl'];

function chromiumPath(): string {
  if (CHROMIUM_PATH === null) throw new Error(`Chromium not found: install it (${installCommand(['chromium'])}) to run the browser tests.`);
  return CHROMIUM_PATH;
}

/** One Chromium for the whole run; test files attach with `chromium.connect(server.wsEndpoint())`. */
export async function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/**
 * A Chromium owned by the caller: when a file runs without the global setup (see browser.ts), or, with `webgl`,
 * one that draws the views with WebGL (SwiftShader here).
 */
export async function launchChromium(opts: { webgl?: boolean } = {}): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: opts.webgl ? BASE_ARGS : CHROMIUM_ARGS });
}

/**
 * `node scripts/build.mjs`, exactly what `npm start` runs before serving: dist/server (the esbuild bundle and its
 * worker) and dist/client (the app, precompressed, and the question-views gallery at dev/views.html), each only
 * when its sources changed. The script holds a lock, so test files and `npm start`s building at once wait for
 * each other instead of deleting each other's output. Rejects with the build's output when it fails.
 */
export function buildProduction(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${ROOT}scripts/build.mjs`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (d: Buffer): void => void (out = (out + d.toString()).slice(-8000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`node scripts/build.mjs failed (${code ?? signal}):\n${out}`));
    });
  });
}
