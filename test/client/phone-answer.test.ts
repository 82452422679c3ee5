/**
 * Answering on a phone, in Debian Chromium with touch at 390×844 (and a 360×640 layout check): the keypad
 * builds answers tap by tap, a typo cannot be sent, a readable draft left unsent scores at time-up, layer and
 * Jacobian boxes take keypad input. The host is a real Socket.IO client; the phone is the built client.
 * Screenshots of every state go to test-output/screenshots/phone-*.png. Every answer kind with the largest
 * questions at 360×640: phone-fit.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { DEFAULT_SETTINGS, type CreatedRoom, type RoomSettings } from '../../shared/protocol';
import { newContext, PHONE, screenshot, watchErrors } from './browser';
import { connectSocket, request } from './game-socket';
import { useArena } from './use-arena';
import { holdBackYou, type LateYou } from './late-you';

const env = useArena();
const { contexts, sockets } = env;

const socket = (): Promise<Socket> => connectSocket(env.arena.url, sockets);
// A teacher task starts the solver worker on the first room: allow a busy CI machine its time.
const call = <T>(s: Socket, event: string, payload: unknown): Promise<T> => request<T>(s, event, payload);

/**
 * A room with one teacher task; a silent second player keeps the round open until time-up or a skip. `prepare`
 * runs on the phone's page before it opens the game (e.g. to route its WebSocket).
 */
async function game(task: { family: string; task: Record<string, unknown> } | null, over: Partial<RoomSettings> = {}, prepare?: (page: Page) => Promise<void>) {
  const host = await socket();
  // No task: a generated chain question (no task to solve before the room exists).
  const source = task ? ({ kind: 'tasks', tasks: [task] } as RoomSettings['source']) : ({ kind: 'generated', families: ['chain'], difficulty: 1 } as RoomSettings['source']);
  const settings: RoomSettings = { ...DEFAULT_SETTINGS, source, questionCount: 1, secondsPerQuestion: 300, entryMode: 'final', ...over };
  const created = await call<CreatedRoom>(host, 'room:create', { mode: 'classroom', settings });
  const silent = await socket();
  await call(silent, 'room:join', { code: created.code, nickname: 'Silent' });
  const ctx = await newContext(env.browser, PHONE, env.arena.url);
  contexts.push(ctx);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await prepare?.(page);
  await page.goto(`/?code=${created.code}`);
  await page.fill('#nickname', 'Phone');
  await page.locator('#join-button').tap();
  await page.locator('#player-lobby').waitFor({ timeout: 20_000 });
  await call(host, 'host:command', { type: 'start' });
  await page.locator('#player-question').waitFor({ timeout: 20_000 });
  await page.locator('#keypad').waitFor({ timeout: 20_000 });
  return { page, host, room: created, errors, skip: () => call(host, 'host:command', { type: 'skip' }) };
}

/** Taps keypad keys by their labels; returns how many taps that was. */
async function tap(page: Page, ...labels: string[]): Promise<number> {
  for (const label of labels) await page.locator(`#keypad [data-key="${label}"]`).tap();
  return labels.length;
}

