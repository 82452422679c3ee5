/**
 * The follow-up round over real sockets and HTTP (server/rooms/follow-up.ts): the phones get the new lobby by
 * themselves, the first game's report stays at ?game=1 while the round runs and after it, and a report is deleted
 * only by the holder of the host key, game by game.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, CreatedRoom, PlayerPhaseView } from '../../../shared/protocol';
import { solveTask } from '../../../shared/questions/index';
import { call, gameSettings, ok, startHarness, type Harness } from './harness';

describe('the follow-up round and the reports of a room', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('keeps each game\'s report by number and deletes one only with the host key', async () => {
    const host = await h.connect();
    const settings = gameSettings({ leaderboardEvery: 0, questionCount: 1, source: { kind: 'generated', families: ['chain'], difficulty: 1 } });
    const made = (await host.timeout(30_000).emitWithAck('room:create', { mode: 'classroom', settings })) as Ack<CreatedRoom>;
    if (!made.ok) throw new Error(made.error);
    const { code, hostSecret } = made.data;
    const report = (game: string, secret = hostSecret, method = 'POST') =>
      fetch(`${h.server.url}/api/rooms/${code}/${method === 'DELETE' ? 'report' : 'report.json'}${game}`, { method, headers: { 'X-Host-Secret': secret } });
    const p = await h.connect();
    const states: PlayerPhaseView[] = [];
    p.on('state', (s: PlayerPhaseView) => states.push(s));
    await ok(call(p, 'room:join', { code, nickname: 'Ana' }));
    const started = states.length;
    await ok(call(host, 'host:command', { type: 'start' }));
    const open = async (): Promise<Extract<PlayerPhaseView, { phase: 'question' }>> => {
      for (let i = 0; i < 100; i++) {
        const q = states.slice(started).reverse().find((s) => s.phase === 'question');
        if (q?.phase === 'question') return q;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('no question reached the phone');
    };
    const first = await open();
    const q = solveTask(first.question.family, first.question.task as never);
    const forgot = q.distractors?.find((d) => d.mistake === 'forgot-inner-derivative')?.expr;
    await ok(call(p, 'answer:submit', { index: 0, final: forgot ?? 'x' }));
    await ok(call(host, 'host:command', { type: 'next' }));
    const one = (await (await report('?game=1')).json()) as { rows: Array<{ player: string; mistake: string }> };
    expect(one.rows.map((r) => [r.player, r.mistake])).toEqual([['Ana', forgot ? 'forgot-inner-derivative' : '']]);

    const before = states.length;
    await ok(call(host, 'host:command', { type: 'follow-up' }));
    for (let i = 0; i < 100 && !states.slice(before).some((s) => s.phase === 'lobby'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(states.slice(before).find((s) => s.phase === 'lobby')).toMatchObject({ phase: 'lobby', code, playerCount: 1 });
    // While the round waits in its lobby, the latest report is the first game's.
    expect((await report('')).status).toBe(200);
    expect((await report('?game=2')).status).toBe(404);
    expect((await report('?game=x')).status).toBe(404);

    await ok(call(host, 'host:command', { type: 'start' }));
    await ok(call(host, 'host:command', { type: 'end' }));
    expect((await report('?game=2')).status).toBe(200);
    expect((await report('?game=1')).status).toBe(200);
    // Deleting: a wrong key deletes nothing; the right one deletes that game only.
    expect((await report('?game=1', 'wrong-key-000', 'DELETE')).status).toBe(404);
    expect((await report('?game=1', hostSecret, 'DELETE')).status).toBe(204);
    expect((await report('?game=1')).status).toBe(404);
    expect((await report('?game=2')).status).toBe(200);
    expect((await report('?game=1', hostSecret, 'DELETE')).status).toBe(404);
  }, 60_000);
});
