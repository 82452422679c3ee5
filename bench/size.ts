/**
 * `npm run bench -- size`: what a browser really downloads per screen, measured in Chromium against the production
 * server (`node dist/server/cli.js serve` over the built dist/client, brotli as it serves it). Every byte Chromium
 * receives over HTTP is counted (headers included, as the DevTools protocol reports it), from the moment a screen
 * is asked for until the network has been quiet for a while: not only the critical path, also what a screen
 * prefetches for the next one.
 *
 * Targets (issue 23): a phone's whole path from the join link to an idle first question is at most 300 KB, and
 * opening a question downloads no code (the lobby has fetched it while the player waited, so 30 phones on one access
 * point do not all fetch at the moment the clock starts). The phone's diagram loads only when it is opened; the
 * projector keeps its Phaser drawing. The join page alone is the floor every phone pays, printed as the baseline.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../test/client/chromium';
import { withBudget } from './harness';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const PHONE_BUDGET_BYTES = 300 * 1024;
const PHONE = { width: 390, height: 844 };
const PROJECTOR = { width: 1920, height: 1080 };
/** The network counts as idle after this long without a request in flight. */
const QUIET_MS = 1000;
const WAIT_MS = 60_000;

type Kind = 'code' | 'css' | 'font' | 'html' | 'other';

interface Fetched {
  url: string;
  bytes: number;
  kind: Kind;
}

function kindOf(url: string, mime: string): Kind {
  const path = new URL(url).pathname;
  if (/\.m?js$/.test(path) || mime.includes('javascript')) return 'code';
  if (path.endsWith('.css') || mime.includes('css')) return 'css';
  if (/\.(woff2?|ttf|otf)$/.test(path) || mime.startsWith('font/')) return 'font';
  if (mime.includes('html')) return 'html';
  return 'other';
}

