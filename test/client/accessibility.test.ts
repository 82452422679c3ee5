/**
 * The accessibility walk (docs/accessibility.md): axe-core's WCAG 2.0/2.1/2.2 A and AA rules over every screen of
 * the production build in Chromium — home, setup, the projector's lobby, question, each reveal step, leaderboard
 * and podium; the phone's join, lobby, question, answered, reveal and end; a party's lobby, question, reveal and
 * end; solo setup, question and feedback; the report page. Every screen must have 0 violations; the figures per
 * screen (violations, rules passed, rules needing a person) are printed and written to
 * test-output/axe-figures.json, which the statement in docs/accessibility.md quotes.
 *
 * The walk plays one question of each kind of drawing that matters for the rules: a chain of boxes and a network.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { solveTask, type Family, type Question } from '../../shared/questions/index';
import { newContext, PHONE, PROJECTOR, screenshot, settle, WAIT_MS } from './browser';
import { recordQuestion } from '../support/walk-questions';
import { ROOT } from './chromium';
import { useArena } from './use-arena';

/** The rule set: every WCAG 2.0, 2.1 and 2.2 level A and AA rule axe has. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Figure { screen: string; violations: number; nodes: number; passes: number; incomplete: number; detail: string[] }
const figures: Figure[] = [];

const env = useArena({ warm: true });
const { contexts } = env;

afterAll(() => {
  if (figures.length === 0) return;
  mkdirSync(`${ROOT}test-output`, { recursive: true });
  writeFileSync(`${ROOT}test-output/axe-figures.json`, `${JSON.stringify({ tags: WCAG_TAGS, figures }, null, 2)}\n`);
  console.log(`axe (${WCAG_TAGS.join(', ')}):\n${figures.map((f) =>
    `  ${f.screen.padEnd(34)} ${f.violations} violations (${f.nodes} nodes), ${f.passes} rules passed, ${f.incomplete} for a person`).join('\n')}`);
});

/**
 * A page of its own; the app's CSP forbids injected scripts, so axe's context bypasses it. With reduced motion
 * (a setting docs/accessibility.md supports): axe judges each screen at rest, as `audit` would wait for it anyway,
 * and the walk does not pay for drawing the entrances and the confetti it does not judge (a quarter of its Chromium
 * time). The animated screens are played in classroom-show.test.ts and browser.test.ts.
 */
