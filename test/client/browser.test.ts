/**
 * End-to-end browser tests: the built client in Debian Chromium against the real game server. A host and three
 * players play a whole game; a player reloads mid-game; a solo run. Screenshots of every screen at 1920×1080
 * and 390×844 go to test-output/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { solveTask, type Family, type Question } from '../../shared/questions/index';
import { buildClient, launchBrowser, newContext, PHONE, PROJECTOR, screenshot, screenshotBoth, watchErrors } from './browser';
import { startArena, type RunningArena } from './arena-server';

let browser: Browser;
let arena: RunningArena;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await buildClient();
  browser = await launchBrowser();
  arena = await startArena();
}, 240_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await arena?.close();
});

async function open(viewport: { width: number; height: number }, path = '/'): Promise<Page> {
  const ctx = await newContext(browser, viewport, arena.url);
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.goto(path);
  return page;
}

/** Reads the open question's public task from the page and solves it with the real solver (as a CAS would). */
async function solveShown(page: Page): Promise<Question> {
  const el = page.locator('#question-prompt');
  const family = (await el.getAttribute('data-family')) as Family;
  const task = JSON.parse((await el.getAttribute('data-task')) ?? '{}') as never;
  return solveTask(family, task);
}

describe('home screen', () => {
  it('fills the game code when opened from a join link', async () => {
    const page = await open(PHONE, '/?code=abcd23');
    await expect.poll(() => page.locator('#room-code').inputValue()).toBe('ABCD23');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('nickname');
    await screenshotBoth(page, 'home');
  }, 120_000);

  it('shows a refusal when the code does not exist', async () => {
    const page = await open(PHONE, '/?code=ZZZZ22');
    await page.fill('#nickname', 'Ada');
    await page.click('#join-button');
    await expect.poll(() => page.locator('#join-error').textContent(), { timeout: 15_000 }).toMatch(/No game with that code/);
  }, 120_000);
});

