/**
 * Every answer kind fits a 360×640 phone, for the largest questions the generators make (the walk of
 * test/support/largest-questions.json, played as the teacher's own questions; layer-by-layer entry, so a chain
 * has one box per layer): on the question, the first box, its preview and the docked keypad are on screen, nothing
 * sticks out of the screen sideways; at the reveal, nothing sticks out either. A formula wider than the phone even at 60 % scrolls inside its own box (the prompt, a worked step),
 * never the page. The host is a real Socket.IO client; the phone is the built client in Chromium with touch. A
 * failure names the seed, family, difficulty, task and answer, and saves a screenshot; `ARENA_SCREENSHOTS=all`
 * saves every screen, at 390×844 too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { DEFAULT_SETTINGS, type CreatedRoom, type RoomSettings } from '../../shared/protocol';
import { launchBrowser, newContext, SAVE_SCREENSHOTS, saveScreenshot, screenshot, settle, watchErrors } from './browser';
import { startArena, type RunningArena } from './arena-server';
import { connectSocket, request } from './game-socket';
import { describeQuestion, walkQuestions, type WalkQuestion } from '../support/walk-questions';

let browser: Browser;
let arena: RunningArena;
const sockets: Socket[] = [];

beforeAll(async () => {
  [browser, arena] = await Promise.all([launchBrowser(), startArena()]);
}, 240_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await browser?.close();
  await arena?.close();
});

const SMALL = { width: 360, height: 640 };
const PHONE_SIZE = { width: 390, height: 844 };
const WAIT = { timeout: 30_000 };

const socket = (): Promise<Socket> => connectSocket(arena.url, sockets);
// The first task list starts the server's solver worker: allow a busy machine its time.
const call = <T>(s: Socket, event: string, payload: unknown): Promise<T> => request<T>(s, event, payload, 90_000);

/**
 * What sticks out of a phone screen, in words: the page scrolling sideways, any text or input beyond the screen's
 * edges (unless it sits in a box that scrolls sideways by itself).
 */
function phoneProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw + 1) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})`);
    const scrolls = (el: Element | null): boolean => {
      for (let a = el?.parentElement ?? null; a && a.id !== 'app'; a = a.parentElement) {
        if (/auto|scroll/.test(getComputedStyle(a).overflowX)) return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll('#app *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '') || el.tagName === 'INPUT' || el.tagName === 'BUTTON';
      if (!own || el.closest('.katex-mathml')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if ((r.left < -1 || r.right > vw + 1) && !scrolls(el)) {
        problems.push(`sticks out sideways: ${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 30)}" at ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
    }
    return problems;
  });
}

/** The active box, its preview and the reason line are all above the docked keypad, and nothing scrolls sideways. */
async function answerBoxOnScreen(page: Page): Promise<string[]> {
  const box = await page.evaluate(() => {
    const input = document.activeElement as HTMLElement | null;
    const field = input?.closest('.math-input') ?? null;
    const preview = field?.querySelector('.preview') ?? document.querySelector('#grid-preview');
    const dock = document.querySelector('#answer-dock .dock-bar');
    const bottom = (el: Element | null | undefined): number => el?.getBoundingClientRect().bottom ?? Infinity;
    return {
      tag: input?.tagName,
      inputTop: input?.getBoundingClientRect().top ?? -1,
      inputBottom: bottom(input),
      previewBottom: bottom(preview),
      dockTop: dock?.getBoundingClientRect().top ?? 0,
      keys: document.querySelectorAll('#keypad .keypad-letters .key').length,
    };
  });
  const problems: string[] = [];
  if (box.tag !== 'INPUT') problems.push(`the focus is on ${box.tag}, not an answer box`);
  if (box.inputTop < 0 || box.inputBottom > box.dockTop) problems.push(`the answer box (${box.inputTop}–${box.inputBottom}) is not above the keypad (${box.dockTop})`);
  if (box.previewBottom > box.dockTop) problems.push(`the preview (bottom ${box.previewBottom}) is under the keypad (${box.dockTop})`);
  if (box.keys > 14) problems.push(`${box.keys} letter keys (at most 14 fit)`);
  return problems;
}