/** Every HTTP response of one page with its bytes on the wire, from the DevTools protocol; `mark()` starts a new screen. */
class Recorder {
  private inflight = new Map<string, { url: string; mime: string }>();
  private done: Fetched[] = [];
  private lastActivity = Date.now();
  private socketBytes = 0;

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.startsWith('http')) this.inflight.set(e.requestId, { url: e.request.url, mime: '' });
      this.lastActivity = Date.now();
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = this.inflight.get(e.requestId);
      if (r) r.mime = e.response.mimeType;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = this.inflight.get(e.requestId);
      this.inflight.delete(e.requestId);
      this.lastActivity = Date.now();
      // Socket.IO's long-polling requests are game traffic, not the screen's assets: counted apart.
      if (r && r.url.includes('/socket.io/')) this.socketBytes += e.encodedDataLength;
      else if (r) this.done.push({ url: r.url, bytes: e.encodedDataLength, kind: kindOf(r.url, r.mime) });
    });
    cdp.on('Network.loadingFailed', (e) => {
      this.inflight.delete(e.requestId);
      this.lastActivity = Date.now();
    });
    cdp.on('Network.webSocketFrameReceived', (e) => {
      this.socketBytes += e.response.payloadData.length;
    });
  }

  static async attach(page: Page): Promise<Recorder> {
    const cdp = await page.context().newCDPSession(page);
    const r = new Recorder(cdp);
    // A fresh context starts with an empty cache; within it a file fetched once is cached, as on a real phone.
    await cdp.send('Network.enable');
    return r;
  }

  /** Resolves when no request has been in flight for QUIET_MS (fonts included: they load after layout). */
  async idle(page: Page): Promise<void> {
    const start = Date.now();
    for (;;) {
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      if (this.inflight.size === 0 && Date.now() - this.lastActivity >= QUIET_MS) return;
      if (Date.now() - start > WAIT_MS) throw new Error(`network never went idle: ${[...this.inflight.values()].map((r) => r.url).join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** What was downloaded since the last mark. */
  take(): { files: Fetched[]; socket: number } {
    const out = { files: this.done, socket: this.socketBytes };
    this.done = [];
    this.socketBytes = 0;
    return out;
  }
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

interface Row {
  label: string;
  files: Fetched[];
  socket: number;
}

function sum(files: readonly Fetched[], kind?: Kind): number {
  return files.filter((f) => kind === undefined || f.kind === kind).reduce((s, f) => s + f.bytes, 0);
}

function printRows(rows: readonly Row[]): void {
  console.log(`${'downloaded until idle (Chromium, brotli as served)'.padEnd(58)} ${'total'.padStart(9)} ${'code'.padStart(9)} ${'css'.padStart(8)} ${'fonts'.padStart(8)} ${'other'.padStart(8)} ${'files'.padStart(5)}  game traffic`);
  for (const r of rows) {
    const other = sum(r.files, 'html') + sum(r.files, 'other');
    console.log(`${r.label.padEnd(58)} ${kb(sum(r.files)).padStart(9)} ${kb(sum(r.files, 'code')).padStart(9)} ${kb(sum(r.files, 'css')).padStart(8)} ${kb(sum(r.files, 'font')).padStart(8)} ${kb(other).padStart(8)} ${String(r.files.length).padStart(5)}  ${kb(r.socket)}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** The production server as `npm start` runs it, on a free port with a throwaway data directory. */
async function startProduction(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-size-'));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/server/cli.js'), 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    env: { ...process.env, ARENA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('the server did not become ready');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function openPage(browser: Browser, viewport: { width: number; height: number }, baseURL: string): Promise<{ page: Page; rec: Recorder }> {
  const phone = viewport.width < 600;
  const ctx = await browser.newContext({ baseURL, viewport, deviceScaleFactor: phone ? 2 : 1, hasTouch: phone, isMobile: phone });
  ctx.setDefaultTimeout(WAIT_MS);
  const page = await ctx.newPage();
  return { page, rec: await Recorder.attach(page) };
}

async function measure(browser: Browser, url: string, families: readonly string[]): Promise<{ rows: Row[]; phonePath: number; joinPage: number; openCode: number; openAll: number }> {
  const rows: Row[] = [];
  const record = (label: string, rec: Recorder): Row => {
    const row = { label, ...rec.take() };
    rows.push(row);
    return row;
  };
  const host = await openPage(browser, PROJECTOR, url);
  await host.page.goto('/');
  await host.page.locator('#create-classroom').waitFor();
  await host.rec.idle(host.page);
  record('projector: home', host.rec);
  await host.page.click('#create-classroom');
  await host.page.locator('#host-setup').waitFor();
  await host.rec.idle(host.page);
  record('projector: + setup page', host.rec);
  for (const box of await host.page.locator('input[name=family]').all()) {
    await box.setChecked(families.includes((await box.getAttribute('value')) ?? ''));
  }
  await host.page.fill('#set-count', '2');
  await host.page.fill('#set-seconds', '400');
  await host.page.click('#open-lobby');
  const code = ((await host.page.locator('#room-code-display').textContent()) ?? '').trim();
  await host.rec.idle(host.page);
  record('projector: + lobby (QR code)', host.rec);

  const phone = await openPage(browser, PHONE, url);
  await phone.page.goto(`/?code=${code}`);
  await phone.page.locator('#nickname').waitFor();
  await phone.rec.idle(phone.page);
  const joinPage = record('phone: join link (page + join form)', phone.rec);
  await phone.page.fill('#nickname', 'Ada');
  await phone.page.click('#join-button');
  await phone.page.locator('#player-lobby').waitFor();
  await phone.rec.idle(phone.page);
  const lobby = record('phone: + lobby (prefetches the question screen)', phone.rec);

  await host.page.click('#start-game');
  await host.page.locator('#host-question').waitFor();
  await phone.page.locator('#player-question').waitFor();
  await Promise.all([host.rec.idle(host.page), phone.rec.idle(phone.page)]);
  const opening = record(`phone: + first question opens (${families.join(', ')})`, phone.rec);
  record('projector: + question (with its Phaser drawing)', host.rec);

  // The phone's diagram: loaded with the question before issue 23, on demand (when the student opens it) after.
  const diagram = phone.page.locator('#diagram');
  if ((await diagram.count()) > 0 && (await phone.page.locator('#diagram [data-ready="true"]').count()) === 0) {
    await phone.page.locator('#diagram summary').click();
    await phone.page.locator('#diagram [data-ready="true"]').waitFor({ state: 'attached' });
    await phone.rec.idle(phone.page);
    record('phone: + diagram opened (on demand)', phone.rec);
  }
  await host.page.context().close();
  await phone.page.context().close();
  const phonePath = sum(joinPage.files) + sum(lobby.files) + sum(opening.files);
  return { rows, phonePath, joinPage: sum(joinPage.files), openCode: sum(opening.files, 'code') + sum(opening.files, 'css'), openAll: sum(opening.files) };
}

async function soloRows(browser: Browser, url: string): Promise<Row[]> {
  const solo = await openPage(browser, PHONE, url);
  await solo.page.goto('/#/solo');
  await solo.page.locator('#solo-go').waitFor();
  await solo.rec.idle(solo.page);
  const rows: Row[] = [{ label: 'solo (phone): setup page', ...solo.rec.take() }];
  await solo.page.click('#solo-go');
  await solo.page.locator('#question-prompt').waitFor();
  await solo.rec.idle(solo.page);
  rows.push({ label: 'solo (phone): + first question', ...solo.rec.take() });
  await solo.page.context().close();
  return rows;
}

export async function run(): Promise<void> {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'server', 'client'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('build failed');
  const server = await startProduction();
  const browser = await launchChromium();
  try {
    await withBudget((async () => {
      const games: Array<readonly string[]> = [['chain'], ['multivariable'], ['backprop']];
      let worst = { path: 0, open: 0, code: 0, label: '' };
      let floor = 0;
      for (const families of games) {
        const m = await measure(browser, server.url, families);
        console.log(`\n— a classroom game of ${families.join(', ')} questions`);
        printRows(m.rows);
        if (m.phonePath > worst.path) worst = { ...worst, path: m.phonePath, label: families.join(', ') };
        floor = Math.max(floor, m.joinPage);
        worst.open = Math.max(worst.open, m.openAll);
        worst.code = Math.max(worst.code, m.openCode);
      }
      console.log('');
      printRows(await soloRows(browser, server.url));
      const verdict = worst.path <= PHONE_BUDGET_BYTES ? 'within' : 'OVER';
      console.log(`\nphone, join link → idle first question: ${kb(worst.path)} at most (${worst.label}), ${verdict} the ${kb(PHONE_BUDGET_BYTES)} budget`);
      console.log(`  baseline measured in this run: the join page alone, ${kb(floor)}, which every phone pays; the rest is the lobby's prefetch`);
      console.log(`phone, bytes a question opening downloads: ${kb(worst.open)} in all, of which code and CSS ${kb(worst.code)} (target 0)`);
    })(), 10 * 60_000, 'bench size');
  } finally {
    await browser.close();
    await server.stop();
  }
}
