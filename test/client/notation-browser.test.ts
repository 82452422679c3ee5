/**
 * One printer on every screen (issue 23): a multivariable question with an exponential, played on the production
 * build, is typeset the same way on the phone (prompt, diagram, reveal) and on the projector (prompt, reveal):
 * `e^{-t}` everywhere, never `\exp` under a prompt that says e^{−t}. The phone's question opens without
 * downloading anything (everything was fetched in the lobby) and its diagram loads when it is opened. The server's
 * mathjs cross-check passes the question without a word in the log. Screenshots of both screens go to
 * test-output/screenshots/notation-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { solveTask, type Question } from '../../shared/questions/index';
import { launchBrowser, newContext, PHONE, PROJECTOR, screenshot, watchErrors } from './browser';
import { startArena, type RunningArena } from './arena-server';

const TASK = { expr: 'sin(x*y) + x*e^(-y)', subs: { x: 't^2', y: 'e^(-t)' }, wrt: 't' };

let browser: Browser;
let arena: RunningArena;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [browser, arena] = await Promise.all([launchBrowser(), startArena()]);
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await arena?.close();
});

async function open(viewport: { width: number; height: number }, path: string): Promise<{ page: Page; errors: string[] }> {
  const ctx = await newContext(browser, viewport, arena.url);
  contexts.push(ctx);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(path);
  return { page, errors };
}

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
    await host.page.locator('#settings-form details summary').click();
    await host.page.fill('#set-tasks', JSON.stringify({ family: 'multivariable', task: TASK }));
    await host.page.fill('#set-seconds', '300');
    await host.page.click('#open-lobby');
    await host.page.locator('#room-code-display, #setup-error:not(:empty)').first().waitFor();
    expect(await host.page.locator('#setup-error').textContent().catch(() => ''), 'the lobby did not open').toBe('');
    const code = ((await host.page.locator('#room-code-display').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    const phone = await open(PHONE, `/join/${code}`);
    await phone.page.fill('#nickname', 'Ada');
    await phone.page.click('#join-button');
    await phone.page.locator('#player-lobby').waitFor();
    // Everything the question screen needs arrives in the lobby; opening the question then fetches nothing.
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

    const task = JSON.parse((await phone.page.locator('#question-prompt').getAttribute('data-task')) ?? '{}') as typeof TASK;
    const q: Question = solveTask('multivariable', task);
    await phone.page.locator('.layer-row.final input, #answer-area input').first().fill(q.answer.expr ?? '');
    await phone.page.click('#submit-answer');
    // The only player has answered: the question may close at once, straight to the reveal.
    await phone.page.locator('#answer-verdict, #reveal-verdict').first().waitFor();
    await host.page.locator('#host-reveal').waitFor();
    await phone.page.locator('#reveal-verdict').waitFor();
    // The projector sets its formulas in display style; the mathematics is the same string.
    const hostAnswer = (await texIn(host.page, '#reveal-answer')).join(' ').replace(/^\\displaystyle\s*/, '');
    const phoneAnswer = (await texIn(phone.page, '#player-reveal p:has-text("The answer")')).join(' ');
    expect(phoneAnswer).toBe(hostAnswer);
    // Textbook order: the coefficient, then letters, then functions (2t e^{-t}…, never e^{-t}… 2t).
    expect(hostAnswer).toMatch(/^2t/);
    expect(hostAnswer).not.toMatch(/\\exp/);
    await screenshot(phone.page, 'notation-phone-reveal');
    await screenshot(host.page, 'notation-projector-reveal', 'css');

    expect(arena.logs().filter((l) => String(l.msg ?? '').includes('cross-check') || String(l.context ?? '').includes('cross-check'))).toEqual([]);
    expect([...host.errors, ...phone.errors]).toEqual([]);
  }, 180_000);
});
