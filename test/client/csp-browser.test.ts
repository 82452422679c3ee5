/**
 * The Content-Security-Policy (server/http/security.ts) against the real client in Chromium: the projector's
 * lobby (QR code) and question (Phaser diagram, KaTeX), the phone's join and question screens, and solo all
 * render with no CSP violation and no page error. (What the phone downloads is measured by bench/size.ts.)
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArena, type RunningArena } from './arena-server';
import { productionBuild, launchBrowser, newContext, PHONE, PROJECTOR, screenshot, watchErrors } from './browser';

let arena: RunningArena;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await productionBuild();
  arena = await startArena();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await arena?.close();
});

interface Watched {
  page: Page;
  violations(): Promise<string[]>;
  errors: string[];
}

async function open(viewport: { width: number; height: number }, path = '/'): Promise<Watched> {
  const ctx = await newContext(browser, viewport, arena.url);
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  const consoleCsp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text());
  });
  const errors = watchErrors(page);
  await page.goto(path);
  return {
    page,
    errors,
    violations: async () => [...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)), ...consoleCsp],
  };
}

describe('content security policy in Chromium', () => {
  it('lets the projector, the phone and solo render everything, KaTeX and Phaser included', async () => {
    const host = await open(PROJECTOR);
    await host.page.click('#create-classroom');
    // Settings come first on the setup page; the lobby with the code opens after it.
    await host.page.locator('#host-setup').waitFor({ timeout: 15_000 });
    await host.page.click('#open-lobby');
    const code = (await host.page.locator('#room-code-display').textContent({ timeout: 15_000 }))?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await host.page.locator('.qr svg').first().waitFor({ timeout: 15_000 });
    await screenshot(host.page, 'csp-host-lobby');

    const phone = await open(PHONE, `/join/${code}`);
    await phone.page.fill('#nickname', 'Ada');
    await phone.page.click('#join-button');
    await phone.page.locator('#player-lobby').waitFor({ timeout: 15_000 });

    await host.page.locator('#lobby-players li[data-player]').first().waitFor({ timeout: 15_000 });
    await host.page.click('#start-game');
    await host.page.locator('#host-question').waitFor({ timeout: 30_000 });
    await phone.page.locator('#question-prompt .katex').first().waitFor({ timeout: 30_000 });
    await phone.page.locator('.expr-input:not([disabled])').first().waitFor({ timeout: 30_000 });
    await host.page.locator('#host-question canvas').first().waitFor({ timeout: 30_000 });
    await host.page.locator('#host-question .katex').first().waitFor({ timeout: 30_000 });
    await phone.page.locator('#player-question canvas').first().waitFor({ timeout: 30_000 });
    await screenshot(host.page, 'csp-host-question');
    await screenshot(phone.page, 'csp-phone-question');

    const solo = await open(PHONE, '/#/solo');
    await solo.page.click('#solo-go');
    await solo.page.locator('#question-prompt .katex').first().waitFor({ timeout: 30_000 });
    await solo.page.locator('canvas').first().waitFor({ timeout: 30_000 });
    await screenshot(solo.page, 'csp-solo-question');

    for (const w of [host, phone, solo]) {
      expect(await w.violations()).toEqual([]);
      expect(w.errors).toEqual([]);
    }
  }, 240_000);
});
