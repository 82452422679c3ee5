/**
 * End-to-end browser tests: the built client in the run's shared Chromium against the real game server. A host
 * and three players play a whole game, step by step; a player reloads mid-game; a solo run. Screenshots of every
 * screen at 1920×1080 and 390×844 go to test-output/screenshots/.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { solveTask, type Family, type Question } from '../../shared/questions/index';
import { newContext, PHONE, PROJECTOR, screenshot, screenshotBoth, WAIT_MS, waitForCondition, watchErrors } from './browser';
import { useArena } from './use-arena';

/** The run's Chromium and the built server; a test's contexts close when it ends (use-arena.ts). */
const env = useArena();

/** A new isolated page at `path`; `keep` leaves it open after the test (the classroom game's steps share pages). */
async function open(viewport: { width: number; height: number }, path = '/', extra = {}, keep = false): Promise<Page> {
  // A kept context is closed with the file's connection to Chromium (use-arena.ts's afterAll).
  const ctx = await newContext(env.browser, viewport, env.arena.url, extra);
  if (!keep) env.contexts.push(ctx);
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
    await waitForCondition(page, 'the code field to read ABCD23',
      (code) => (document.querySelector<HTMLInputElement>('#room-code')?.value ?? '') === code, 'ABCD23');
    await waitForCondition(page, 'focus on the nickname field', () => document.activeElement?.id === 'nickname');
    expect(await page.locator('#room-code').inputValue()).toBe('ABCD23');
    await screenshotBoth(page, 'home');
  }, 60_000);

  it('shows a refusal when the code does not exist', async () => {
    const page = await open(PHONE, '/?code=ZZZZ22');
    await page.fill('#nickname', 'Ada');
    await page.click('#join-button');
    await page.locator('#join-error').filter({ hasText: /No game with that code/ }).waitFor({ timeout: WAIT_MS });
  }, 60_000);
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
  }, 90_000);

  it('shows a parse error while the player types something unreadable', async () => {
    const page = await open(PROJECTOR, '/#/solo');
    await page.click('#solo-go');
    const input = page.locator('.expr-input').last();
    await input.waitFor();
    await input.fill('sin(x');
    await page.locator('[data-parse-error]').waitFor();
    await screenshot(page, 'solo-parse-error-projector');
    expect(await page.locator('[data-parse-error]').textContent()).toMatch(/⚠/);
  }, 60_000);

  it('plays with the keyboard alone and shows the derivation at once when motion is reduced', async () => {
    const page = await open(PROJECTOR, '/#/solo', { reducedMotion: 'reduce' });
    await waitForCondition(page, 'focus on the start button (#solo-go)', () => document.activeElement?.id === 'solo-go');
    await page.keyboard.press('Enter');
    await page.locator('#question-prompt').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await page.locator('#solo-feedback').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('next-question');
    expect(await page.locator('#solo-feedback .steps li.anim-in').count()).toBe(0);
    await page.keyboard.press('Enter');
    await page.locator('#solo-feedback').waitFor({ state: 'detached' });
  }, 60_000);
});

/**
 * The classroom game as named steps that share one game: each step says what it checks, and once a step fails
 * the later ones fail at once naming it, instead of timing out on a screen that never came.
 */
