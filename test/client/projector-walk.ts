/**
 * The projector walk shared by projector-fit-*.test.ts: one game of the given families at difficulty 5 on one
 * live page, walked through question, reveal steps, leaderboard and podium at 1280×720, 1920×1080 and
 * 3840×2160 (the resizes are the live-resize test: the diagram and formulas must re-lay out each time). Asserts
 * no page scroll, nothing outside the viewport or clipped, no formula wider than its box, and no text under
 * 28 px at 1920×1080 as the audience sees it (font size × any fit scale: formulas and diagram labels included).
 * On every screen with a diagram the Phaser loop must be asleep (render on change only) and the canvas not blank. Screenshots go to test-output/screenshots/projector-*.png. Split in two files so the two
 * halves run side by side in the browser project.
 */
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { solveTask, type Family } from '../../shared/questions/index';
import { PROTOCOL_VERSION, type Ack, type PlayerPhaseView } from '../../shared/protocol';
import { newContext, screenshot, watchErrors } from './browser';
import type { RunningArena } from './arena-server';
import { measureScreen } from './projector-measure';

const ALL_SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
] as const;
const MIN_FONT_AT_1080P = 28;
const WAIT = { timeout: 30_000 };

/** Player sockets opened by the walk; the test file disconnects them in its afterAll. */
export const sockets: Socket[] = [];

interface Player {
  socket: Socket;
  state: PlayerPhaseView | null;
}

async function joinPlayer(arena: RunningArena, code: string, nickname: string): Promise<Player> {
  const socket = io(arena.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true, reconnection: false });
  sockets.push(socket);
  const player: Player = { socket, state: null };
  socket.on('state', (s: PlayerPhaseView) => (player.state = s));
  const res = (await socket.timeout(10_000).emitWithAck('room:join', { code, nickname })) as Ack<{ state: PlayerPhaseView }>;
  if (!res.ok) throw new Error(`join refused: ${res.error}`);
  player.state = res.data.state;
  return player;
}

/** Submits the real answer (solved from the public task) or a wrong one; waits for the ack. */
async function answer(p: Player, right: boolean): Promise<void> {
  const s = p.state;
  if (s?.phase !== 'question') throw new Error('no open question for the player');
  const q = solveTask(s.question.family, s.question.task);
  const final = right ? (q.answer.expr ?? q.answer.matrix ?? q.answer.value ?? '0') : s.question.answerKind === 'expr' ? '0' : 0;
  const res = (await p.socket.timeout(10_000).emitWithAck('answer:submit', { index: s.index, final })) as Ack<unknown>;
  if (!res.ok) throw new Error(`answer refused: ${res.error}`);
}

async function setSize(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  // Live resize: every formula box refits and the diagram re-lays out for its new panel size.
  await page.waitForFunction(() => {
    const boxes = [...document.querySelectorAll<HTMLElement>('.fit-box')];
    const fitted = boxes.every((b) => b.getClientRects().length === 0 || (b.dataset.typeset === 'true' && b.dataset.fitFor === String(b.clientWidth)))
      && [...document.querySelectorAll<HTMLElement>('#class-stats')].every((b) => b.dataset.fitScale !== undefined);
    const host = document.querySelector<HTMLElement>('#host-view');
    const view = host?.querySelector<HTMLElement>('.cra-view');
    const laid = !host || host.hidden || host.getClientRects().length === 0 || view?.dataset.laidFor === `${Math.floor(host.getBoundingClientRect().width)}x${Math.floor(host.getBoundingClientRect().height)}`;
    return fitted && laid && document.fonts.status === 'loaded';
  }, undefined, WAIT).catch(async (err: unknown) => {
    const why = await page.evaluate(() => JSON.stringify({
      boxes: [...document.querySelectorAll<HTMLElement>('.fit-box')].map((b) => [b.id, b.dataset.typeset, b.dataset.fitFor, b.clientWidth]),
      view: document.querySelector<HTMLElement>('#host-view .cra-view')?.dataset,
      host: document.querySelector('#host-view')?.getBoundingClientRect(),
      fonts: document.fonts.status,
    }));
    throw new Error(`no re-layout after resizing to ${size.width}: ${why}`, { cause: err });
  });
}

