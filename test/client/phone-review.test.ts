/**
 * The phone's standing and end-of-game review, in Chromium against the real server: the host and a second
 * player (Bo) are real Socket.IO clients; the phone player answers one question right, one with a named mistake,
 * leaves a typed draft unsent on the third and does not answer the fourth. Each reveal shows her rank and the gap
 * to the next place (a tie included); at "Game over" the phone lists all four with both answers, the mistake,
 * the draft and the points; the report page marks the draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { DEFAULT_SETTINGS, PROTOCOL_VERSION, type Ack, type CreatedRoom, type SeatGrant, type YouView } from '../../shared/protocol';
import { solveTask, type Family, type Question } from '../../shared/questions/index';
import { productionBuild, launchBrowser, newContext, PHONE, screenshot, watchErrors } from './browser';
import { startArena, type RunningArena } from './arena-server';

let browser: Browser;
let arena: RunningArena;
let ctx: BrowserContext | undefined;
let host: Socket | undefined;
let bo: Socket | undefined;
let room: CreatedRoom | undefined;

beforeAll(async () => {
  await productionBuild();
  browser = await launchBrowser();
  arena = await startArena();
}, 240_000);

afterAll(async () => {
  host?.disconnect();
  bo?.disconnect();
  await ctx?.close().catch(() => undefined);
  await browser?.close();
  await arena?.close();
});

async function call<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const res = (await socket.timeout(15_000).emitWithAck(event, payload)) as Ack<T>;
  if (!res.ok) throw new Error(`refused: ${res.error}`);
  return res.data;
}

async function shown(page: Page): Promise<Question> {
  const el = page.locator('#question-prompt');
  await el.waitFor({ timeout: 30_000 });
  return solveTask((await el.getAttribute('data-family')) as Family, JSON.parse((await el.getAttribute('data-task')) ?? '{}') as never);
}

async function answer(page: Page, text: string): Promise<void> {
  await page.locator('.expr-input').last().fill(text);
  await page.click('#submit-answer');
  await page.locator('#answer-verdict, #reveal-verdict').first().waitFor({ timeout: 15_000 });
}

describe('personal review on the phone', () => {
  it('shows rank and gap at each reveal, and lists every question with both answers, the mistake, a draft and no answer', async () => {
    host = io(arena.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true, reconnection: false });
    // Without speed scoring every right answer is worth 1000: the ranks and gaps below are exact.
    const settings = {
      ...DEFAULT_SETTINGS, source: { kind: 'generated', families: ['chain'], difficulty: 1 },
      questionCount: 4, secondsPerQuestion: 400, entryMode: 'final', seed: 5, speedScoring: false,
    };
    room = await call<CreatedRoom>(host, 'room:create', { mode: 'classroom', settings });
    const code = room.code;
    ctx = await newContext(browser, PHONE, arena.url);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`/join/${code}`);
    await page.fill('#nickname', 'Ada');
    await page.click('#join-button');
    await page.locator('#player-lobby').waitFor({ timeout: 15_000 });
    // Bo plays from a real Socket.IO client.
    bo = io(arena.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true, reconnection: false });
    let boScore = 0;
    const boScored = new Map<number, () => void>();
    bo.on('you', (y: YouView) => {
      boScore = y.score;
      if (y.answer && y.answer.points !== null) boScored.get(y.answer.index)?.();
    });
    /** Resolves once Bo's own view holds his points for question `index` (his score is then current). */
    const boRevealed = (index: number) => new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`Bo's reveal ${index} never came`)), 15_000);
      boScored.set(index, () => {
        clearTimeout(t);
        resolve();
      });
    });
    await call<SeatGrant>(bo, 'room:join', { code, nickname: 'Bo' });
    // Bo's streak bonus makes the last gap more than 1000: it is read from the two real scores.
    const behind = async () => {
      const ada = Number(/(\d+) pts/.exec((await page.locator('#my-score').textContent()) ?? '')?.[1]);
      return `${boScore - ada} behind Bo`;
    };
    const command = (c: unknown) => call(host!, 'host:command', c);
    const boSends = (index: number, final: string) => call(bo!, 'answer:submit', { index, final });
    const standing = async () => ({
      rank: await page.locator('#my-rank').getAttribute('data-rank'),
      rankText: (await page.locator('#my-rank').innerText()).replace(/\s+/g, ' '),
      gap: await page.locator('#my-gap').innerText(),
    });
    await command({ type: 'start' });

    // Q1: Ada right, Bo wrong: Ada leads by 1000.
    const q1 = await shown(page);
    await boSends(0, '0');
    await answer(page, q1.answer.expr ?? '');
    await page.locator('#reveal-verdict').waitFor({ timeout: 15_000 });
    await page.locator('#my-gap').waitFor({ timeout: 15_000 });
    expect(await page.locator('#my-points').innerText()).toMatch(/^\+1000/);
    expect(await standing()).toEqual({ rank: '1', rankText: '1st of 2', gap: '1000 ahead of Bo' });
    await screenshot(page, 'phone-reveal-rank-lead');
    await command({ type: 'next' });
    await command({ type: 'next' });

    // Q2: Ada makes the named mistake, Bo is right: a tie for the lead, the same rank for both.
    const q2 = await shown(page);
    const wrong = q2.layers?.[0]?.evaluated ?? '0';
    await boSends(1, q2.answer.expr ?? '');
    await answer(page, wrong);
    await page.locator('#reveal-verdict').waitFor({ timeout: 15_000 });
    await page.locator('#my-gap').waitFor({ timeout: 15_000 });
    expect(await standing()).toEqual({ rank: '1', rankText: '1st of 2 (tied)', gap: 'Tied with Bo for the lead' });
    await command({ type: 'next' });
    await command({ type: 'next' });

    // Q3: Ada types the right answer and never sends it; her draft counts when the host closes the question.
    const q3 = await shown(page);
    await boSends(2, q3.answer.expr ?? '');
    await page.locator('.expr-input').last().fill(q3.answer.expr ?? '');
    await page.locator('#draft-held').waitFor({ timeout: 15_000 });
    await command({ type: 'skip' });
    await page.locator('#from-draft').waitFor({ timeout: 15_000 });
    expect(await page.locator('#my-points').innerText()).toMatch(/^\+1000/);
    await command({ type: 'next' });
    await command({ type: 'next' });

    // Q4: Ada does not answer, Bo does: Ada is second, behind Bo by the difference of their scores.
    const q4 = await shown(page);
    await boSends(3, q4.answer.expr ?? '');
    const boDone = boRevealed(3);
    await command({ type: 'skip' });
    await boDone;
    await page.locator('#reveal-verdict').waitFor({ timeout: 15_000 });
    await page.locator('#my-gap').waitFor({ timeout: 15_000 });
    expect(await standing()).toEqual({ rank: '2', rankText: '2nd of 2', gap: await behind() });
    expect(boScore).toBeGreaterThan(3000);
    await screenshot(page, 'phone-reveal-rank-behind');
    await command({ type: 'end' });

    const items = page.locator('#personal-review li[data-outcome]');
    await page.locator('#player-finished #personal-review').waitFor({ timeout: 15_000 });
    expect(await standing()).toEqual({ rank: '2', rankText: '2nd of 2', gap: await behind() });
    expect(await items.count()).toBe(4);
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')))).toEqual(['correct', 'wrong', 'correct', 'no answer']);
    const [i1, i2, i3, i4] = [items.nth(0), items.nth(1), items.nth(2), items.nth(3)];
    expect(await i1.locator('.your-answer .answer-text').getAttribute('data-text')).toBe(q1.answer.expr);
    expect(Number(await i1.locator('[data-points]').getAttribute('data-points'))).toBe(1000);
    expect(await i2.getAttribute('data-mistake')).toBe('forgot-inner-derivative');
    expect(await i2.textContent()).toMatch(/forgot the inner derivative/i);
    expect(await i2.locator('.your-answer .answer-text').getAttribute('data-text')).toBe(wrong);
    expect(await i2.locator('.right-answer .answer-text').getAttribute('data-text')).toBe(q2.answer.expr);
    expect(await i2.locator('[data-points]').getAttribute('data-points')).toBe('0');
    expect(await i2.locator('.prompt').getAttribute('data-text')).toBe(q2.prompt.text);
    expect(await i2.locator('.prompt .katex').count()).toBeGreaterThan(0);
    expect(await i3.locator('.your-answer').textContent()).toMatch(/typed, not sent/);
    expect(await i3.locator('.your-answer .answer-text').getAttribute('data-text')).toBe(q3.answer.expr);
    expect(await i4.textContent()).toMatch(/No answer/);
    expect(await i4.locator('.right-answer .answer-text').getAttribute('data-text')).toBe(q4.answer.expr);
    expect(await page.locator('#my-score').textContent()).toContain('2000 pts');
    await screenshot(page, 'player-review-top-phone');
    await i4.scrollIntoViewIfNeeded();
    await screenshot(page, 'player-review-end-phone');
    expect(errors).toEqual([]);
  }, 180_000);

  it('shows the finished game on the report page for the host key, never putting the key in a URL', async () => {
    if (!room) throw new Error('the game did not run');
    const page = await ctx!.newPage();
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    const urls: string[] = [];
    const secretHeaders: string[] = [];
    page.on('request', (r) => {
      urls.push(r.url());
      if (r.headers()['x-host-secret']) secretHeaders.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    await page.goto('/#/reports');
    await page.fill('#report-code', room.code);
    await page.fill('#report-secret', 'not-the-key');
    await page.click('#report-open');
    await page.locator('#report-error:not(:empty)').waitFor({ timeout: 15_000 });
    await page.fill('#report-secret', room.hostSecret);
    await page.click('#report-open');
    await page.locator('#report-rows').waitFor({ timeout: 15_000 });
    const ada = page.locator('#report-rows tbody tr[data-player="Ada"]');
    expect(await ada.evaluateAll((trs) => trs.map((t) => [t.getAttribute('data-outcome'), t.getAttribute('data-submitted')])))
      .toEqual([['correct', 'sent'], ['wrong', 'sent'], ['correct', 'draft'], ['no answer', 'none']]);
    expect(await ada.nth(2).textContent()).toMatch(/not sent: draft at time-up/);
    expect(await page.locator('#report-summary tbody tr').count()).toBe(4);
    expect(await page.locator('#report-summary tbody tr').nth(1).textContent()).toMatch(/50% \(1\/2\).*forgot the inner derivative \(1\)/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-file="summary.csv"]')]);
    expect(download.suggestedFilename()).toBe(`arena-${room.code}-summary.csv`);
    expect(urls.some((u) => u.includes(room!.hostSecret))).toBe(false);
    expect(page.url()).not.toContain(room.hostSecret);
    expect(secretHeaders).toContain(`POST /api/rooms/${room.code}/report.json`);
    await screenshot(page, 'report-page-1280');
    expect(errors).toEqual([]);
  }, 120_000);
});

