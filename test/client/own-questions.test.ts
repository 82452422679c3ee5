/**
 * A teacher's own questions, played in Chromium against the production build (the server bundle and its task
 * worker, started as `npm start` runs it): a classroom game of two typed questions (a composition and an equation)
 * with two phones, and a party of two laptops whose creator wrote a composition and a JSON task. Each question
 * shown is the one the teacher wrote, the right answer is marked right and the wrong one wrong, and both games
 * reach their end. And one notation on every screen (issue 23): a multivariable question with an exponential is
 * typeset alike on the phone (prompt, diagram, reveal) and the projector (prompt, reveal), e^{-t} everywhere, never
 * \exp under a prompt that says e^{−t}; the phone's question opens without a download and its diagram loads when it
 * is opened (screenshots: test-output/screenshots/notation-*.png). CI also runs this file against a production folder
 * without dev dependencies (scripts/ci-production.sh sets ARENA_SERVER_DIR).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { solveTask, type Family, type Question } from '../../shared/questions/index';
import { newContext, PHONE, PROJECTOR, screenshot, waitForCondition, watchErrors } from './browser';
import { useArena } from './use-arena';

const LAPTOP = { width: 1440, height: 900 };

const env = useArena();
const { contexts } = env;

async function open(viewport: { width: number; height: number }, path: string): Promise<{ page: Page; errors: string[] }> {
  const ctx = await newContext(env.browser, viewport, env.arena.url);
  contexts.push(ctx);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(path);
  return { page, errors };
}

/** The open question as the page shows it, solved from its public task with the real solver. */
async function shown(page: Page): Promise<{ family: Family; task: Record<string, unknown>; q: Question }> {
  const el = page.locator('#question-prompt');
  await el.waitFor();
  const family = (await el.getAttribute('data-family')) as Family;
  const task = JSON.parse((await el.getAttribute('data-task')) ?? '{}') as Record<string, unknown>;
  return { family, task, q: solveTask(family, task as never) };
}

/** Fills every box of the answer form (layer boxes, then the product) right or wrong, and sends it. */
async function answer(page: Page, q: Question, right: boolean): Promise<void> {
  const rows = page.locator('.layer-row[data-layer]');
  for (let k = 0; k < (await rows.count()); k++) {
    const wire = Number(await rows.nth(k).getAttribute('data-layer'));
    await rows.nth(k).locator('input').fill(right ? (q.layers?.[wire]?.evaluated ?? '1') : '0');
  }
  const final = (await page.locator('.layer-row.final input').count()) > 0 ? page.locator('.layer-row.final input') : page.locator('#answer-area input').first();
  await final.fill(right ? (q.answer.expr ?? String(q.answer.value ?? '')) : '0');
  await page.click('#submit-answer');
  await page.locator('#answer-verdict, #reveal-verdict').first().waitFor();
}

const NOTATION_TASK = { expr: 'sin(x*y) + x*e^(-y)', subs: { x: 't^2', y: 'e^(-t)' }, wrt: 't' };

/** The setup's refusal, if it shows one ('' when the lobby opened: the setup and its error line are gone). */
async function setupError(page: Page): Promise<string> {
  const line = page.locator('#setup-error');
  return (await line.count()) > 0 ? ((await line.textContent()) ?? '') : '';
}

/** Opens the setup's "Your own questions" and types the teacher's lines. */
async function writeOwnQuestions(page: Page, lines: string[]): Promise<void> {
  await page.locator('#settings-form details summary').click();
  await page.fill('#set-tasks', lines.join('\n'));
}

