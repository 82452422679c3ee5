/**
 * Party mode, in Chromium against the real server: three friends on 1440×900 laptops, one page each. The creator
 * sets up the interview drill, its families played as own questions (the largest question the generators make of
 * each, test/support/largest-questions.json, the same every run), and shares the room's URL; Ben and Cy join through it. On question 1 Ana answers
 * right, Ben wrong, Cy not at all; the creator skips the wait on the same page. Everyone sees the reveal (worked
 * solution, the group's results, the explain-it prompt); Ben's Ready shows on Ana's page and Ana moves on. On
 * question 2 Ana reloads and still commands from her page; at the board all three press Ready and the game moves
 * on by itself; after question 3 (a network) a podium shows on every page. No laptop page scrolls or cuts
 * anything off; a phone-sized page is screenshotted too.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { solveTask, type Family, type Question } from '../../shared/questions/index';
import { newContext, PHONE, screenshot, settle, watchErrors } from './browser';
import { measureScreen } from './projector-measure';
import { recordQuestion } from '../support/walk-questions';
import { useArena } from './use-arena';

const LAPTOP = { width: 1440, height: 900 };
const QUESTIONS = [
  recordQuestion('jacobian', 5, 'widest answer'),
  recordQuestion('nested', 5, 'widest answer'),
  recordQuestion('backprop', 5, 'widest drawing'),
];

const env = useArena({ warm: true });
const { contexts } = env;

async function laptop(): Promise<{ page: Page; errors: string[] }> {
  const ctx = await newContext(env.browser, LAPTOP, env.arena.url);
  contexts.push(ctx);
  const page = await ctx.newPage();
  return { page, errors: watchErrors(page) };
}

async function shown(page: Page, n: number): Promise<Question> {
  await page.locator('#party-question .pill', { hasText: `Question ${n} of 3` }).waitFor();
  const el = page.locator('#question-prompt');
  return solveTask((await el.getAttribute('data-family')) as Family, JSON.parse((await el.getAttribute('data-task')) ?? '{}') as never);
}

/** Types the question's answer (or a wrong one) into whichever form it has: grid cells or one box. */
async function answer(page: Page, q: Question, right: boolean): Promise<void> {
  const cells = page.locator('#answer-area .matrix-grid input');
  const a = q.answer;
  const rows: ReadonlyArray<string | number | ReadonlyArray<string | number>> = a.matrix ?? (Array.isArray(a.value) ? a.value : [a.value ?? a.expr ?? 0]);
  const flat = rows.flat();
  const wrongOf = (c: string | number): string => (typeof c === 'number' ? String(c + 7) : `(${c}) + 1`);
  if ((await cells.count()) > 0) {
    for (const [i, c] of flat.entries()) await cells.nth(i).fill(right ? String(c) : wrongOf(c));
  } else {
    await page.locator('#answer-area input').first().fill(right ? String(flat[0]) : wrongOf(flat[0] ?? 0));
  }
  await page.click('#submit-answer');
  await page.locator('#answer-verdict').waitFor();
}

async function fits(page: Page, what: string): Promise<void> {
  await settle(page);
  const m = await measureScreen(page, 0);
  expect(m.problems, `${what}: ${m.problems.join('; ')}`).toEqual([]);
}

async function phoneShot(page: Page, name: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await settle(page);
  await screenshot(page, name);
  await page.setViewportSize(LAPTOP);
  await settle(page);
}

