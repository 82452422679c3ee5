/**
 * The projector walk shared by projector-fit-*.test.ts: the largest questions the generators make
 * (test/support/largest-questions.ts), played on one live projector page: question, answer, each worked step,
 * leaderboard and podium, at 1280×720, 1920×1080 and 3840×2160. The resizes are the live-resize test: the diagram
 * and formulas must re-lay out each time. `walkProjector` enters the questions as the teacher's own (JSON task
 * lines under "Your own questions" on the setup page); `walkVariantGame` plays a generated game with a variant per
 * player from a fixed room seed.
 *
 * Checked on every screen: no page scroll, nothing outside the viewport or clipped, no formula wider than its box,
 * no text under 28 px at 1920×1080 as the audience sees it (font size × any fit scale: formulas and diagram
 * labels included), the Phaser loop asleep (render on change only) with the canvas not blank. And the question
 * the server solved from the task is the generated one: the typeset prompt and every step carry the generated
 * question's LaTeX. A failure names the seed, family, difficulty, task and answer, and saves a screenshot.
 *
 * Each screen is checked once per size where its layout is shared: a question and its answer at 1080p and 720p,
 * and at 4K for the first question of the walk; the largest steps at 1080p, the widest at 720p (`slidesAt`);
 * the lobby, the leaderboard and the podium once per size, in one share of the walk (`frame`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { solveTask, type Question } from '../../shared/questions/index';
import { DEFAULT_SETTINGS, type CreatedRoom, type PlayerPhaseView, type RoomSettings } from '../../shared/protocol';
import { unifyNames } from '../../client/src/views/names';
import { projectorPrompt } from '../../client/src/screens/host/projector-prompt';
import { MUTE_KEY } from '../../client/src/screens/host/sound';
import { newContext, SAVE_SCREENSHOTS, saveScreenshot, screenshot, watchErrors } from './browser';
import type { RunningArena } from './arena-server';
import { inspectScreen } from './projector-measure';
import { warmSolver } from './warm-solver';
import { connectSocket, request } from './game-socket';
import { describeQuestion, walkShare, type WalkQuestion } from '../support/walk-questions';
import { texSize } from '../support/tex-size';

type Size = { width: number; height: number };
export const ALL_SIZES: readonly Size[] = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];
const HD: Size = { width: 1920, height: 1080 };
const MIN_FONT_AT_1080P = 28;
const WAIT = { timeout: 30_000 };
const LEADERBOARD_EVERY = 5;

/** Player sockets opened by the walk; the test file disconnects them in its afterAll. */
export const sockets: Socket[] = [];

interface Player {
  socket: Socket;
  state: PlayerPhaseView | null;
}

async function joinPlayer(arena: RunningArena, code: string, nickname: string): Promise<Player> {
  const socket = await connectSocket(arena.url, sockets);
  const player: Player = { socket, state: null };
  socket.on('state', (s: PlayerPhaseView) => (player.state = s));
  player.state = (await request<{ state: PlayerPhaseView }>(socket, 'room:join', { code, nickname })).state;
  return player;
}

/**
 * Submits the player's own question's answer (solved from its public task) or a wrong one; waits for the ack.
 * A right answer in box-by-box mode also fills the outermost box (the others left empty: "product only"), so the
 * results show that box's bar alone. Returns whether it filled a box.
 */
async function answer(p: Player, right: boolean): Promise<boolean> {
  const s = p.state;
  if (s?.phase !== 'question') throw new Error('no open question for the player');
  const q = solveTask(s.question.family, s.question.task);
  // A wrong answer is the question's first named mistake where it has one, so the results show a mistake row
  // (the line a teacher reads out) on the largest questions too.
  const d = q.distractors?.[0];
  const wrong = d ? (d.expr ?? d.matrix ?? d.value) : undefined;
  const final = right ? (q.answer.expr ?? q.answer.matrix ?? q.answer.value ?? '0') : wrong ?? (s.question.answerKind === 'expr' ? '0' : 0);
  const box = right && s.entryMode === 'layers' ? q.layers?.[0]?.evaluated : undefined;
  await request(p.socket, 'answer:submit', { index: s.index, final, ...(box ? { layers: [{ layer: 0, input: box }] } : {}) });
  return box !== undefined;
}