async function open(viewport: { width: number; height: number }, path = '/'): Promise<Page> {
  const ctx = await newContext(env.browser, viewport, env.arena.url, { bypassCSP: true, reducedMotion: 'reduce' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.goto(path);
  return page;
}

/** Runs axe on the page as it is now, records its figures and asserts no violation (softly: the walk goes on). */
async function audit(page: Page, screen: string): Promise<void> {
  await settle(page);
  // Colours are judged as they end, not halfway through a fade-in (reduced motion stops them; any left are waited
  // for, endless ones like a pulse aside).
  await page.evaluate(() => Promise.all(document.getAnimations()
    .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
    .map((a) => a.finished.catch(() => undefined))));
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const r = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<AxeResults> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, WCAG_TAGS);
  const detail = r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`));
  figures.push({
    screen, violations: r.violations.length, nodes: r.violations.reduce((s, v) => s + v.nodes.length, 0),
    passes: r.passes.length, incomplete: r.incomplete.length, detail,
  });
  expect.soft(detail, `axe violations on ${screen}`).toEqual([]);
  // Every diagram on the screen speaks: one image named by what it draws (client/src/views/describe.ts).
  const names = await page.locator('.cra-view').evaluateAll((els) => els.map((e) => `${e.getAttribute('role')}: ${e.getAttribute('aria-label') ?? ''}`));
  for (const n of names) expect.soft(n, `diagram name on ${screen}`).toMatch(/^img: Diagram: .{40,}/);
}

async function solveShown(page: Page): Promise<Question> {
  const el = page.locator('#question-prompt');
  return solveTask((await el.getAttribute('data-family')) as Family, JSON.parse((await el.getAttribute('data-task')) ?? '{}') as never);
}

const TASKS = [
  { family: 'chain', task: { expr: 'sec(arctan(x^2 + 2))', var: 'x' } },
  { family: 'backprop', task: recordQuestion('backprop', 5, 'widest drawing').question.task },
];

describe('axe-core WCAG 2.2 A/AA walk', () => {
  it('finds 0 violations on the classroom screens (projector and phones)', async () => {
    const home = await open(PHONE, '/');
    await home.locator('#join-button').waitFor();
    await audit(home, 'home (phone)');
    const host = await open(PROJECTOR, '/');
    await host.locator('#create-classroom').waitFor();
    await audit(host, 'home (projector)');
    await host.click('#create-classroom');
    await host.locator('#host-setup').waitFor();
    await audit(host, 'setup');
    await host.fill('#set-seconds', '400');
    await host.locator('#settings-form details > summary').click();
    await host.fill('#set-tasks', TASKS.map((t) => JSON.stringify(t)).join('\n'));
    await host.click('#open-lobby');
    const code = (await host.locator('#room-code-display').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    const phones: Page[] = [];
    for (const name of ['Ada', 'Ben']) {
      const p = await open(PHONE, `/?code=${code}`);
      await p.locator('#nickname').waitFor();
      if (phones.length === 0) await audit(p, 'phone join');
      await p.fill('#nickname', name);
      await p.click('#join-button');
      await p.locator('#player-lobby').waitFor();
      phones.push(p);
    }
    const [ada, ben] = phones as [Page, Page];
    await host.locator('#lobby-players li[data-player]').nth(1).waitFor();
    await audit(host, 'projector lobby');
    await audit(ada, 'phone lobby');
    // Extra time from the lobby, by keyboard: X opens the panel on its first choice; Ben gets ×2.
    await host.keyboard.press('x');
    await host.locator('#extra-time-list select').first().waitFor();
    expect(await host.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await audit(host, 'projector lobby, extra time open');
    await host.setViewportSize({ width: 1280, height: 720 });
    await screenshot(host, 'a11y-lobby-extra-time-1280');
    await host.setViewportSize(PROJECTOR);
    await host.locator('#extra-time-list li', { hasText: 'Ben' }).locator('select').selectOption({ label: '×2 time' });
    await host.locator('#extra-time-list li', { hasText: 'Ben' }).locator('.pill', { hasText: '×2' }).waitFor();
    await host.keyboard.press('Escape');
    await host.locator('#extra-time-panel summary').click();

    await host.click('#start-game');
    await host.locator('#host-question').waitFor();
    await host.locator('#host-question canvas').first().waitFor();
    await ada.locator('#question-prompt').waitFor();
    await audit(host, 'projector question (chain)');
    await audit(ada, 'phone question (chain)');
    await ben.locator('#my-extra-time', { hasText: '×2' }).waitFor();
    await audit(ben, 'phone question, own clock ×2');
    await host.setViewportSize({ width: 1280, height: 720 });
    await screenshot(host, 'a11y-question-1280');
    await host.setViewportSize(PROJECTOR);
    // The maths keys open (a touch phone starts with them; the toggle switches when it does not).
    if (!(await ada.locator('#keypad').isVisible())) await ada.click('#keypad-toggle');
    await ada.locator('#keypad').waitFor();
    await audit(ada, 'phone question, keypad open');
    const q = await solveShown(ada);
    await ada.locator('.layer-row.final input').fill(q.answer.expr ?? '');
    await ada.click('#submit-answer');
    await ada.locator('#answer-verdict').waitFor();
    await audit(ada, 'phone answered');
    await ben.locator('.layer-row.final input').fill('0');
    await ben.click('#submit-answer');

    await host.locator('#host-reveal').waitFor();
    await host.locator('#class-stats').waitFor();
    await audit(host, 'projector reveal: answer');
    const diagram = host.locator('#host-view .cra-view');
    expect(await diagram.getAttribute('aria-label')).toContain('The derivative of each box is written under it: box 1: 2 x;');
    const steps = Number(await host.locator('#step-counter').getAttribute('data-steps'));
    const lit: string[] = [];
    for (let k = 1; k <= steps; k++) {
      await host.keyboard.press('ArrowDown');
      await host.locator('#reveal-slide').and(host.locator(`[data-slide="${k}"]`)).waitFor();
      await audit(host, `projector reveal: step ${k} of ${steps}`);
      lit.push(/Box \d, [^,]+, is highlighted/.exec((await diagram.getAttribute('aria-label')) ?? '')?.[0] ?? '');
    }
    // The diagram's words follow the worked steps: each box's step lights it (innermost first), in the name too.
    expect(lit.filter(Boolean)).toEqual(expect.arrayContaining(['Box 1, x squared + 2, is highlighted', 'Box 3, sec(u), is highlighted']));
    await ada.locator('#reveal-verdict').waitFor();
    await audit(ada, 'phone reveal (right)');
    await audit(ben, 'phone reveal (wrong)');

    await host.click('#next-button');
    await host.locator('#host-leaderboard').waitFor();
    await ada.locator('#player-leaderboard').waitFor();
    await audit(host, 'projector leaderboard');
    await audit(ada, 'phone leaderboard');

    await host.click('#next-button');
    await host.locator('#host-question canvas').first().waitFor();
    await ada.locator('#question-prompt').waitFor();
    await audit(host, 'projector question (network)');
    await audit(ada, 'phone question (network)');
    await host.click('#skip-button');
    await host.locator('#host-reveal').waitFor();
    await audit(host, 'projector reveal (network)');
    await ada.locator('#reveal-verdict').waitFor();
    await audit(ada, 'phone reveal (no answer)');

    for (let i = 0; i < 4 && !(await host.locator('#host-finished').isVisible()); i++) {
      await host.click('#next-button');
      await host.locator('#host-finished, #host-leaderboard').first().waitFor();
    }
    await host.locator('#host-finished #podium .place').first().waitFor();
    await ada.locator('#player-finished').waitFor();
    await audit(host, 'projector podium');
    await audit(ada, 'phone end');

    await host.goto('/#/reports');
    await host.locator('#hosted-games button[data-code]').first().click();
    await host.locator('#report-view table, #report-view .card').first().waitFor({ timeout: WAIT_MS });
    await audit(host, 'report page');
  }, 300_000);

  it('finds 0 violations on the party screens', async () => {
    const page = await open({ width: 1440, height: 900 }, '/');
    await page.click('#create-party');
    await page.fill('#party-nickname', 'Ana');
    await page.click('.party-form button[type=submit]');
    await page.locator('#settings-form details > summary').click();
    await page.fill('#set-tasks', JSON.stringify(TASKS[0]));
    await page.click('#open-lobby');
    await page.locator('#party-lobby').waitFor();
    await audit(page, 'party lobby');
    await page.click('#start-game');
    await page.locator('#party-view canvas').waitFor();
    await audit(page, 'party question');
    await page.click('#skip-button');
    await page.locator('#party-reveal #step-formula .katex').first().waitFor();
    await audit(page, 'party reveal');
    await page.click('#next-button');
    await page.locator('#party-finished').waitFor();
    await audit(page, 'party end');
  }, 180_000);

  it('finds 0 violations on the solo screens', async () => {
    const page = await open(PHONE, '/#/solo');
    await page.locator('#solo-go').waitFor();
    await audit(page, 'solo setup');
    await page.click('#solo-go');
    await page.locator('#question-prompt').waitFor();
    await audit(page, 'solo question');
    await page.locator('.expr-input').last().fill('0');
    await page.click('#submit-answer');
    await page.locator('#solo-feedback').waitFor();
    await audit(page, 'solo feedback');
  }, 120_000);
});

