/**
 * The phone's end-of-game review, in Chromium against the real server: the host drives the game from a real
 * Socket.IO client, a phone player answers one question right, one with a named mistake and leaves the third
 * unanswered; at "Game over" the phone lists all three with both answers, the mistake and the points.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { DEFAULT_SETTINGS, PROTOCOL_VERSION, type Ack, type CreatedRoom } from '../../shared/protocol';
import { solveTask, type Family, type Question } from '../../shared/questions/index';
import { buildClient, launchBrowser, newContext, PHONE, screenshot, watchErrors } from './browser';
import { startArena, type RunningArena } from './arena-server';

let browser: Browser;
let arena: RunningArena;
let ctx: BrowserContext | undefined;
let host: Socket | undefined;
let room: CreatedRoom | undefined;

beforeAll(async () => {
  await buildClient();
  browser = await launchBrowser();
  arena = await startArena();
}, 240_000);

afterAll(async () => {
  host?.disconnect();
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
  it('lists every question with both answers, the mistake, no answer and the points', async () => {
    host = io(arena.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true, reconnection: false });
    const settings = {
      ...DEFAULT_SETTINGS, source: { kind: 'generated', families: ['chain'], difficulty: 1 },
      questionCount: 3, secondsPerQuestion: 400, entryMode: 'final', seed: 5,
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
    const command = (c: unknown) => call(host!, 'host:command', c);
    await command({ type: 'start' });

    const q1 = await shown(page);
    // The only player has answered: the round closes by itself.
    await answer(page, q1.answer.expr ?? '');
    await page.locator('#reveal-verdict').waitFor({ timeout: 15_000 });
    await command({ type: 'next' });
    await command({ type: 'next' });
    const q2 = await shown(page);
    const wrong = q2.layers?.[0]?.evaluated ?? '0';
    await answer(page, wrong);
    await page.locator('#reveal-verdict').waitFor({ timeout: 15_000 });
    await command({ type: 'next' });
    await command({ type: 'next' });
    const q3 = await shown(page);
    await command({ type: 'skip' });
    await page.locator('#reveal-verdict').waitFor({ timeout: 15_000 });
    await command({ type: 'end' });

    const items = page.locator('#personal-review li[data-outcome]');
    await page.locator('#player-finished #personal-review').waitFor({ timeout: 15_000 });
    expect(await items.count()).toBe(3);
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')))).toEqual(['correct', 'wrong', 'no answer']);
    const [i1, i2, i3] = [items.nth(0), items.nth(1), items.nth(2)];
    expect(await i1.locator('.your-answer .answer-text').getAttribute('data-text')).toBe(q1.answer.expr);
    expect(Number(await i1.locator('[data-points]').getAttribute('data-points'))).toBeGreaterThan(0);
    expect(await i2.getAttribute('data-mistake')).toBe('forgot-inner-derivative');
    expect(await i2.textContent()).toMatch(/forgot the inner derivative/i);
    expect(await i2.locator('.your-answer .answer-text').getAttribute('data-text')).toBe(wrong);
    expect(await i2.locator('.right-answer .answer-text').getAttribute('data-text')).toBe(q2.answer.expr);
    expect(await i2.locator('[data-points]').getAttribute('data-points')).toBe('0');
    expect(await i2.textContent()).toContain(q2.prompt.text);
    expect(await i3.textContent()).toMatch(/No answer/);
    expect(await i3.locator('.right-answer .answer-text').getAttribute('data-text')).toBe(q3.answer.expr);
    const total = await page.locator('#my-score').textContent();
    expect(total).toContain(`${await i1.locator('[data-points]').getAttribute('data-points')} pts`);
    await screenshot(page, 'player-review-top-phone');
    await i3.scrollIntoViewIfNeeded();
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
    expect(await page.locator('#report-rows tbody tr').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-outcome'))))
      .toEqual(['correct', 'wrong', 'no answer']);
    expect(await page.locator('#report-summary tbody tr').count()).toBe(3);
    expect(await page.locator('#report-summary tbody tr').nth(1).textContent()).toMatch(/0% \(0\/1\).*forgot the inner derivative \(1\)/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-file="summary.csv"]')]);
    expect(download.suggestedFilename()).toBe(`arena-${room.code}-summary.csv`);
    expect(urls.some((u) => u.includes(room!.hostSecret))).toBe(false);
    expect(page.url()).not.toContain(room.hostSecret);
    expect(secretHeaders).toContain(`POST /api/rooms/${room.code}/report.json`);
    await screenshot(page, 'report-page-1280');
    expect(errors).toEqual([]);
  }, 120_000);
});

