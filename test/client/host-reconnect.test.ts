/**
 * The projector's room session after a network blip, in Chromium against the real server: the page's WebSocket
 * passes through a route that the test cuts. The projector says the connection was lost, reconnects, claims the
 * room again with its host key (app/host-key.ts, through app/room-session.ts) and shows where the room went while
 * it was away: the question the teacher's other device started meanwhile.
 */
import { describe, expect, it } from 'vitest';
import type { WebSocketRoute } from 'playwright-core';
import { DEFAULT_SETTINGS, type CreatedRoom, type RoomSettings } from '../../shared/protocol';
import { newContext, PROJECTOR, waitForCondition, watchErrors } from './browser';
import { clockWrites } from './clock-writes';
import { connectSocket, request } from './game-socket';
import { useArena } from './use-arena';

const env = useArena();
const { contexts, sockets } = env;

describe('the projector after a network blip', () => {
  it('says the connection was lost, claims the room again with its key and shows the question started meanwhile', async () => {
    const teacher = await connectSocket(env.arena.url, sockets);
    const settings: RoomSettings = { ...DEFAULT_SETTINGS, source: { kind: 'generated', families: ['chain'], difficulty: 1 }, questionCount: 1, secondsPerQuestion: 300 };
    const created = await request<CreatedRoom>(teacher, 'room:create', { mode: 'classroom', settings });
    const player = await connectSocket(env.arena.url, sockets);
    await request(player, 'room:join', { code: created.code, nickname: 'Ada' });

    const ctx = await newContext(env.browser, PROJECTOR, env.arena.url);
    contexts.push(ctx);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    // Every socket the page opens goes through here; `cut` closes the current one at both ends, as a dropped
    // network would, and holds the page's next connection until `release`.
    const claims: string[] = [];
    const routes: Array<{ page: WebSocketRoute; server: WebSocketRoute }> = [];
    let release: (() => void) | null = null;
    let held: Promise<void> = Promise.resolve();
    await page.routeWebSocket(/\/socket\.io\//, async (ws) => {
      await held;
      const server = ws.connectToServer();
      routes.push({ page: ws, server });
      ws.onMessage((m) => {
        if (typeof m === 'string' && m.includes('["host:claim"')) claims.push(m);
        server.send(m);
      });
      server.onMessage((m) => ws.send(m));
    });
    // The host page re-claims the room this browser saved (session.ts), as after a reload.
    await page.addInitScript(([code, token]) => localStorage.setItem('arena.resume.host', JSON.stringify({ code, token })), [created.code, created.hostSecret]);
    await page.goto('/#/host');
    await page.locator('#host-lobby').waitFor({ timeout: 20_000 });
    expect(claims).toHaveLength(1);

    held = new Promise((resolve) => (release = resolve));
    const before = routes.length;
    const cut = routes[routes.length - 1];
    await cut?.server.close();
    await cut?.page.close();
    await page.locator('.toast', { hasText: 'Connection lost' }).waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.body.classList.contains('offline'))).toBe(true);
    // While the projector is away, the teacher starts the game from another device with the same key.
    await request(teacher, 'host:command', { type: 'start' });
    (release as (() => void) | null)?.();
    await page.locator('#host-question').waitFor({ timeout: 30_000 });
    await waitForCondition(page, 'the projector back online', () => !document.body.classList.contains('offline'));
    expect(routes.length).toBeGreaterThan(before);
    expect(claims.length).toBeGreaterThanOrEqual(2);
    expect(claims.at(-1)).toContain(created.code);
    // The clock writes to the page only what the eye can see (countdown.ts): over two changes of the seconds shown,
    // the text is written twice and the bar (a 300 s round: a step every 3 s) at most once.
    const writes = await clockWrites(page, '#host-question', 2);
    expect(writes.text).toBe(2);
    expect(writes.bar).toBeLessThanOrEqual(1);
    // The projector is the host again: its own command is applied.
    await page.click('#skip-button');
    await page.locator('#host-reveal').waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
  }, 120_000);
});