describe('solo practice', () => {
  it('checks a right and a wrong answer and explains the wrong one', async () => {
    const page = await open(PHONE, '/#/solo');
    const errors = watchErrors(page);
    await page.locator('#solo-go').waitFor();
    for (const box of await page.locator('input[name=family]').all()) await box.setChecked(false);
    await page.check('input[name=family][value=chain]');
    await page.check('input[name=difficulty][value="1"]');
    await screenshotBoth(page, 'solo-setup');
    await page.click('#solo-go');
    await page.locator('#question-prompt').waitFor();
    const q1 = await solveShown(page);
    await page.locator('.expr-input').last().fill(q1.answer.expr ?? '');
    await screenshotBoth(page, 'solo-question');
    await page.keyboard.press('Enter');
    await expect(page.locator('#solo-feedback [data-verdict]').getAttribute('data-verdict')).resolves.toBe('right');
    await page.click('#next-question');
    await page.locator('#question-prompt').waitFor();
    await page.locator('.expr-input').last().fill('0');
    await page.click('#submit-answer');
    await expect(page.locator('#solo-feedback [data-verdict]').getAttribute('data-verdict')).resolves.toBe('wrong');
    expect(await page.locator('#solo-feedback .steps li').count()).toBeGreaterThan(0);
    await screenshotBoth(page, 'solo-feedback');
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows a parse error while the player types something unreadable', async () => {
    const page = await open(PROJECTOR, '/#/solo');
    await page.click('#solo-go');
    const input = page.locator('.expr-input').last();
    await input.waitFor();
    await input.fill('sin(x');
    await page.locator('[data-parse-error]').waitFor();
    await screenshot(page, 'solo-parse-error-projector');
    expect(await page.locator('[data-parse-error]').textContent()).toMatch(/⚠/);
  }, 120_000);

  it('plays with the keyboard alone and shows the derivation at once when motion is reduced', async () => {
    const ctx = await browser.newContext({ baseURL: arena.url, viewport: PROJECTOR, reducedMotion: 'reduce' });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto('/#/solo');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('solo-go');
    await page.keyboard.press('Enter');
    await page.locator('#question-prompt').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await page.locator('#solo-feedback').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('next-question');
    expect(await page.locator('#solo-feedback .steps li.anim-in').count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#solo-feedback').count()).toBe(0);
  }, 120_000);
});

describe('classroom game', () => {
  it('runs a whole game with a host and three players, a reload included', async () => {
    const host = await open(PROJECTOR);
    const hostErrors = watchErrors(host);
    await host.click('#create-classroom');
    // Settings are chosen on the setup page, before the lobby the class sees.
    await host.locator('#host-setup').waitFor({ timeout: 15_000 });
    await host.fill('#set-count', '2');
    // A slow CI box (screenshots at two sizes per step) must not hit the deadline by accident.
    await host.fill('#set-seconds', '400');
    await host.click('#open-lobby');
    const code = (await host.locator('#room-code-display').textContent({ timeout: 15_000 }))?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    const names = ['Ada', 'Émile', 'Zoë & Co'];
    const players: Page[] = [];
    for (const name of names) {
      // The QR code's /join/CODE link for the first player, the ?code= form for the others.
      const p = await open(PHONE, players.length === 0 ? `/join/${code}` : `/?code=${code}`);
      await p.fill('#nickname', name);
      await p.click('#join-button');
      await p.locator('#player-lobby, #join-error:not(:empty)').first().waitFor({ timeout: 15_000 });
      const refusal = p.locator('#join-error');
      if ((await refusal.count()) > 0) throw new Error(`join refused: ${await refusal.textContent()}`);
      players.push(p);
    }
    await expect.poll(() => host.locator('#lobby-players li[data-player]').count()).toBe(3);
    expect(await host.locator('#lobby-players').textContent()).toContain('Zoë & Co');
    await screenshotBoth(host, 'host-lobby');
    await screenshotBoth(players[0]!, 'player-lobby');

    await host.click('#start-game');
    await host.locator('#host-question').waitFor({ timeout: 15_000 });
    await answerRound(players, 'q1', async () => {
      await expect.poll(() => host.locator('#answered-count .num').textContent()).toBe('2/3');
      await screenshotBoth(host, 'host-question');
    });
    await host.locator('#host-reveal').waitFor({ timeout: 20_000 });
    await host.locator('#class-stats').waitFor();
    expect(await host.locator('#class-stats .stats-head').textContent()).toMatch(/of 3 got it right/);
    await screenshotBoth(host, 'host-reveal');
    await players[0]!.locator('#reveal-verdict').waitFor();
    expect(await players[0]!.locator('#reveal-verdict [data-verdict]').getAttribute('data-verdict')).toBe('right');
    expect(await players[2]!.locator('#reveal-verdict [data-verdict]').getAttribute('data-verdict')).toBe('wrong');
    await screenshotBoth(players[0]!, 'player-reveal-right');
    await screenshotBoth(players[2]!, 'player-reveal-wrong');

    await host.click('#next-button');
    await host.locator('#host-leaderboard').waitFor({ timeout: 15_000 });
    await screenshotBoth(host, 'host-leaderboard');
    await players[0]!.locator('#player-leaderboard').waitFor();
    await screenshotBoth(players[0]!, 'player-leaderboard');
    const scoreBefore = await players[0]!.locator('#my-score').textContent();

    await host.click('#next-button');
    await players[0]!.locator('#player-question').waitFor({ timeout: 15_000 });
    await players[0]!.reload();
    await players[0]!.locator('#player-question').waitFor({ timeout: 20_000 });
    expect(await players[0]!.locator('#my-score').textContent()).toBe(scoreBefore);
    await answerRound(players, 'q2');
    await host.locator('#host-reveal').waitFor({ timeout: 20_000 });
    for (let i = 0; i < 4 && !(await host.locator('#host-finished').isVisible()); i++) {
      await host.click('#next-button');
      await host.locator('#host-finished, #host-leaderboard').first().waitFor({ timeout: 15_000 });
    }
    await host.locator('#host-finished').waitFor({ timeout: 15_000 });
    await screenshotBoth(host, 'host-podium');
    await players[1]!.locator('#player-finished').waitFor({ timeout: 15_000 });
    await screenshotBoth(players[1]!, 'player-finished');

    const [download] = await Promise.all([host.waitForEvent('download'), host.click('#download-report')]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    for (const name of ['Ada', 'Émile']) expect(csv).toContain(name);
    expect(csv.trim().split('\n').length).toBeGreaterThan(3);
    expect(hostErrors).toEqual([]);
  }, 240_000);
});

/**
 * Player 0 answers every layer and the product right; player 1 gets the layers right and the product wrong;
 * player 2 answers wrong. Each sees its verdict before the reveal.
 */
async function answerRound(players: Page[], tag: string, afterSecond?: () => Promise<void>): Promise<void> {
  for (const [i, p] of players.entries()) {
    await p.locator('#question-prompt').waitFor({ timeout: 20_000 });
    const q = await solveShown(p);
    const layerInputs = p.locator('.layer-row[data-layer] input');
    const n = await layerInputs.count();
    for (let k = 0; k < n; k++) {
      const right = q.layers?.[k]?.evaluated ?? '1';
      await layerInputs.nth(k).fill(i === 2 ? '0' : right);
    }
    await p.locator('.layer-row.final input').fill(i === 0 ? (q.answer.expr ?? '') : i === 1 ? `2*(${q.answer.expr ?? '1'})` : '0');
    if (i === 0 && tag === 'q1') await screenshotBoth(p, 'player-question');
    await p.click('#submit-answer');
    await p.locator('#answer-verdict, #reveal-verdict, #answer-error:not(:empty)').first().waitFor({ timeout: 15_000 })
      .catch(async (err: unknown) => {
        throw new Error(`no verdict for player ${i}: ${(await p.locator('#app').innerText()).slice(0, 600)}`, { cause: err });
      });
    const refusal = p.locator('#answer-error:not(:empty)');
    if ((await refusal.count()) > 0) throw new Error(`answer refused (player ${i}): ${await refusal.textContent()}`);
    if (i === 1 && tag === 'q1') await screenshotBoth(p, 'player-answered');
    if (i === 1) await afterSecond?.();
  }
}