describe('classroom game: a host and three players, a reload included', () => {
  let failedStep: string | null = null;
  const step = (name: string, fn: () => Promise<void> | void, timeout = 60_000): void => {
    it(name, async () => {
      if (failedStep !== null) throw new Error(`Not run: the earlier step "${failedStep}" failed.`);
      try {
        await fn();
      } catch (err) {
        failedStep = name;
        throw err;
      }
    }, timeout);
  };

  let host: Page;
  let hostErrors: string[];
  let code = '';
  const players: Page[] = [];
  let scoreBefore: string | null = null;

  step('the host sets two questions on the setup page and opens a lobby with a six-character code', async () => {
    host = await open(PROJECTOR, '/', {}, true);
    hostErrors = watchErrors(host);
    await host.click('#create-classroom');
    // Settings are chosen on the setup page, before the lobby the class sees.
    await host.locator('#host-setup').waitFor();
    await host.fill('#set-count', '2');
    // A slow CI box (screenshots at two sizes per step) must not hit the deadline by accident.
    await host.fill('#set-seconds', '400');
    await host.click('#open-lobby');
    code = (await host.locator('#room-code-display').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
  });

  step('three players join by the QR link and by ?code= and appear in the host lobby', async () => {
    for (const name of ['Ada', 'Émile', 'Zoë & Co']) {
      // The QR code's /join/CODE link for the first player, the ?code= form for the others.
      const p = await open(PHONE, players.length === 0 ? `/join/${code}` : `/?code=${code}`, {}, true);
      await p.fill('#nickname', name);
      await p.click('#join-button');
      await p.locator('#player-lobby, #join-error:not(:empty)').first().waitFor();
      const refusal = p.locator('#join-error');
      if ((await refusal.count()) > 0) throw new Error(`join refused for ${name}: ${await refusal.textContent()}`);
      players.push(p);
    }
    await host.locator('#lobby-players li[data-player]').nth(2).waitFor();
    expect(await host.locator('#lobby-players li[data-player]').count()).toBe(3);
    expect(await host.locator('#lobby-players').textContent()).toContain('Zoë & Co');
    await screenshotBoth(host, 'host-lobby');
    await screenshotBoth(players[0]!, 'player-lobby');
  });

  step('round 1: each player gets a verdict and the host counts the answers', async () => {
    await host.click('#start-game');
    await host.locator('#host-question').waitFor();
    await answerRound(players, 'q1', async () => {
      await host.locator('#answered-count .num').filter({ hasText: /^2\/3$/ }).waitFor();
      // A readable draft the third player has not sent yet shows on the projector as someone still typing.
      await players[2]!.locator('.layer-row.final input').fill('0');
      await host.locator('#answered-count .lbl').filter({ hasText: /1 typing/ }).waitFor({ timeout: 20_000 });
      await screenshotBoth(host, 'host-question');
    });
  }, 90_000);

  step('the reveal shows the class stats to the host and each player their own verdict', async () => {
    await host.locator('#host-reveal').waitFor();
    await host.locator('#class-stats').waitFor();
    expect(await host.locator('#class-stats .stats-head').textContent()).toMatch(/of 3 got it right/);
    await screenshotBoth(host, 'host-reveal');
    await players[0]!.locator('#reveal-verdict').waitFor();
    expect(await players[0]!.locator('#reveal-verdict [data-verdict]').getAttribute('data-verdict')).toBe('right');
    expect(await players[2]!.locator('#reveal-verdict [data-verdict]').getAttribute('data-verdict')).toBe('wrong');
    await screenshotBoth(players[0]!, 'player-reveal-right');
    await screenshotBoth(players[2]!, 'player-reveal-wrong');
  });

  step('the leaderboard follows on the host and on the phones', async () => {
    await host.click('#next-button');
    await host.locator('#host-leaderboard').waitFor();
    await screenshotBoth(host, 'host-leaderboard');
    await players[0]!.locator('#player-leaderboard').waitFor();
    await screenshotBoth(players[0]!, 'player-leaderboard');
    scoreBefore = await players[0]!.locator('#my-score').textContent();
  });

  step('a player who reloads mid-question gets the question back with the same score', async () => {
    await host.click('#next-button');
    await players[0]!.locator('#player-question').waitFor();
    await players[0]!.reload();
    await players[0]!.locator('#player-question').waitFor();
    expect(await players[0]!.locator('#my-score').textContent()).toBe(scoreBefore);
  });

  step('round 2: every player answers and the host reveals', async () => {
    await answerRound(players, 'q2');
    await host.locator('#host-reveal').waitFor();
  }, 90_000);

  step('the host reaches the podium and the players the end screen', async () => {
    for (let i = 0; i < 4 && !(await host.locator('#host-finished').isVisible()); i++) {
      await host.click('#next-button');
      await host.locator('#host-finished, #host-leaderboard').first().waitFor();
    }
    await host.locator('#host-finished').waitFor();
    await screenshotBoth(host, 'host-podium');
    await players[1]!.locator('#player-finished').waitFor();
    await screenshotBoth(players[1]!, 'player-finished');
  });

  step('the host downloads a CSV report naming the players', async () => {
    const [download] = await Promise.all([host.waitForEvent('download', { timeout: WAIT_MS }), host.click('#download-report')]);
    // The browser is shared over a connection, where download.path() is unavailable: save a copy instead.
    const file = join(tmpdir(), `arena-report-${process.pid}.csv`);
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    rmSync(file, { force: true });
    for (const name of ['Ada', 'Émile']) expect(csv).toContain(name);
    expect(csv.trim().split('\n').length).toBeGreaterThan(3);
  });

  step('the podium has a key for each action: S downloads the per-question summary, N leaves for a new game', async () => {
    const [download] = await Promise.all([host.waitForEvent('download', { timeout: WAIT_MS }), host.keyboard.press('s')]);
    expect(download.suggestedFilename()).toMatch(/^chain-rule-arena-[A-Z0-9]{6}-summary\.csv$/);
    const file = join(tmpdir(), `arena-summary-${process.pid}.csv`);
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    rmSync(file, { force: true });
    expect(csv.trim().split('\n').length).toBeGreaterThan(1);
    expect(await host.locator('#host-finished #new-game [aria-hidden]').textContent()).toBe('N');
    await host.keyboard.press('n');
    await host.locator('#create-classroom').waitFor();
  });

  step('the host page raised no errors during the game', () => {
    expect(hostErrors).toEqual([]);
  });
});

/**
 * Player 0 answers every layer and the product right; player 1 gets the layers right and the product wrong;
 * player 2 answers wrong. Each sees its verdict before the reveal.
 */
async function answerRound(players: Page[], tag: string, afterSecond?: () => Promise<void>): Promise<void> {
  for (const [i, p] of players.entries()) {
    await p.locator('#question-prompt').waitFor();
    const q = await solveShown(p);
    // Boxes run innermost first; data-layer is the wire index (0 = outermost), as in q.layers.
    const rows = p.locator('.layer-row[data-layer]');
    const n = await rows.count();
    for (let k = 0; k < n; k++) {
      const wire = Number(await rows.nth(k).getAttribute('data-layer'));
      const right = q.layers?.[wire]?.evaluated ?? '1';
      await rows.nth(k).locator('input').fill(i === 2 ? '0' : right);
    }
    await p.locator('.layer-row.final input').fill(i === 0 ? (q.answer.expr ?? '') : i === 1 ? `2*(${q.answer.expr ?? '1'})` : '0');
    if (i === 0 && tag === 'q1') await screenshotBoth(p, 'player-question');
    await p.click('#submit-answer');
    await p.locator('#answer-verdict, #reveal-verdict, #answer-error:not(:empty)').first().waitFor()
      .catch(async (err: unknown) => {
        throw new Error(`no verdict for player ${i}: ${(await p.locator('#app').innerText()).slice(0, 600)}`, { cause: err });
      });
    const refusal = p.locator('#answer-error:not(:empty)');
    if ((await refusal.count()) > 0) throw new Error(`answer refused (player ${i}): ${await refusal.textContent()}`);
    if (i === 1 && tag === 'q1') await screenshotBoth(p, 'player-answered');
    if (i === 1) await afterSecond?.();
  }
}