/** Where the walk's time goes (ms per kind of work), printed at the end: what to look at when it gets slow. */
const spent = new Map<string, { ms: number; n: number }>();
async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    const s = spent.get(what) ?? { ms: 0, n: 0 };
    spent.set(what, { ms: s.ms + performance.now() - t0, n: s.n + 1 });
  }
}

/** Resizes the page (a live resize: every formula refits, the diagram re-lays out; `check` waits for both). */
async function setSize(page: Page, size: Size): Promise<void> {
  if (page.viewportSize()?.width !== size.width) await timed('resize', () => page.setViewportSize(size));
}

const shrinkLog: string[] = [];
/** The smallest text the audience sees at 1920×1080 on each screen kind, for the log. */
const minAt1080 = new Map<string, number>();

/**
 * Checks the current screen once it has settled. Screenshots cost more than the checks (a 4K PNG is 8
 * megapixels): a failing screen is always saved; `ARENA_SCREENSHOTS=all` saves every screen checked.
 */
async function check(page: Page, label: string, shot: string, size: Size, expectTex: Record<string, string> = {}): Promise<void> {
  const m = await timed('check', () => inspectScreen(page, { minFontPx: size.width === 1920 ? MIN_FONT_AT_1080P : 0, settleMs: WAIT.timeout }));
  for (const [what, ms] of [['in page: settling', m.waitedMs], ['in page: measuring', m.measuredMs]] as const) {
    const t = spent.get(what) ?? { ms: 0, n: 0 };
    spent.set(what, { ms: t.ms + ms, n: t.n + 1 });
  }
  // What the screen typeset is the generated question's own LaTeX (the server made or solved the same question).
  for (const [id, latex] of Object.entries(expectTex)) {
    if (m.tex[id] !== asTypeset(latex)) m.problems.push(`#${id} shows ${m.tex[id] ?? 'nothing typeset'}, not ${asTypeset(latex)}`);
  }
  if (size.width === 1920) {
    const key = label.replace(/ step \d+$/, '');
    minAt1080.set(key, Math.min(minAt1080.get(key) ?? Infinity, m.minFont));
  }
  if (m.shrunk.length > 0) shrinkLog.push(`${label}@${size.width}: ${m.shrunk.join(', ')}`);
  if (m.problems.length > 0 || SAVE_SCREENSHOTS) await timed('screenshot', () => saveScreenshot(page, `${shot}-${size.width}`));
  expect(m.problems, `${label} at ${size.width}px (screenshot ${shot}-${size.width}.png)`).toEqual([]);
}

/** How a formula box typesets `latex` (fit-math.ts, the views' names). */
const asTypeset = (latex: string): string => `\\displaystyle ${unifyNames(latex)}`;

/**
 * The reveal slides to check at each size: the answer (with the results and the diagram), and the steps that are
 * the largest of the question, where a fit is tightest: the widest and the longest formula, the most words. The
 * layout scales with the screen except what is set in pixels (borders, a few gaps), which takes a larger share of
 * a smaller screen: 1080p (where the floor for text size is checked) gets those steps, 1280×720 the answer and the
 * widest step, 4K the answer, for the first question a walk plays. The projector's layout at 3840×2160 is its
 * 1080p layout twice over (the type follows min(1.6vw, 2.84vh), uncapped there; the diagrams scale with the
 * screen), so a family that fits at 1080p fits at 4K; what 4K alone can break (borders and gaps set in pixels, the
 * canvas backing store's cap, glyphs hinted at twice the size) is the same for every family, and each share of the
 * walk checks it on its first question, four families in all, besides the frame screens. A question at 4K cost the
 * walk as much as the rest of its sizes together (a walk 30 s → 17 s without them). The steps between are walked through with
 * the presenter's keys, unchecked: the largest question's other steps are smaller. A question in the walk only
 * for its prompt, answer or drawing (see its `covers`) shows its answer slide and moves on.
 */