const shrinkLog: string[] = [];
/** The smallest text the audience sees at 1920×1080 on each screen kind, for the log. */
const minAt1080 = new Map<string, number>();

/**
 * Screenshots cost more than the checks (a 4K PNG is 8 megapixels): by default only the 1080p screens are saved,
 * which is what a person looks at; `ARENA_SCREENSHOTS=all` saves every size too. The checks run at every size
 * either way.
 */
async function shot(page: Page, name: string, width: number): Promise<void> {
  if (width !== 1920 && process.env.ARENA_SCREENSHOTS !== 'all') return;
  // The slide's entrance animation would leave it half faded in the picture.
  await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
  await screenshot(page, name);
}

async function check(page: Page, label: string, size: { width: number }): Promise<void> {
  await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
  // Render on change only: once a diagram has drawn, its Phaser loop sleeps (no redraw every frame when idle).
  if (await page.locator('#host-view .cra-view').count() > 0 && await page.locator('#host-view').isVisible()) {
    await page.locator('#host-view .cra-view[data-loop="asleep"]').waitFor({ state: 'attached', ...WAIT });
    // Asleep, the canvas still shows its drawing (boxes, arrows), not only the labels over it.
    const ink = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('#host-view canvas');
      const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
      if (!c || !probe) return -1;
      probe.canvas.width = 160;
      probe.canvas.height = 90;
      probe.drawImage(c, 0, 0, 160, 90);
      const px = probe.getImageData(0, 0, 160, 90).data;
      let n = 0;
      for (let i = 3; i < px.length; i += 4) if ((px[i] ?? 0) > 0) n++;
      return n;
    });
    expect(ink, `${label} at ${size.width}px: the diagram's canvas is blank`).toBeGreaterThan(20);
  }
  const m = await measureScreen(page, size.width === 1920 ? MIN_FONT_AT_1080P : 0);
  if (size.width === 1920) {
    const key = label.replace(/ step \d+$/, '');
    minAt1080.set(key, Math.min(minAt1080.get(key) ?? Infinity, m.minFont));
  }
  if (m.shrunk.length > 0) shrinkLog.push(`${label}@${size.width}: ${m.shrunk.join(', ')}`);
  if (m.problems.length > 0) {
    const view = await page.evaluate(() => {
      const v = document.querySelector<HTMLElement>('#host-view .cra-view');
      return JSON.stringify({ data: v?.dataset, inner: (v?.firstElementChild as HTMLElement | null)?.style.cssText });
    });
    m.problems.push(`(diagram: ${view})`);
  }
  expect(m.problems, `${label} at ${size.width}px`).toEqual([]);
}

/**
 * Plays one game of `families` (one question each, difficulty 5) on a projector page and checks every screen at
 * the three sizes: the question, each reveal step (every step at 1080p, the first and last at the other sizes,
 * since the steps share their layout), leaderboard and podium. `tag` keeps screenshot names apart.
 */
export interface WalkOptions {
  /** A variant per player: the reveal must show the general solution and label the steps as one example. */
  variants?: boolean;
  /** The sizes to check (all three by default). */
  sizes?: ReadonlyArray<{ width: number; height: number }>;
}