describe('own questions on the production build', () => {
  it('a classroom game of a composition and an equation opens, plays on two phones and ends on the podium', async () => {
    const host = await open(PROJECTOR, '/');
    await host.page.click('#create-classroom');
    await host.page.locator('#host-setup').waitFor();
    await writeOwnQuestions(host.page, ['sin(x^2)', 'x^2 + y^2 = 25']);
    await host.page.fill('#set-seconds', '300');
    await host.page.click('#open-lobby');
    await host.page.locator('#room-code-display, #setup-error:not(:empty)').first().waitFor();
    expect(await setupError(host.page), 'the lobby did not open').toBe('');
    const code = ((await host.page.locator('#room-code-display').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    const phones = [];
    for (const name of ['Ada', 'Ben']) {
      const p = await open(PHONE, `/join/${code}`);
      await p.page.fill('#nickname', name);
      await p.page.click('#join-button');
      await p.page.locator('#player-lobby').waitFor();
      phones.push(p);
    }
    await host.page.locator('#lobby-players li[data-player]').nth(1).waitFor();
    await host.page.click('#start-game');

    // Question 1 is the teacher's composition, as written.
    const one = await shown(phones[0]!.page);
    expect(one.family).toBe('chain');
    expect(one.task.expr).toBe('sin(x^2)');
    await answer(phones[0]!.page, one.q, true);
    await answer(phones[1]!.page, one.q, false);
    await host.page.locator('#host-reveal').waitFor();
    expect(await host.page.locator('#class-stats .stats-head').textContent()).toMatch(/1 of 2 got it right/);
    expect(await phones[0]!.page.locator('#reveal-verdict [data-verdict]').getAttribute('data-verdict')).toBe('right');
    expect(await phones[1]!.page.locator('#reveal-verdict [data-verdict]').getAttribute('data-verdict')).toBe('wrong');
    await screenshot(host.page, 'own-questions-classroom-reveal');

    // Question 2 is the teacher's equation, an implicit derivative.
    await host.page.click('#next-button');
    await host.page.locator('#host-leaderboard, #host-question').first().waitFor();
    if (await host.page.locator('#host-leaderboard').isVisible()) await host.page.click('#next-button');
    const two = await shown(phones[1]!.page);
    expect(two.family).toBe('implicit');
    expect(String(two.task.equation).replaceAll(' ', '')).toBe('x^2+y^2=25');
    await answer(phones[1]!.page, two.q, true);
    await answer(phones[0]!.page, two.q, false);
    await host.page.locator('#host-reveal').waitFor();
    for (let i = 0; i < 4 && !(await host.page.locator('#host-finished').isVisible()); i++) {
      await host.page.click('#next-button');
      await host.page.locator('#host-finished, #host-leaderboard').first().waitFor();
    }
    await host.page.locator('#host-finished').waitFor();
    for (const p of phones) await p.page.locator('#player-finished').waitFor();
    await screenshot(host.page, 'own-questions-classroom-podium');
    expect([...host.errors, ...phones.flatMap((p) => p.errors)]).toEqual([]);
  }, 180_000);

  it('a party whose creator wrote a composition and a JSON task opens, plays and ends on the podium', async () => {
    const ana = await open(LAPTOP, '/');
    await ana.page.click('#create-party');
    await ana.page.fill('#party-nickname', 'Ana');
    await ana.page.click('.party-form button[type=submit]');
    await writeOwnQuestions(ana.page, ['cos(3x)^2', '{"family":"chain","task":{"expr":"exp(sin(x))","var":"x"}}']);
    await ana.page.click('#open-lobby');
    await ana.page.locator('#party-lobby, #setup-error:not(:empty)').first().waitFor();
    expect(await setupError(ana.page), 'the lobby did not open').toBe('');
    expect(await ana.page.locator('#party-lobby').count()).toBe(1);
    const link = await ana.page.inputValue('#party-link');

    const ben = await open(LAPTOP, link);
    await ben.page.fill('#nickname', 'Ben');
    await ben.page.click('#join-button');
    await ben.page.locator('#party-lobby').waitFor();
    await ana.page.locator('#party-group li', { hasText: 'Ben' }).waitFor();
    await ana.page.click('#start-game');

    // The exponential is written e^(…) (shared/math/text.ts), as a textbook does.
    const expected = ['cos(3x)^2', 'e^(sin(x))'];
    for (const [i, expr] of expected.entries()) {
      await ana.page.locator('#party-question .pill', { hasText: `Question ${i + 1} of 2` }).waitFor();
      const q = await shown(ana.page);
      // The server keeps the teacher's expression in its own written form (`3*x` for `3x`).
      expect(String(q.task.expr).replaceAll('*', '')).toBe(expr);
      await answer(ana.page, q.q, true);
      await ben.page.locator('#party-question .pill', { hasText: `Question ${i + 1} of 2` }).waitFor();
      await answer(ben.page, q.q, false);
      for (const p of [ana.page, ben.page]) await p.locator('#party-reveal #ready-button').waitFor();
      expect(await ana.page.locator('#reveal-verdict [data-verdict]').getAttribute('data-verdict')).toBe('right');
      expect(await ben.page.locator('#reveal-verdict [data-verdict]').getAttribute('data-verdict')).toBe('wrong');
      await ana.page.click('#next-button');
    }
    for (const p of [ana.page, ben.page]) await p.locator('#party-finished #podium .place').first().waitFor();
    expect(await ana.page.locator('#podium [data-place="1"] .names').textContent()).toContain('Ana');
    await screenshot(ana.page, 'own-questions-party-end');
    expect([...ana.errors, ...ben.errors]).toEqual([]);
  }, 180_000);
});

/** The LaTeX KaTeX typeset inside `selector` (its MathML annotations), in document order. */
async function texIn(page: Page, selector: string): Promise<string[]> {
  await page.locator(`${selector} .katex`).first().waitFor();
  return page.locator(`${selector} annotation[encoding="application/x-tex"]`).allTextContents();
}

describe('one notation on the phone and the projector', () => {
  it('typesets a multivariable question alike on both, with its diagram loaded only when the phone opens it', async () => {
    const host = await open(PROJECTOR, '/');
    await host.page.click('#create-classroom');
    await host.page.locator('#host-setup').waitFor();
    await writeOwnQuestions(host.page, [JSON.stringify({ family: 'multivariable', task: NOTATION_TASK })]);
    await host.page.fill('#set-seconds', '300');
    await host.page.click('#open-lobby');
    await host.page.locator('#room-code-display, #setup-error:not(:empty)').first().waitFor();
    expect(await setupError(host.page), 'the lobby did not open').toBe('');
    const code = ((await host.page.locator('#room-code-display').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    const phone = await open(PHONE, `/join/${code}`);
    await phone.page.fill('#nickname', 'Ada');
    await phone.page.click('#join-button');
    await phone.page.locator('#player-lobby').waitFor();
    // Everything the question screen needs arrives in the lobby, the KaTeX fonts last (client/src/app/math.ts);
    // opening the question then fetches nothing.
    await waitForCondition(phone.page, 'the lobby to prefetch the question screen and its fonts',
      () => performance.getEntriesByType('resource').filter((e) => /KaTeX_.*\.woff2/.test(e.name) && (e as PerformanceResourceTiming).responseEnd > 0).length >= 5);
    await phone.page.waitForLoadState('networkidle');
    const fetched: string[] = [];
    phone.page.on('request', (r) => {
      if (!r.url().includes('/socket.io/')) fetched.push(r.url());
    });
    await host.page.click('#start-game');
    await host.page.locator('#host-question').waitFor();
    const phonePrompt = (await texIn(phone.page, '#question-prompt')).join(' ');
    const hostPrompt = (await texIn(host.page, '#host-prompt')).join(' ');
    for (const tex of [phonePrompt, hostPrompt]) {
      expect(tex).toContain('y=e^{-t}');
      expect(tex).not.toMatch(/\\exp|\*/);
    }
    await phone.page.waitForLoadState('networkidle');
    expect(fetched, 'a question opening downloads nothing').toEqual([]);

    // The diagram is folded and not loaded; opened, it writes the givens as the prompt does.
    expect(await phone.page.locator('#diagram [data-ready]').count()).toBe(0);
    await phone.page.locator('#diagram > summary').click();
    await phone.page.locator('#diagram [data-ready="true"]').waitFor({ state: 'attached' });
    const givens = (await texIn(phone.page, '#diagram')).join(' ');
    expect(givens).toContain('y = e^{-t}');
    expect(givens).not.toMatch(/\\exp/);
    expect(fetched.some((u) => /views-.*\.js$/.test(u)), 'the diagram engine loads on opening').toBe(true);
    await screenshot(phone.page, 'notation-phone-question');
    await screenshot(host.page, 'notation-projector-question', 'css');

    const task = JSON.parse((await phone.page.locator('#question-prompt').getAttribute('data-task')) ?? '{}') as typeof NOTATION_TASK;
    const q: Question = solveTask('multivariable', task);
    await phone.page.locator('.layer-row.final input, #answer-area input').first().fill(q.answer.expr ?? '');
    await phone.page.click('#submit-answer');
    // The only player has answered: the question may close at once, straight to the reveal.
    await phone.page.locator('#answer-verdict, #reveal-verdict').first().waitFor();
    await host.page.locator('#host-reveal').waitFor();
    await phone.page.locator('#reveal-verdict').waitFor();
    // The projector sets its formulas in display style; the mathematics is the same string.
    const hostAnswer = (await texIn(host.page, '#reveal-answer')).join(' ').replace(/^\\displaystyle\s*/, '');
    const phoneAnswer = (await texIn(phone.page, '#player-reveal .answer-line')).join(' ');
    expect(phoneAnswer).toBe(hostAnswer);
    // Textbook order: the coefficient, then letters, then functions (2t e^{-t}…, never e^{-t}… 2t).
    expect(hostAnswer).toMatch(/^2t/);
    expect(hostAnswer).not.toMatch(/\\exp/);
    await screenshot(phone.page, 'notation-phone-reveal');
    await screenshot(host.page, 'notation-projector-reveal', 'css');

    // No question the server handed out was disputed by its mathjs cross-check (server/math/checked.ts).
    expect(env.arena.logs().filter((l) => JSON.stringify(l).includes('cross-check'))).toEqual([]);
    expect([...host.errors, ...phone.errors]).toEqual([]);
  }, 180_000);
});
