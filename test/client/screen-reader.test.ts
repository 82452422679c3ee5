/**
 * What a screen-reader user hears and where their focus goes (docs/accessibility.md#announcements), in Chromium
 * against the production server: one question on a phone (box-by-box, the product only) and its reveal, and the
 * same reveal on the projector. The one polite live region (#announcer, client/src/app/announcer.ts) is
 * recorded by a MutationObserver installed before the page's own scripts run.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { solveTask } from '../../shared/questions/index';
import { newContext, PHONE, PROJECTOR, WAIT_MS } from './browser';
import { useArena } from './use-arena';
import { openLobbyWithTask } from './setup-page';

const env = useArena({ warm: true });
const { contexts } = env;

declare global {
  interface Window { __said?: string[] }
}

/** A page whose live-region sentences are kept in window.__said, in order, each once. */
async function listening(viewport: { width: number; height: number }, path: string): Promise<Page> {
  const ctx = await newContext(env.browser, viewport, env.arena.url);
  contexts.push(ctx);
  await ctx.addInitScript(() => {
    window.__said = [];
    new MutationObserver(() => {
      const text = document.getElementById('announcer')?.textContent ?? '';
      if (text !== '' && window.__said?.at(-1) !== text) window.__said?.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const page = await ctx.newPage();
  await page.goto(path);
  return page;
}

const said = (page: Page): Promise<string[]> => page.evaluate(() => window.__said ?? []);

/** Waits until a sentence matching `re` has been said on `page`; returns it. Polls (a page in the background
 * draws no animation frames, which waitForFunction's default polling needs). */
async function hears(page: Page, re: RegExp, timeout = WAIT_MS): Promise<string> {
  const until = Date.now() + timeout;
  for (;;) {
    const all = await said(page);
    const found = all.find((s) => re.test(s));
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`Timed out after ${timeout} ms waiting for the live region to say ${re}; it said: ${JSON.stringify(all)}`);
    await page.waitForTimeout(100);
  }
}

/** Waits until `fn` holds in the page, polling (see `hears`). */
async function until(page: Page, what: string, fn: () => boolean, timeout = WAIT_MS): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(fn))) {
    if (Date.now() > end) throw new Error(`Timed out after ${timeout} ms waiting for ${what}.`);
    await page.waitForTimeout(100);
  }
}

const TASK = { family: 'chain', task: { expr: 'sec(atan(x^2 + 2))', var: 'x' } } as const;

describe('screen reader: announcements and focus', () => {
  it('speaks the question, the time left, the verdict first and each reveal step once, and moves focus with them', async () => {
    const host = await listening(PROJECTOR, '/');
    // 33 s: the 30 s call comes a few seconds in (the 10 s call is unit-tested: test/client/announcer.test.ts).
    const code = await openLobbyWithTask(host, { seconds: 33, task: TASK, entry: 'layers' });
    const phone = await listening(PHONE, `/?code=${code}`);
    await phone.fill('#nickname', 'Ada');
    await phone.click('#join-button');
    await phone.locator('#player-lobby').waitFor();
    // A second student keeps the round open after Ada answers, until the host closes it.
    const ben = await listening(PHONE, `/?code=${code}`);
    await ben.fill('#nickname', 'Ben');
    await ben.click('#join-button');
    await ben.locator('#player-lobby').waitFor();
    await host.click('#start-game');

    // The phone: the question's number and prompt, focus in its first box.
    const q = solveTask('chain', TASK.task);
    await phone.locator('#question-prompt').waitFor();
    expect(await hears(phone, /^Question 1 of 1: /)).toBe(`Question 1 of 1: ${q.prompt.text}`);
    await until(phone, 'focus in the first answer box', () => {
      const first = document.querySelector('#answer-area input');
      return first !== null && document.activeElement === first;
    });
    expect(await hears(host, /^Question 1 of 1: /)).toContain('Question 1 of 1');
    expect(await hears(phone, /^30 seconds left\.$/, 15_000)).toBe('30 seconds left.');
    // The seconds on screen are not a live region: nothing else about time was said.
    expect((await said(phone)).filter((s) => /seconds left/.test(s))).toEqual(['30 seconds left.']);

    // Box by box, the product only: the verdict is said first, and the boxes read "product only", not "no answer".
    await phone.locator('.layer-row.final input').fill(q.answer.expr ?? '');
    await phone.click('#submit-answer');
    const verdict = phone.locator('#answer-verdict');
    await verdict.waitFor();
    expect(await hears(phone, /^Right\. /)).toMatch(/^Right\. Waiting for the others/);
    expect((await verdict.innerText()).trim()).toMatch(/^✓\s*Right/);
    expect(await phone.locator('#product-only').innerText()).toMatch(/Product only/);
    expect(await verdict.innerText()).not.toMatch(/no answer/i);

    // The reveal: the verdict with the points, focus on it.
    await host.click('#skip-button');
    await phone.locator('#reveal-verdict').waitFor();
    expect(await hears(phone, /^Right, \+\d+ points\.$/)).toMatch(/^Right, \+\d+ points\.$/);
    await until(phone, 'focus on the reveal verdict', () => document.activeElement?.id === 'reveal-verdict');

    // The projector's reveal: the answer and the class's result, then each worked step as it comes; focus stays
    // on the one way forward (→ / Enter), and the diagram's name follows the step.
    await host.locator('#host-reveal').waitFor();
    expect(await hears(host, /^The answer: /)).toMatch(/^The answer: .+\. 1 of 2 got it right\.$/);
    expect(await host.evaluate(() => document.activeElement?.id)).toBe('next-button');
    await host.keyboard.press('ArrowDown');
    expect(await hears(host, /^Step 1 of \d+: /)).toMatch(/^Step 1 of \d+: \S/);
    await host.keyboard.press('ArrowDown');
    await hears(host, /^Step 2 of \d+: /);
    expect(await host.evaluate(() => document.activeElement?.id)).toBe('next-button');
    const steps = (await said(host)).filter((s) => s.startsWith('Step '));
    expect(steps.map((s) => s.slice(0, 6))).toEqual(['Step 1', 'Step 2']);
    expect(await host.locator('#host-view .cra-view').getAttribute('aria-label')).toMatch(/is highlighted/);
  }, 180_000);
});