export async function walkProjector(browser: Browser, arena: RunningArena, families: readonly Family[], tag: string, opts: WalkOptions = {}): Promise<void> {
  const SIZES = opts.sizes ?? ALL_SIZES;
  {
    const ctx = await newContext(browser, { width: 1920, height: 1080 }, arena.url);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    await page.click('#create-classroom');
    await page.locator('#host-setup').waitFor(WAIT);
    for (const box of await page.locator('input[name=family]').all()) await box.setChecked(false);
    for (const f of families) {
      await page.check(`input[name=family][value=${f}]`);
      await page.selectOption(`select[data-family="${f}"]`, '5');
    }
    await page.fill('#set-count', String(families.length));
    await page.fill('#set-seconds', '600');
    await page.selectOption('#set-board', '5');
    if (opts.variants) await page.selectOption('#set-variants', 'per-player');
    await screenshot(page, `projector-${tag}-setup-1920`);
    await page.click('#open-lobby');
    const code = ((await page.locator('#room-code-display').textContent(WAIT)) ?? '').trim();
    const players = [await joinPlayer(arena, code, 'Ada'), await joinPlayer(arena, code, 'Ben'), await joinPlayer(arena, code, 'Cy')];
    await page.locator('#lobby-players li[data-player]').nth(2).waitFor(WAIT);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await check(page, 'lobby', size);
      await shot(page, `projector-${tag}-lobby-${size.width}`, size.width);
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.click('#start-game');

    const seen = new Set<Family>();
    for (let i = 0; i < families.length; i++) {
      await page.locator('#host-question').waitFor(WAIT);
      const family = (await page.locator('#host-view .cra-view').getAttribute('data-family', WAIT)) as Family;
      seen.add(family);
      for (const size of SIZES) {
        await setSize(page, size);
        await check(page, `${family} question`, size);
        await shot(page, `projector-${tag}-${i + 1}-${family}-question-${size.width}`, size.width);
      }
      await answer(players[i % 2]!, true);
      await answer(players[(i + 1) % 2]!, false);
      await page.click('#skip-button');
      await page.locator('#host-reveal').waitFor(WAIT);
      // The answer and the class's results first; the worked steps one key away (↓), their number shown only there.
      const steps = Number(await page.locator('#step-counter').getAttribute('data-steps'));
      expect(steps).toBeGreaterThan(0);
      if (opts.variants) {
        // The general solution in symbols first, the results labelled as a variant game.
        await expect(page.locator('#reveal-slide h2').first().textContent()).resolves.toContain('general solution');
        await page.locator('#reveal-answer[data-typeset="true"] .katex').first().waitFor(WAIT);
        await expect(page.locator('#variant-pill').textContent()).resolves.toBe('Variant game');
        await expect(page.locator('#class-stats .stats-head').textContent()).resolves.toMatch(/got their variant right/);
      }
      for (const size of SIZES) {
        await setSize(page, size);
        for (let k = 0; k <= steps; k++) {
          await page.locator(`#reveal-slide[data-slide="${k}"]`).waitFor(WAIT);
          if (size.width === 1920 || k === 0 || k === steps) {
            await setSize(page, size);
            await check(page, `${family} reveal step ${k}`, size);
            await shot(page, `projector-${tag}-${i + 1}-${family}-reveal-${k}-${size.width}`, size.width);
            if (opts.variants && k > 0) await expect(page.locator('#variant-tag').textContent()).resolves.toMatch(/one student's variant/);
          }
          if (k < steps) await page.keyboard.press('ArrowDown');
        }
        if (size !== SIZES[SIZES.length - 1]) {
          // Back to the start with the clicker's back key, then the same steps at the next size.
          for (let k = steps; k > 0; k--) await page.keyboard.press('PageUp');
          await page.locator('#reveal-slide[data-slide="0"]').waitFor(WAIT);
        }
      }
      // → (or a clicker's PageDown) moves the game on from any slide: one way forward.
      await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'PageDown');
      await page.locator('#host-question, #host-leaderboard, #host-finished').first().waitFor(WAIT);
      if (await page.locator('#host-leaderboard').isVisible()) {
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
          await check(page, 'leaderboard', size);
          await shot(page, `projector-${tag}-${i + 1}-leaderboard-${size.width}`, size.width);
        }
        await page.keyboard.press('ArrowRight');
      }
    }
    expect([...seen].sort()).toEqual([...families].sort());
    await page.locator('#host-finished').waitFor(WAIT);
    await page.locator('.host-podium .place.p1.shown').waitFor(WAIT);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
      await check(page, 'podium', size);
      await shot(page, `projector-${tag}-podium-${size.width}`, size.width);
    }
    expect(errors).toEqual([]);
    console.log(`formulas and diagrams shrunk to fit:\n${shrinkLog.join('\n')}`);
    console.log(`smallest text at 1920×1080 (px):\n${[...minAt1080].map(([k, v]) => `${k}: ${v.toFixed(1)}`).join('\n')}`);
  }
}