/** The active box, its preview and the reason line are all above the docked keypad, and nothing scrolls sideways. */
async function layoutOk(page: Page): Promise<void> {
  const box = await page.evaluate(() => {
    const input = document.activeElement as HTMLElement | null;
    const field = input?.closest('.math-input') ?? null;
    const preview = field?.querySelector('.preview') ?? document.querySelector('#grid-preview');
    const dock = document.querySelector('#answer-dock .dock-bar');
    const bottom = (el: Element | null | undefined) => el?.getBoundingClientRect().bottom ?? Infinity;
    return {
      tag: input?.tagName,
      inputBottom: bottom(input),
      previewBottom: bottom(preview),
      inputTop: input?.getBoundingClientRect().top ?? -1,
      dockTop: dock?.getBoundingClientRect().top ?? 0,
      sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
  expect(box.tag).toBe('INPUT');
  expect(box.inputTop).toBeGreaterThanOrEqual(0);
  expect(box.inputBottom).toBeLessThanOrEqual(box.dockTop);
  expect(box.previewBottom).toBeLessThanOrEqual(box.dockTop);
  expect(box.sideways).toBeLessThanOrEqual(0);
}

const CHAIN = { family: 'chain', task: { expr: 'sin(x^2)', var: 'x' } };

describe('answering on a phone with the keypad', () => {
  it('builds 2x cos(x^2) in 5 taps, previews it, and gets it accepted', async () => {
    const { page, errors } = await game(CHAIN);
    await screenshot(page, 'phone-question-start');
    const taps = await tap(page, '2', 'x', 'cos', 'x', 'x²');
    expect(taps).toBe(5);
    const input = page.locator('.layer-row.final input');
    expect(await input.inputValue()).toBe('2x cos(x^2)');
    expect(await input.getAttribute('inputmode')).toBe('none');
    for (const attr of ['autocorrect', 'autocapitalize', 'spellcheck']) expect(await input.getAttribute(attr)).toMatch(/off|false/);
    await page.locator('.layer-row.final [data-preview]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#submit-answer').isEnabled()).toBe(true);
    // The diagram folded away while typing, and comes back with one tap.
    expect(await page.locator('#diagram').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await layoutOk(page);
    await screenshot(page, 'phone-keypad-built');
    await page.locator('#submit-answer').tap();
    await page.locator('#answer-verdict').waitFor({ timeout: 15_000 });
    expect(await page.locator('#answer-verdict [data-verdict]').first().getAttribute('data-verdict')).toBe('right');
    await screenshot(page, 'phone-keypad-accepted');
    expect(errors).toEqual([]);
  }, 120_000);

  it('sends an answer whose ack was lost again with the same key, and it counts once', async () => {
    // The phone's WebSocket passes through a route that drops the server's first acknowledgement of an answer, as a
    // connection that dies at the wrong moment would: the phone cannot know whether its answer arrived.
    const submits: Array<{ id: string; key: unknown; final: unknown }> = [];
    let dropped = 0;
    const { page, host, room, errors } = await game(null, {}, (p) =>
      p.routeWebSocket(/\/socket\.io\//, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((m) => {
          const sent = typeof m === 'string' ? /^42(\d+)\["answer:submit",(.*)\]$/s.exec(m) : null;
          if (sent) {
            const payload = JSON.parse(sent[2] ?? '{}') as { key?: unknown; final?: unknown };
            submits.push({ id: sent[1] ?? '', key: payload.key, final: payload.final });
          }
          server.send(m);
        });
        server.onMessage((m) => {
          const ack = typeof m === 'string' ? /^43(\d+)\[/.exec(m) : null;
          if (ack && dropped === 0 && ack[1] === submits[0]?.id) {
            dropped++;
            return;
          }
          ws.send(m);
        });
      }),
    );
    // Any readable answer: what is checked is that it is applied once, not whether it is right.
    await tap(page, '2', 'x');
    await page.locator('#submit-answer').tap();
    // No ack within the client's 8 s: the same payload goes again, with the same key, and is acknowledged.
    await page.locator('#answer-verdict').waitFor({ timeout: 30_000 });
    expect(dropped).toBe(1);
    expect(submits).toHaveLength(2);
    expect(submits[1]?.key).toBe(submits[0]?.key);
    expect(submits[0]?.key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(submits[1]?.final).toEqual(submits[0]?.final);
    expect(await page.locator('#answer-verdict [data-verdict]').first().getAttribute('data-verdict')).toMatch(/^(right|wrong)$/);
    // Counted once: the host sees one answer; the phone was never told it had already answered.
    const view = await call<{ phase: string; answered?: number }>(host, 'host:claim', { code: room.code, hostSecret: room.hostSecret });
    expect([view.phase, view.answered]).toEqual(['question', 1]);
    expect(await page.locator('#player-question').textContent()).not.toMatch(/already answered/i);
    expect(errors).toEqual([]);
  }, 120_000);

  it('cannot send a typo, shows why, and scores once it is fixed', async () => {
    const { page, skip, errors } = await game(CHAIN);
    await tap(page, '2', 'x', 'cos', 'x', 'x²', '→', '⌫');
    expect(await page.locator('.layer-row.final input').inputValue()).toBe('2x cos(x^2');
    expect(await page.locator('#submit-answer').isDisabled()).toBe(true);
    expect(await page.locator('#submit-reason').textContent()).toMatch(/Unbalanced parentheses/);
    expect(await page.locator('.layer-row.final [data-parse-error]').textContent()).toMatch(/Unbalanced/);
    await layoutOk(page);
    await screenshot(page, 'phone-typo-blocked');
    await tap(page, ')');
    expect(await page.locator('#submit-answer').isEnabled()).toBe(true);
    expect(await page.locator('#submit-reason').isHidden()).toBe(true);
    await page.locator('#submit-answer').tap();
    await page.locator('#answer-verdict').waitFor({ timeout: 15_000 });
    await skip();
    await page.locator('#reveal-verdict').waitFor({ timeout: 15_000 });
    expect(await page.locator('#reveal-verdict [data-verdict]').first().getAttribute('data-verdict')).toBe('right');
    expect(Number(/\+(\d+)/.exec((await page.locator('#my-points').textContent()) ?? '')?.[1])).toBeGreaterThan(0);
    await screenshot(page, 'phone-typo-fixed-scored');
    expect(errors).toEqual([]);
  }, 120_000);

  it('warns in the last 10 seconds and scores a readable draft left unsent at time-up', async () => {
    const { page, errors } = await game(CHAIN, { secondsPerQuestion: 12 });
    await tap(page, '2', 'x', 'cos', 'x', 'x²');
    await page.locator('#not-sent-warning').waitFor({ timeout: 15_000 });
    expect(await page.locator('#not-sent-warning').textContent()).toMatch(/not sent/);
    await screenshot(page, 'phone-draft-warning');
    await page.locator('#reveal-verdict').waitFor({ timeout: 30_000 });
    expect(await page.locator('#reveal-verdict [data-verdict]').first().getAttribute('data-verdict')).toBe('right');
    expect(Number(/\+(\d+)/.exec((await page.locator('#my-points').textContent()) ?? '')?.[1])).toBeGreaterThan(0);
    expect(await page.locator('#from-draft').textContent()).toMatch(/not submitted/i);
    await screenshot(page, 'phone-draft-scored');
    expect(errors).toEqual([]);
  }, 120_000);

  it('never says "No answer" at a reveal while its own result is still on the way', async () => {
    // The server sends the reveal to the room, then each player's own `you` (in slices in a large room). Here the
    // phone's route holds every `you` back, as a busy server or network would: the reveal must wait for it.
    let you!: LateYou;
    const { page, skip, errors } = await game(CHAIN, {}, async (p) => {
      you = await holdBackYou(p);
    });
    // Typed, never sent: the draft is taken when the round closes, so only the `you` can say it counted.
    await tap(page, '2', 'x', 'cos', 'x', 'x²');
    // The phone sends drafts as the typing goes: wait until the server has acknowledged the one with the whole answer.
    await expect.poll(() => you.drafts().some((d) => d.includes('2x cos(x^2)')), { timeout: 15_000 }).toBe(true);
    await skip();
    await page.locator('#reveal-verdict').waitFor({ timeout: 20_000 });
    expect(await page.locator('#reveal-verdict [data-verdict]').first().getAttribute('data-verdict')).toBe('right');
    expect(await page.locator('#from-draft').textContent()).toMatch(/not submitted/i);
    const seen = await you.verdictsSeen();
    expect(you.heldBack()).toBeGreaterThan(0);
    expect(seen[0], `verdicts shown in turn: ${JSON.stringify(seen)}`).toMatch(/^reveal-pending: Your result/);
    expect(seen.filter((t) => /No answer/.test(t)), `verdicts shown in turn: ${JSON.stringify(seen)}`).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('takes layer answers in u with the keypad and moves box to box with next', async () => {
    const { page, errors } = await game(CHAIN, { entryMode: 'layers' });
    const layer = page.locator('.layer-row[data-layer] input');
    expect(await layer.count()).toBe(2);
    // The boxes read as the diagram does, innermost first: Box 1 is x² written in x, Box 2 is sin(u).
    expect(await page.locator('.layer-row[data-layer]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-layer')))).toEqual(['1', '0']);
    expect(await page.locator('.layer-row[data-layer="1"] .layer-label').innerText()).toMatch(/^Box 1 \(inner\)\s*f\(x\) =/);
    expect(await page.locator('.layer-row[data-layer="0"] .layer-label').innerText()).toMatch(/^Box 2 \(outer\)\s*f\(u\) =/);
    await screenshot(page, 'phone-layers-start');
    let taps = await tap(page, '2', 'x', 'next ⇥');
    taps += await tap(page, 'cos', 'u', 'next ⇥');
    // A reload mid-question puts back what was typed (the seat resumes; the boxes are restored).
    await page.reload();
    await page.locator('#keypad').waitFor({ timeout: 20_000 });
    expect(await layer.nth(0).inputValue()).toBe('2x');
    await page.locator('.layer-row.final input').tap();
    taps += await tap(page, '2', 'x', 'cos', 'x', 'x²');
    expect(await layer.nth(0).inputValue()).toBe('2x');
    expect(await layer.nth(1).inputValue()).toBe('cos(u)');
    expect(await page.locator('#keypad [data-key="u"]').count()).toBe(0);
    await layer.nth(1).tap();
    expect(await page.locator('#keypad [data-key="u"]').count()).toBe(1);
    await layoutOk(page);
    await screenshot(page, 'phone-layers-keypad');
    await page.locator('#submit-answer').tap();
    taps += 1;
    await page.locator('#answer-verdict').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-layer-verdict] [data-verdict]').evaluateAll((els) => els.map((e) => e.getAttribute('data-verdict')))).toEqual(['right', 'right']);
    expect(await page.locator('[data-layer-verdict]').allInnerTexts()).toEqual([expect.stringMatching(/^Box 1 \(inner\): /), expect.stringMatching(/^Box 2 \(outer\): /)]);
    // 11 keypad taps for three boxes + Submit (the tap back into the product box after the reload is not
    // counted: without a reload, next ⇥ already put the caret there).
    expect(taps).toBe(12);
    await screenshot(page, 'phone-layers-answered');
    expect(errors).toEqual([]);
  }, 120_000);

  it('fills a 2×2 numeric Jacobian with the keypad alone, minus signs included', async () => {
    const task = { family: 'jacobian', task: { outer: ['u*v', 'u-v'], outerVars: ['u', 'v'], inner: ['x^2', 'y'], innerVars: ['x', 'y'], at: { x: 1, y: 2 } } };
    const { page, errors } = await game(task);
    const cells = page.locator('.matrix-grid input');
    expect(await cells.count()).toBe(4);
    // Number cells: no variable keys, and the keypad is the only keyboard.
    expect(await page.locator('#keypad [data-key="x"]').count()).toBe(0);
    let taps = 0;
    const entries = ['4', '1', '2', '−1'];
    for (const [i, entry] of entries.entries()) {
      taps += await tap(page, ...[...entry]);
      if (i < entries.length - 1) taps += await tap(page, 'next ⇥');
    }
    expect(await cells.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['4', '1', '2', '-1']);
    expect(await cells.first().getAttribute('inputmode')).toBe('none');
    expect(taps).toBe(8);
    await layoutOk(page);
    await screenshot(page, 'phone-jacobian-keypad');
    await page.locator('#submit-answer').tap();
    await page.locator('#answer-verdict').waitFor({ timeout: 15_000 });
    expect(await page.locator('#answer-verdict [data-verdict]').first().getAttribute('data-verdict')).toBe('right');
    expect(errors).toEqual([]);
  }, 120_000);

  it('switches to the system keyboard and back, and fits a 360×640 phone', async () => {
    const { page } = await game(CHAIN);
    await page.setViewportSize({ width: 360, height: 640 });
    await tap(page, '2', 'x', 'cos', 'x', 'x²');
    await layoutOk(page);
    await screenshot(page, 'phone-360-keypad');
    await page.locator('#keypad-toggle').tap();
    const input = page.locator('.layer-row.final input');
    expect(await input.getAttribute('inputmode')).toBe('text');
    expect(await page.locator('#keypad').isHidden()).toBe(true);
    await screenshot(page, 'phone-360-keyboard-mode');
    await page.locator('#keypad-toggle').tap();
    expect(await input.getAttribute('inputmode')).toBe('none');
    await page.locator('#diagram > summary').tap();
    expect(await page.locator('#diagram').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await screenshot(page, 'phone-360-diagram-reopened');
  }, 120_000);
});