async function shots(page: Page, name: string, failed: boolean): Promise<void> {
  if (!failed && !SAVE_SCREENSHOTS) return;
  await saveScreenshot(page, `${name}-360`);
  if (!SAVE_SCREENSHOTS) return;
  await page.setViewportSize(PHONE_SIZE);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize(SMALL);
}

async function walkOne(page: Page, host: Socket, w: WalkQuestion, i: number): Promise<void> {
  const name = `phone-fit-${i + 1}-${w.family}-${w.difficulty}-${w.seed}`;
  await page.locator('#player-question').waitFor(WAIT);
  await page.locator('#keypad').waitFor(WAIT);
  // The phone shows the question the server solved from the task: the generated question's own task and prompt.
  const prompt = page.locator('#question-prompt');
  expect(await prompt.getAttribute('data-family')).toBe(w.family);
  expect(JSON.parse((await prompt.getAttribute('data-task')) ?? 'null')).toEqual(w.question.task);
  await prompt.locator('.katex').first().waitFor(WAIT);
  // A digit in the first box, so its preview shows, as a student would start.
  await page.locator('#keypad [data-key="1"]').tap();
  await settle(page);
  const asked = [...await answerBoxOnScreen(page), ...await phoneProblems(page)];
  await shots(page, `${name}-question`, asked.length > 0);
  expect(asked, `question (screenshot ${name}-question-360.png)`).toEqual([]);
  await call(host, 'host:command', { type: 'skip', expect: { phase: 'question', index: i } });
  await page.locator('#player-reveal').waitFor(WAIT);
  // Not answered, so the worked solution is open: every step's formula typeset.
  await page.locator('#player-reveal .steps li .step-math .katex').nth(w.question.steps.length - 1).waitFor(WAIT);
  const revealed = await phoneProblems(page);
  await shots(page, `${name}-reveal`, revealed.length > 0);
  expect(revealed, `reveal (screenshot ${name}-reveal-360.png)`).toEqual([]);
}

describe('every answer kind fits a 360×640 phone', () => {
  it('keeps the first box, its preview and the keypad on screen, nothing sideways, for the largest questions', async () => {
    const questions = walkQuestions();
    const host = await socket();
    const settings: RoomSettings = {
      ...DEFAULT_SETTINGS, source: { kind: 'tasks', tasks: questions.map((w) => ({ family: w.family, task: w.question.task as unknown as Record<string, unknown> })) },
      questionCount: questions.length, secondsPerQuestion: 600, entryMode: 'layers', leaderboardEvery: 0,
    };
    const created = await call<CreatedRoom>(host, 'room:create', { mode: 'classroom', settings });
    const silent = await socket();
    await call(silent, 'room:join', { code: created.code, nickname: 'Silent' });
    // Reduced motion: the walk measures screens at rest (see projector-walk.ts).
    const ctx = await newContext(browser, SMALL, arena.url, { reducedMotion: 'reduce' });
    ctx.setDefaultTimeout(WAIT.timeout);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`/?code=${created.code}`);
    await page.fill('#nickname', 'Small');
    await page.locator('#join-button').tap();
    await page.locator('#player-lobby').waitFor(WAIT);
    for (const [i, w] of questions.entries()) {
      await call(host, 'host:command', i === 0 ? { type: 'start' } : { type: 'next', expect: { phase: 'reveal', index: i - 1 } });
      try {
        await walkOne(page, host, w, i);
      } catch (err) {
        throw new Error(`question ${i + 1} of the phone walk: ${describeQuestion(w)}\n${(err as Error).message}`, { cause: err });
      }
    }
    expect(errors).toEqual([]);
    await ctx.close();
  }, 600_000);
});