describe('party mode: one page per player', () => {
  it('plays a drill party of three on laptops, creator included, with ready signals and a podium everywhere', async () => {
    const ana = await laptop();
    await ana.page.goto('/');
    await ana.page.click('#create-party');
    await ana.page.fill('#party-nickname', 'Ana');
    await ana.page.check('#party-drill');
    await ana.page.click('.party-form button[type=submit]');
    // The drill's families, as the teacher's own questions so every run plays the same: the largest of each the
    // generators make (test/support/largest-questions.json), a network last.
    await ana.page.locator('#settings-form details > summary').click();
    await ana.page.fill('#set-tasks', QUESTIONS.map((w) => JSON.stringify({ family: w.family, task: w.question.task, difficulty: w.difficulty })).join('\n'));
    await ana.page.click('#open-lobby');
    await ana.page.locator('#party-lobby').waitFor();
    const link = await ana.page.inputValue('#party-link');
    expect(link).toMatch(new RegExp(`^${env.arena.url}/join/[A-Z0-9]{6}$`));

    const ben = await laptop();
    const cy = await laptop();
    for (const [p, name] of [[ben.page, 'Ben'], [cy.page, 'Cy']] as const) {
      await p.goto(link);
      await p.fill('#nickname', name);
      await p.click('#join-button');
      await p.locator('#party-lobby').waitFor();
    }
    await ana.page.locator('#party-group li', { hasText: 'Cy' }).waitFor();
    await fits(ana.page, 'creator lobby');
    await screenshot(ana.page, 'party-lobby-creator-1440');
    await ana.page.click('#start-game');

    const pages = [ana.page, ben.page, cy.page];
    const q1 = await shown(ana.page, 1);
    for (const p of [ben.page, cy.page]) await shown(p, 1);
    // The diagram is the projector's drawing, on every laptop.
    await ana.page.locator('#party-view canvas').waitFor();
    await fits(ana.page, 'creator question');
    await screenshot(ana.page, 'party-question-creator-1440');
    await screenshot(ben.page, 'party-question-friend-1440');
    await phoneShot(cy.page, 'party-question-phone');
    await answer(ana.page, q1, true);
    // Friends see who has answered (never what).
    await ben.page.locator('#party-group li', { hasText: 'Ana' }).locator('[data-answered="true"]').waitFor();
    await answer(ben.page, q1, false);
    await ana.page.locator('#answered-count', { hasText: '2/3 answered' }).waitFor();
    await ana.page.click('#skip-button');

    for (const p of pages) {
      await p.locator('#party-reveal #step-formula .katex').first().waitFor();
      expect(await p.locator('#party-group li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-outcome')))).toEqual(['correct', 'wrong', 'no answer']);
      await p.locator('#explain-prompt', { hasText: /^Explain it/ }).waitFor();
    }
    expect(await ana.page.locator('#reveal-verdict [data-verdict]').getAttribute('data-verdict')).toBe('right');
    expect(await cy.page.locator('#reveal-verdict').textContent()).toContain('No answer');
    await ana.page.click('#step-next');
    await ana.page.locator('#step-formula').waitFor();
    await ben.page.keyboard.press('r');
    await ana.page.locator('#party-group li[data-ready="true"]', { hasText: 'Ben' }).waitFor();
    await ana.page.locator('#ready-status', { hasText: '1 of 3 ready' }).waitFor();
    await fits(ana.page, 'creator reveal');
    await fits(ben.page, 'friend reveal');
    await screenshot(ana.page, 'party-reveal-creator-1440');
    await screenshot(ben.page, 'party-reveal-friend-1440');
    await phoneShot(cy.page, 'party-reveal-phone');
    expect(await ben.page.locator('#next-button').count()).toBe(0);
    await ana.page.click('#next-button');

    // Question 2: the creator reloads the page and still commands the room from it (seat and host key resumed).
    for (const p of pages) await shown(p, 2);
    await ana.page.reload();
    await shown(ana.page, 2);
    await ana.page.click('#skip-button');
    for (const p of pages) await p.locator('#party-reveal #ready-button').waitFor();
    await ana.page.click('#next-button');
    // The board between questions: everyone ready moves the game on by itself.
    for (const p of pages) await p.locator('#party-board #ready-button').waitFor();
    await ana.page.click('#ready-button');
    await ben.page.keyboard.press('r');
    await ana.page.locator('#ready-status', { hasText: '2 of 3 ready' }).waitFor();
    await screenshot(ben.page, 'party-board-friend-1440');
    await cy.page.click('#ready-button');

    // Question 3, a network: the widest drawing still fits beside the answer panel and beside the lesson.
    for (const p of pages) await shown(p, 3);
    await fits(ana.page, 'creator question 3');
    await ana.page.click('#skip-button');
    await ana.page.locator('#party-reveal #step-formula .katex').first().waitFor();
    await fits(ana.page, 'creator reveal 3');
    await screenshot(ana.page, 'party-reveal3-creator-1440');
    await ana.page.click('#next-button');

    for (const p of pages) await p.locator('#party-finished #podium .place').first().waitFor();
    expect(await ana.page.locator('#podium [data-place="1"] .names').textContent()).toContain('Ana');
    expect(await ana.page.locator('#download-report').count()).toBe(1);
    expect(await ben.page.locator('#download-report').count()).toBe(0);
    await fits(ana.page, 'creator podium');
    await screenshot(ana.page, 'party-end-creator-1440');
    await screenshot(ben.page, 'party-end-friend-1440');
    await phoneShot(cy.page, 'party-end-phone');
    await ben.page.click('#party-review summary');
    await ben.page.locator('#personal-review li[data-outcome]').nth(2).waitFor();
    expect(await ben.page.locator('#personal-review li[data-outcome]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-outcome'))))
      .toEqual(['wrong', 'no answer', 'no answer']);
    expect([...ana.errors, ...ben.errors, ...cy.errors]).toEqual([]);
  }, 120_000);
});
