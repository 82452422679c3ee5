import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type HostView, type SeatGrant } from '../../../shared/protocol';
import { generateQuestion } from '../../../shared/questions/index';
import { generatedSpec } from '../../../server/rooms/questions';
import { startChild, type ChildServer } from './child';
import { call, gameSettings, next, ok, type Client } from './harness';

const SETTINGS = gameSettings({ questionCount: 3, leaderboardEvery: 0, secondsPerQuestion: 120 });
const BEN_KEY = 'ben-answer-key-0001';
const rightAnswer = (index: number): string => {
  const spec = generatedSpec(SETTINGS, SETTINGS.seed ?? 0, index, 0);
  return generateQuestion(spec.family, spec.difficulty, spec.seed).answer.expr ?? '';
};

describe('rooms survive the server process', () => {
  let dataDir: string;
  const clients: Client[] = [];
  const children: ChildServer[] = [];
  const connect = async (url: string, deviceId?: string): Promise<Client> => {
    const auth = deviceId === undefined ? { protocolVersion: PROTOCOL_VERSION } : { protocolVersion: PROTOCOL_VERSION, deviceId };
    const c: Client = io(url, { transports: ['websocket'], auth, forceNew: true, reconnection: false });
    clients.push(c);
    await new Promise<void>((resolve, reject) => {
      c.once('connect', () => resolve());
      c.once('connect_error', reject);
    });
    return c;
  };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'arena-restart-'));
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.disconnect();
    for (const child of children.splice(0)) child.proc.kill('SIGKILL');
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A game mid-question 2: three players scored on question 1, two of them answered question 2. */
  async function midGame(url: string) {
    const host = await connect(url);
    const room = await ok(call(host, 'room:create', { mode: 'classroom', settings: SETTINGS }));
    const players: Client[] = [];
    const seats: SeatGrant[] = [];
    for (const name of ['Ana', 'Ben', 'Cy']) {
      const p = await connect(url, `device-${name}-0001`);
      players.push(p);
      seats.push(await ok(call(p, 'room:join', { code: room.code, nickname: name })));
    }
    await ok(call(host, 'host:command', { type: 'start' }));
    const revealed = next<HostView>(host, 'host:state', (v) => v.phase === 'reveal');
    for (const p of players) await ok(call(p, 'answer:submit', { index: 0, final: rightAnswer(0) }));
    const scores = await revealed;
    // Question 2 opens after this instant: the time it runs is measured from here, generously for the test.
    const openedAfter = Date.now();
    await ok(call(host, 'host:command', { type: 'next', expect: { phase: 'reveal', index: 0 } }));
    await ok(call(players[0] as Client, 'answer:submit', { index: 1, final: rightAnswer(1) }));
    // Sent with an idempotency key: the resend after the restart must be recognised as this very answer.
    await ok(call(players[1] as Client, 'answer:submit', { key: BEN_KEY, index: 1, final: 'x + 4242' }));
    return { room, seats, scores: scores.players.map((p) => p.score), openedAfter };
  }

  /**
   * `stoppedAt`: when the first process was stopped; `restoredAt`: when the second was listening, by its clock (its
   * rooms restored and reachable). The question may have run only while a server did: before the stop and after the restore. The
   * time in between (the downtime, at least the second process's start) is given back, so a server that counted
   * it would fall short of this bound by the start time; 1 s covers the last write before the stop.
   */
  async function resumeAndFinish(url: string, game: Awaited<ReturnType<typeof midGame>>, stoppedAt: number, restoredAt: number) {
    const host = await connect(url);
    const view = await ok(call(host, 'host:claim', { code: game.room.code, hostSecret: game.room.hostSecret }));
    const ran = (stoppedAt - game.openedAfter) + (Date.now() - restoredAt);
    expect(view.phase === 'question' && view.index).toBe(1);
    // Measured against the question's own length (it depends on the question: shared/timing/question-seconds.ts).
    const durationMs = view.phase === 'question' ? view.timer.durationMs : 0;
    expect(view.phase === 'question' && view.timer.running && view.timer.remainingMs).toBeGreaterThan(durationMs - ran - 1000);
    expect(view.players.map((p) => p.score)).toEqual(game.scores);
    expect(view.players.map((p) => p.answered)).toEqual([true, true, false]);
    const back: SeatGrant[] = [];
    const players: Client[] = [];
    for (const [i, name] of ['Ana', 'Ben', 'Cy'].entries()) {
      const p = await connect(url, `device-${name}-0001`);
      players.push(p);
      back.push(await ok(call(p, 'room:resume', { code: game.room.code, resumeToken: game.seats[i]!.resumeToken })));
    }
    expect(back.map((b) => b.you.answer?.done)).toEqual([true, true, false]);
    expect(back.map((b) => b.you.answer?.final?.correct ?? null)).toEqual([true, false, null]);
    // Ben's phone never heard its ack (the crash): it resends with the same key, and is told its verdict, not refused.
    const resent = await ok(call(players[1] as Client, 'answer:submit', { key: BEN_KEY, index: 1, final: 'x + 4242' }));
    expect([resent.done, resent.final?.correct]).toEqual([true, false]);
    // Another submission (another key) is still a second answer, and refused.
    expect(await call(players[1] as Client, 'answer:submit', { key: 'ben-second-try-0001', index: 1, final: rightAnswer(1) })).toMatchObject({ ok: false, error: 'already-answered' });
    const revealed = next<HostView>(host, 'host:state', (v) => v.phase === 'reveal');
    await ok(call(players[2] as Client, 'answer:submit', { index: 1, final: rightAnswer(1) }));
    const reveal = await revealed;
    expect(reveal.phase === 'reveal' && reveal.stats).toMatchObject({ players: 3, answered: 3, correct: 2 });
  }

  it('continues a game mid-question after kill -9 and a restart on the same data folder, losing no acknowledged answer', async () => {
    const first = await startChild(dataDir);
    children.push(first);
    const game = await midGame(first.url);
    const stoppedAt = Date.now();
    first.proc.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const second = await startChild(dataDir);
    children.push(second);
    expect(second.restoredRooms).toBeGreaterThanOrEqual(1);
    await resumeAndFinish(second.url, game, stoppedAt, second.listeningAt);
  }, 240_000);

  it('tells clients it is restarting on SIGTERM, exits within 10 s, and the game continues after the restart', async () => {
    const first = await startChild(dataDir);
    children.push(first);
    const game = await midGame(first.url);
    const watcher = await connect(first.url);
    const notice = new Promise<{ message: string }>((resolve) => watcher.once('server:restarting', resolve));
    const t0 = Date.now();
    first.proc.kill('SIGTERM');
    expect((await notice).message).toMatch(/restarting/i);
    expect(await first.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const second = await startChild(dataDir);
    children.push(second);
    // The clock stops when the server starts shutting down: everything after the SIGTERM is downtime.
    await resumeAndFinish(second.url, game, t0, second.listeningAt);
  }, 240_000);
});