function slidesAt(q: Question, size: Size): number[] {
  const sizes = q.steps.map((s) => texSize(s.latex));
  const most = (by: (i: number) => number): number => q.steps.reduce((best, _, i) => (by(i) > by(best) ? i : best), 0) + 1;
  const widest = most((i) => sizes[i]?.widest ?? 0);
  if (size.width > 1920) return [0];
  if (size.width < 1920) return [0, widest];
  return [...new Set([0, widest, most((i) => sizes[i]?.total ?? 0), most((i) => (q.steps[i]?.prose ?? '').length)])].sort((a, b) => a - b);
}

export interface WalkOptions {
  /** The sizes to check (all three by default). */
  sizes?: readonly Size[];
  /**
   * Whether the screens around the questions (lobby, leaderboard, podium) are checked: their layout does not depend
   * on the questions, so one share of the walk checks them (walkFile) and the others play through them. The class
   * summary, which lists the walk's own weakest topics, is checked by every share.
   */
  frame?: boolean;
  /** A variant per player: the reveal must show the general solution and label the steps as one example. */
  variants?: boolean;
  /** Whether this question is checked at 4K too: the walk's first (see slidesAt). */
  at4k?: boolean;
  /** Whether ↑ (a step back) is still to be tried: once per walk, on the first question with steps walked. */
  stepBack?: { tried: boolean };
}

