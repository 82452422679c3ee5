import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, CreatedRoom } from '../../../shared/protocol';
import { call, gameSettings, ok, startHarness, type Harness } from './harness';

describe('the CSV report', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('is served only once the game is finished, with a distinct question id per teacher task', async () => {
    const host = await h.connect();
    const task = { family: 'chain' as const, task: { expr: 'sin(x^2)', var: 'x' } };
    const settings = gameSettings({ leaderboardEvery: 0, source: { kind: 'tasks', tasks: [task, task] } });
    // The first task list also starts the solver worker: allow it seconds on a busy machine.
    const made = (await host.timeout(90_000).emitWithAck('room:create', { mode: 'classroom', settings })) as Ack<CreatedRoom>;
    if (!made.ok) throw new Error(`${made.error}: ${made.detail ?? ""}`);
    const room = made.data;
    const report = () => fetch(`${h.server.url}/api/rooms/${room.code}/report.csv`, { method: 'POST', headers: { 'X-Host-Secret': room.hostSecret } });
    const p = await h.connect();
    await ok(call(p, 'room:join', { code: room.code, nickname: 'Ana' }));
    await ok(call(host, 'host:command', { type: 'start' }));
    await ok(call(p, 'answer:submit', { index: 0, final: 'x' }));
    expect((await report()).status).toBe(404);
    await ok(call(host, 'host:command', { type: 'next' }));
    await ok(call(p, 'answer:submit', { index: 1, final: 'x' }));
    await ok(call(host, 'host:command', { type: 'next' }));
    const res = await report();
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\r\n');
    const head = lines[0]?.split(',') ?? [];
    expect(head.slice(-3)).toEqual(['question_id', 'submitted', 'extra_time_s']);
    // Read from the end: earlier cells (the question's text) may hold quoted commas.
    const ids = lines.slice(1).map((line) => line.split(',').at(-3));
    expect(ids).toEqual(['task-1', 'task-2']);
    expect(lines.slice(1).map((line) => line.split(',').slice(-2))).toEqual([['sent', ''], ['sent', '']]);
  }, 150_000);
});
