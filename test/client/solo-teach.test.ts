/**
 * Solo that teaches, in Chromium: the clock stands still while the feedback is read (fake page time jumps past
 * the whole run), "End" says "Ended", the end screen lists the mistake with the step that was missed, and the
 * next session opens with it from the review queue even when other topics are chosen.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { solveTask, type Family, type Question } from '../../shared/questions/index';
import { productionBuild, launchBrowser, newContext, PHONE, screenshot, watchErrors } from './browser';
import { startArena, type RunningArena } from './arena-server';
import { REVIEW_KEY, parseQueue } from '../../client/src/screens/solo/review-queue';

let browser: Browser;
let arena: RunningArena;
let ctx: BrowserContext | undefined;

beforeAll(async () => {
  await productionBuild();
  browser = await launchBrowser();
  arena = await startArena();
}, 240_000);

afterAll(async () => {
  await ctx?.close().catch(() => undefined);
  await browser?.close();
  await arena?.close();
});

async function shown(page: Page): Promise<Question> {
  const el = page.locator('#question-prompt');
  await el.waitFor({ timeout: 30_000 });
  const family = (await el.getAttribute('data-family')) as Family;
  return solveTask(family, JSON.parse((await el.getAttribute('data-task')) ?? '{}') as never);
}

async function choose(page: Page, family: Family): Promise<void> {
  await page.locator('#solo-go').waitFor({ timeout: 30_000 });
  for (const box of await page.locator('input[name=family]').all()) await box.setChecked(false);
  await page.check(`input[name=family][value=${family}]`);
  await page.check('input[name=difficulty][value="1"]');
  await page.check('input[name=duration][value="60"]');
}

describe('solo that teaches', () => {
  it('pauses during feedback, lists the mistake, and brings it back next session', async () => {
    ctx = await newContext(browser, PHONE, arena.url);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.clock.install();
    await page.goto('/#/solo');
    await choose(page, 'chain');
    await page.click('#solo-go');

    // A chain question answered without the inner derivative: a named mistake.
    const q = await shown(page);
    const wrong = q.layers?.[0]?.evaluated ?? '0';
    await page.locator('.expr-input').last().fill(wrong);
    await page.click('#submit-answer');
    await page.locator('#solo-feedback').waitFor({ timeout: 15_000 });
    const timer = page.locator('#solo-timer');
    await page.waitForFunction(() => document.querySelector('#solo-timer')?.getAttribute('data-paused') === 'true', null, { timeout: 15_000 });
    const before = await timer.textContent();
    // Two minutes of page time pass while reading: longer than the whole run, yet nothing moves.
    await page.clock.fastForward('02:00');
    await page.clock.fastForward(1000);
    expect(await timer.textContent()).toBe(before);
    expect(await page.locator('#solo-end').count()).toBe(0);
    await screenshot(page, 'solo-feedback-paused-phone');

    await page.click('#next-question');
    await page.waitForFunction(() => document.querySelector('#solo-timer')?.getAttribute('data-paused') === 'false', null, { timeout: 15_000 });
    await page.locator('#question-prompt').waitFor({ timeout: 15_000 });
    await page.click('#solo-end-button');
    await page.locator('#solo-end').waitFor({ timeout: 15_000 });
    expect(await page.locator('#solo-end h1').textContent()).toBe('Ended');

    const item = page.locator('#solo-mistakes li[data-mistake]');
    expect(await item.count()).toBe(1);
    expect(await item.getAttribute('data-mistake')).toBe('forgot-inner-derivative');
    expect(await item.locator('.your-answer .answer-text').getAttribute('data-text')).toBe(wrong);
    expect(await item.locator('.right-answer .answer-text').getAttribute('data-text')).toBe(q.answer.expr);
    // The question once, typeset (its plain text kept in data-text), not again as a line of text.
    expect(await item.locator('.prompt').getAttribute('data-text')).toBe(q.prompt.text);
    expect(await item.locator('.prompt .katex').count()).toBeGreaterThan(0);
    expect(await item.textContent()).not.toContain(q.prompt.text);
    // The innermost layer's step, the one that holds the forgotten factor.
    const innermost = (q.layers?.length ?? 0) - 1;
    expect(innermost).toBeGreaterThan(0);
    expect(await item.locator('.missed-step').getAttribute('data-layer')).toBe(String(innermost));
    expect(await item.locator('.missed-step .steps li').count()).toBe(1);
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'solo-end-mistakes-phone');
    const stored = parseQueue(await page.evaluate((k) => localStorage.getItem(k), REVIEW_KEY));
    expect(stored.items.map((i) => i.key)).toEqual(['chain:forgot-inner-derivative']);
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#review-export')]);
    // The shared Chromium is reached over a connection, where download.path() is unavailable: save a copy.
    const saved = join(tmpdir(), `arena-review-${process.pid}.json`);
    await file.saveAs(saved);
    const exported = parseQueue(readFileSync(saved, 'utf8'));
    rmSync(saved, { force: true });
    expect(exported).toEqual(stored);

    // Next session, other topics chosen: the run still opens with the chain-rule review.
    await page.getByRole('button', { name: 'Change topics' }).click();
    await page.locator('#solo-review-note').waitFor({ timeout: 15_000 });
    await choose(page, 'implicit');
    await page.click('#solo-go');
    const r = await shown(page);
    expect(r.family).toBe('chain');
    expect(await page.locator('#solo-review').getAttribute('data-review')).toBe('chain:forgot-inner-derivative');
    expect(await page.locator('#solo-review').textContent()).toMatch(/forgot the inner derivative/);
    await screenshot(page, 'solo-review-phone');
    await page.locator('.expr-input').last().fill(r.answer.expr ?? '');
    await page.click('#submit-answer');
    await page.locator('#solo-feedback [data-verdict=right]').waitFor({ timeout: 15_000 });
    const after = parseQueue(await page.evaluate((k) => localStorage.getItem(k), REVIEW_KEY));
    expect(after.items[0]).toMatchObject({ key: 'chain:forgot-inner-derivative', box: 1, due: after.session + 2 });
    // After the review, the chosen topic.
    await page.click('#next-question');
    expect((await shown(page)).family).toBe('implicit');
    expect(errors).toEqual([]);
  }, 180_000);

  it('asks for an interview-style explanation after a hard activation question', async () => {
    const c = await newContext(browser, PHONE, arena.url);
    try {
      const page = await c.newPage();
      const errors = watchErrors(page);
      await page.goto('/#/solo');
      await choose(page, 'activation');
      await page.check('input[name=difficulty][value="5"]');
      await page.click('#solo-go');
      await shown(page);
      await page.locator('.expr-input').last().fill('0');
      await page.click('#submit-answer');
      await page.locator('#solo-feedback #explain-prompt').waitFor({ timeout: 15_000 });
      expect(await page.locator('#explain-prompt').textContent()).toMatch(/Explain /);
      await page.locator('#explain-prompt').scrollIntoViewIfNeeded();
      await screenshot(page, 'solo-drill-explain-phone');
      expect(errors).toEqual([]);
    } finally {
      await c.close();
    }
  }, 120_000);
});