/** One question: its screen at every size, then its reveal (see the top of this file). Ends on the next screen. */
async function walkQuestion(page: Page, players: Player[], w: WalkQuestion, i: number, total: number, tag: string, opts: WalkOptions): Promise<void> {
  const sizes = opts.sizes ?? ALL_SIZES;
  // 4K for the walk's first question only (see slidesAt).
  const others = sizes.filter((s) => s.width < 1920 || (s.width > 1920 && opts.at4k !== false));
  const hd = sizes.filter((s) => s.width === 1920);
  const q = w.question;
  const shot = `projector-${tag}-${i + 1}-${w.family}-${w.difficulty}-${w.seed}`;
  await page.locator('#host-question .pill', { hasText: `Question ${i + 1} of ${total}` }).waitFor(WAIT);
  await expect(page.locator('#host-view .cra-view').getAttribute('data-family', WAIT)).resolves.toBe(w.family);
  // The question at 1080p (where the last reveal left the page), then at the other sizes, the smallest last: the
  // reveal opens there and starts with it (each resize re-lays out everything; the fewer the better).
  for (const size of [...hd, ...[...others].sort((a, b) => b.width - a.width)]) {
    await setSize(page, size);
    await check(page, `${w.family} question`, `${shot}-question`, size, { 'host-prompt': projectorPrompt(q).latex });
  }
  const filledBox = await timed('answer', async () => {
    const filled = await answer(players[i % 2]!, true);
    await answer(players[(i + 1) % 2]!, false);
    await page.click('#skip-button');
    await page.locator('#host-reveal').waitFor(WAIT);
    return filled;
  });
  if (!opts.variants) {
    // Box by box: a bar for the one box a student filled, out of the one who filled it; none for the boxes left
    // empty (not "0/0"), and the named mistake on its own row.
    const bars = await page.locator('#class-stats .stat-bar.layer').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-layer')}:${e.getAttribute('data-filled')}`));
    expect(bars, `${describeQuestion(w)}: box bars`).toEqual(filledBox ? ['0:1'] : []);
    const named = q.distractors?.[0]?.mistake;
    if (named) expect(await page.locator(`#class-stats [data-mistake="${named}"]`).count(), `${describeQuestion(w)}: mistake row`).toBe(1);
  }
  const steps = q.steps.length;
  // The answer and the class's results first; the worked steps one key away (↓), their number shown only there.
  expect(Number(await page.locator('#step-counter').getAttribute('data-steps'))).toBe(steps);
  if (opts.variants) {
    // The general solution in symbols first, the results labelled as a variant game.
    await expect(page.locator('#reveal-slide h2').first().textContent()).resolves.toContain('general solution');
    await page.locator('#reveal-answer[data-typeset="true"] .katex').first().waitFor(WAIT);
    await expect(page.locator('#variant-pill').textContent()).resolves.toBe('Variant game');
    await expect(page.locator('#class-stats .stats-head').textContent()).resolves.toMatch(/got their variant right/);
  }
  // A question in the walk for its prompt, answer or drawing only: its answer slide, then the next question.
  const forSteps = w.covers.some((c) => /(step|steps|words)$/.test(c));
  const planned = [...new Set(sizes.flatMap((s) => slidesAt(q, s)))].filter((k) => forSteps || k === 0).sort((a, b) => a - b);
  let at = 0;
  for (const k of planned) {
    // ↓ opens the working and steps on.
    await timed('keys', async () => {
      while (at < k) {
        await page.keyboard.press('ArrowDown');
        await page.locator(`#reveal-slide[data-slide="${++at}"]`).waitFor(WAIT);
      }
    });
    if (opts.variants && k > 0) await expect(page.locator('#variant-tag').textContent()).resolves.toMatch(/one student's variant/);
    // From the size the page is at (a resize costs less than walking the steps again), ending at 1080p.
    const now = page.viewportSize()?.width;
    const here = [...others.filter((s) => s.width === now), ...others.filter((s) => s.width !== now), ...hd].filter((s) => slidesAt(q, s).includes(k));
    for (const size of here) {
      await setSize(page, size);
      await check(page, `${w.family} reveal step ${k}`, `${shot}-reveal-${k}`, size, k > 0 ? { 'step-formula': q.steps[k - 1]!.latex } : {});
    }
  }
  await timed('keys', async () => {
    if (at > 0 && opts.stepBack && !opts.stepBack.tried) {
      opts.stepBack.tried = true;
      // ↑ goes back a step, ↓ forward again (the same keys on every question: tried once per walk).
      await page.keyboard.press('ArrowUp');
      await page.locator(`#reveal-slide[data-slide="${at - 1}"]`).waitFor(WAIT);
      await page.keyboard.press('ArrowDown');
      await page.locator(`#reveal-slide[data-slide="${at}"]`).waitFor(WAIT);
    }
    // One way forward from any slide: → or a clicker's PageDown, or the primary button.
    if (i % 3 === 2) await page.click('#next-button');
    else await page.keyboard.press(i % 3 === 0 ? 'ArrowRight' : 'PageDown');
    await page.locator('#host-question, #host-leaderboard, #host-finished').first().waitFor(WAIT);
  });
}

/** Plays the game on `page` (already started), question by question, then checks the leaderboard and podium. */
async function playGame(page: Page, players: Player[], questions: readonly WalkQuestion[], tag: string, opts: WalkOptions): Promise<void> {
  const sizes = opts.sizes ?? ALL_SIZES;
  // The logs at the end are per walk (a file may walk twice).
  spent.clear();
  shrinkLog.length = 0;
  minAt1080.clear();
  let boardChecked = false;
  const stepBack = { tried: false };
  for (const [i, w] of questions.entries()) {
    try {
      await walkQuestion(page, players, w, i, questions.length, tag, { ...opts, at4k: i === 0, stepBack });
    } catch (err) {
      throw new Error(`question ${i + 1} of walk ${tag}: ${describeQuestion(w)}\n${(err as Error).message}`, { cause: err });
    }
    if (await page.locator('#host-leaderboard').isVisible()) {
      // The leaderboard's layout is the same after every question: checked once per size.
      if (!boardChecked && opts.frame !== false) for (const size of sizes) await checkPlain(page, 'leaderboard', `projector-${tag}-leaderboard`, size);
      boardChecked = true;
      await page.keyboard.press('ArrowRight');
    }
  }
  await page.locator('#host-finished').waitFor(WAIT);
  await page.locator('.host-podium .place.p1.shown').waitFor(WAIT);
  if (opts.frame !== false) for (const size of sizes) await checkPlain(page, 'podium', `projector-${tag}-podium`, size);
  // The class's summary, one key after the podium (summary-slide.ts). The walk's wrong answers are '0', which the
  // checker names no mistake for: the slide says so and lists the weakest topics (test/client/follow-up.test.ts
  // measures it with named mistakes and their examples at the same three sizes).
  await page.keyboard.press('ArrowRight');
  await page.locator('#host-summary #class-summary #summary-topics').waitFor(WAIT);
  for (const size of sizes) await checkPlain(page, 'class summary', `projector-${tag}-summary`, size);
  // Sound off from the start (quietProjector): a whole game of cues made no audio context.
  expect(await page.evaluate(() => document.body.dataset.audio ?? 'never made')).toBe('never made');
  console.log(`walk ${tag}: ${questions.length} questions; time spent: ${[...spent].map(([k, v]) => `${k} ${(v.ms / 1000).toFixed(1)} s (${v.n}×)`).join(', ')}`);
  console.log(`walk ${tag}: formulas and diagrams shrunk to fit:\n${shrinkLog.join('\n')}`);
  console.log(`walk ${tag}: smallest text at 1920×1080 (px):\n${[...minAt1080].map(([k, v]) => `${k}: ${v.toFixed(1)}`).join('\n')}`);
}

/** A screen without formulas to refit (leaderboard, podium): resize and check. */
async function checkPlain(page: Page, label: string, shot: string, size: Size): Promise<void> {
  await setSize(page, size);
  await check(page, label, shot, size);
}

/**
 * The walk's projector: 1080p, with reduced motion and the sound off, both settings a teacher has (the layout is the
 * same, or with "Sound: off" a little wider). The walk measures where things end up, not how they got there: at rest
 * at once, every screen halves the walk (the animated screens are played in classroom-show.test.ts and
 * browser.test.ts); without sound, a walk through a hundred cues keeps no audio thread busy (sound is played in
 * classroom-show.test.ts).
 */
async function quietProjector(browser: Browser, arena: RunningArena): Promise<BrowserContext> {
  const ctx = await newContext(browser, HD, arena.url, { reducedMotion: 'reduce' });
  await ctx.addInitScript((key) => localStorage.setItem(key, '1'), MUTE_KEY);
  return ctx;
}

/**
 * Plays `questions` as one game of the teacher's own questions, typed as JSON task lines on the setup page, on a
 * projector page, and checks every screen (see the top of this file). `tag` keeps screenshot names apart.
 */
export async function walkProjector(browser: Browser, arena: RunningArena, questions: readonly WalkQuestion[], tag: string, opts: WalkOptions = {}): Promise<void> {
  const ctx = await quietProjector(browser, arena);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await timed('warm solver', () => warmSolver(arena));
  const players = await timed('setup', async () => {
    await page.goto('/');
    await page.click('#create-classroom');
    await page.locator('#host-setup').waitFor(WAIT);
    await page.locator('#settings-form details > summary').click();
    await page.fill('#set-tasks', questions.map((w) => JSON.stringify({ family: w.family, task: w.question.task })).join('\n'));
    await page.fill('#set-seconds', '600');
    await page.selectOption('#set-board', String(LEADERBOARD_EVERY));
    await screenshot(page, `projector-${tag}-setup-1920`);
    await page.click('#open-lobby');
    // The server solves the tasks in its worker before it answers: a refusal shows under the form.
    await page.locator('#room-code-display, #setup-error:not(:empty)').first().waitFor({ timeout: 60_000 });
    const refused = await page.evaluate(() => document.querySelector('#setup-error')?.textContent ?? '');
    if (refused) throw new Error(`the setup page refused the tasks: ${refused}`);
    const code = ((await page.locator('#room-code-display').textContent(WAIT)) ?? '').trim();
    const joined = [await joinPlayer(arena, code, 'Ada'), await joinPlayer(arena, code, 'Ben'), await joinPlayer(arena, code, 'Cy')];
    await page.locator('#lobby-players li[data-player]').nth(2).waitFor(WAIT);
    if (opts.frame !== false) for (const size of [...ALL_SIZES].reverse()) await checkPlain(page, 'lobby', `projector-${tag}-lobby`, size);
    await page.click('#start-game');
    return joined;
  });
  await playGame(page, players, questions, tag, opts);
  expect(errors).toEqual([]);
  await ctx.close();
}

/**
 * Plays one generated question with a variant per player from room seed `roomSeed` (`w` is the question that
 * seed gives variant 0, which the projector shows). The room is made over a socket, since the setup page does not
 * take a seed, and the projector page takes it over as a teacher's reloaded page would.
 */
export async function walkVariantGame(browser: Browser, arena: RunningArena, w: WalkQuestion, roomSeed: number, tag: string, opts: WalkOptions = {}): Promise<void> {
  const host = await connectSocket(arena.url, sockets);
  const settings: RoomSettings = {
    ...DEFAULT_SETTINGS, source: { kind: 'generated', families: [w.family], difficulty: w.difficulty }, questionCount: 1,
    secondsPerQuestion: 600, variants: 'per-player', leaderboardEvery: 0, seed: roomSeed,
  };
  const { code, hostSecret } = await request<CreatedRoom>(host, 'room:create', { mode: 'classroom', settings });
  host.disconnect();
  const players = [await joinPlayer(arena, code, 'Ada'), await joinPlayer(arena, code, 'Ben'), await joinPlayer(arena, code, 'Cy')];
  const ctx = await quietProjector(browser, arena);
  await ctx.addInitScript(([c, t]) => localStorage.setItem('arena.resume.host', JSON.stringify({ code: c, token: t })), [code, hostSecret]);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto('/#/host');
  await page.locator('#start-game').click(WAIT);
  await playGame(page, players, [w], tag, { ...opts, variants: true });
  expect(errors).toEqual([]);
  await ctx.close();
}

export interface WalkEnv {
  browser: Browser;
  arena: RunningArena;
}

/**
 * The whole of a projector-fit-*.test.ts file: a Chromium connection and a server of its own (the harness's
 * `launchBrowser` and `startArena`, which the file imports, so that the browser project finds it), share `index`
 * of `count` of the walk, and `more` tests on the same browser and server.
 */
export function walkFile(harness: { launchBrowser(): Promise<Browser>; startArena(): Promise<RunningArena> }, index: number, count: number, more?: (env: () => WalkEnv) => void): void {
  let env: WalkEnv | null = null;
  beforeAll(async () => {
    const [browser, arena] = await Promise.all([harness.launchBrowser(), harness.startArena()]);
    env = { browser, arena };
  }, 240_000);
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await env?.browser.close();
    await env?.arena.close();
  });
  const get = (): WalkEnv => {
    if (!env) throw new Error('the browser and server did not start');
    return env;
  };
  const tag = String.fromCharCode(97 + index);
  describe('projector', () => {
    it(`fits the largest questions on one 16:9 screen at three sizes, question to podium (share ${index + 1} of ${count})`, async () => {
      await walkProjector(get().browser, get().arena, walkShare(index, count), tag, { frame: index === 0 });
    }, 900_000);
  });
  more?.(get);
}
