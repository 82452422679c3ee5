import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedRoom, PlayerPhaseView } from '../../../shared/protocol';
import { generateQuestion } from '../../../shared/questions/index';
import { generatedSpec } from '../../../server/rooms/questions';
import { call, callRaw, gameSettings, next, ok, startHarness, type Harness } from './harness';

const SETTINGS = gameSettings({ questionCount: 3, leaderboardEvery: 0 });
const answerOf = (index: number): string => {
  const spec = generatedSpec(SETTINGS, SETTINGS.seed ?? 0, index, 0);
  return generateQuestion(spec.family, spec.difficulty, spec.seed).answer.expr ?? '';
};

describe('arena server under faults and hostile input', () => {
  let h: Harness;
  let created: CreatedRoom;

  beforeAll(async () => {
    h = await startHarness();
    const host = await h.connect();
    created = await ok(call(host, 'room:create', { mode: 'classroom', settings: SETTINGS }));
  });
  afterAll(async () => {
    await h.stop();
  });

  it('returns a player to the same seat with score, streak and verdicts after a reconnect', async () => {
    const host = await h.connect();
    const room = await ok(call(host, 'room:create', { mode: 'classroom', settings: SETTINGS }));
    const a = await h.connect();
    const b = await h.connect();
    const seat = await ok(call(a, 'room:join', { code: room.code, nickname: 'Ana' }));
    await ok(call(b, 'room:join', { code: room.code, nickname: 'Ben' }));
    await ok(call(host, 'host:command', { type: 'start' }));
    await ok(call(a, 'answer:submit', { index: 0, final: answerOf(0) }));
    await ok(call(host, 'host:command', { type: 'skip' }));
    await ok(call(host, 'host:command', { type: 'next' }));
    await ok(call(a, 'answer:submit', { index: 1, final: 'x + 4242' }));
    a.disconnect();
    const again = await h.connect();
    const back = await ok(call(again, 'room:resume', { code: room.code, resumeToken: seat.resumeToken }));
    expect(back.you.playerId).toBe(seat.you.playerId);
    expect(back.you.score).toBeGreaterThan(0);
    expect(back.you.streak).toBe(1);
    expect(back.state.phase === 'question' && back.state.index).toBe(1);
    expect(back.state.phase === 'question' && back.state.timer.running).toBe(true);
    expect(back.you.answer).toMatchObject({ index: 1, done: true, final: { correct: false } });
    const again2 = await call(again, 'answer:submit', { index: 1, final: answerOf(1) });
    expect(again2).toEqual({ ok: false, error: 'already-answered' });
  });

  it('lets the host reclaim the room with the secret after a reconnect', async () => {
    const host2 = await h.connect();
    const view = await ok(call(host2, 'host:claim', { code: created.code, hostSecret: created.hostSecret }));
    expect(view.code).toBe(created.code);
    expect((await call(host2, 'host:command', { type: 'lock', locked: false })).ok).toBe(true);
  });

  it('refuses host commands from a socket without the secret', async () => {
    const p = await h.connect();
    await ok(call(p, 'room:join', { code: created.code, nickname: 'Mallory' }));
    expect(await call(p, 'host:command', { type: 'start' })).toEqual({ ok: false, error: 'not-host' });
    expect(await call(p, 'host:claim', { code: created.code, hostSecret: 'not-the-secret-at-all' })).toEqual({ ok: false, error: 'bad-secret' });
  });

  it('answers payloads of the wrong type with bad-payload', async () => {
    const p = await h.connect();
    const res = await callRaw(p, 'room:join', { code: 12, nickname: ['x'] });
    expect(res.ok === false && res.error).toBe('bad-payload');
  });

  it('answers a payload with missing fields with bad-payload', async () => {
    const p = await h.connect();
    const res = await callRaw(p, 'room:join', { code: created.code });
    expect(res.ok === false && res.error).toBe('bad-payload');
  });

  it('answers a missing payload with bad-payload', async () => {
    const p = await h.connect();
    expect((await call(p, 'answer:submit')).ok).toBe(false);
  });

  it('answers a huge payload with bad-payload and keeps the connection', async () => {
    const p = await h.connect();
    const res = await call(p, 'room:join', { code: created.code, nickname: 'x'.repeat(30_000) });
    expect(res).toMatchObject({ ok: false, error: 'bad-payload' });
    expect(p.connected).toBe(true);
  });

  it('refuses a nickname with markup characters', async () => {
    const p = await h.connect();
    const res = await call(p, 'room:join', { code: created.code, nickname: '<img src=x>' });
    expect(res.ok === false && res.error).toBe('bad-payload');
  });

  it('refuses an answer from a socket that joined no room', async () => {
    const p = await h.connect();
    expect(await call(p, 'answer:submit', { index: 0, final: 'x' })).toEqual({ ok: false, error: 'not-in-room' });
  });

  it('refuses an answer in the lobby without changing anything', async () => {
    const p = await h.connect();
    await ok(call(p, 'room:join', { code: created.code, nickname: 'Early' }));
    expect(await call(p, 'answer:submit', { index: 0, final: 'x' })).toEqual({ ok: false, error: 'wrong-phase' });
  });

  it('refuses a duplicate nickname in another case', async () => {
    const p = await h.connect();
    await ok(call(p, 'room:join', { code: created.code, nickname: 'Zoë' }));
    const q = await h.connect();
    expect(await call(q, 'room:join', { code: created.code, nickname: 'ZOË' })).toEqual({ ok: false, error: 'nickname-taken' });
  });

  it('rate-limits a socket that floods events', async () => {
    const p = await h.connect();
    const results = await Promise.all(Array.from({ length: 60 }, () => call(p, 'time:ping', {})));
    expect(results.some((r) => r.ok === false && r.error === 'rate-limited')).toBe(true);
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(0);
  });

  it('refuses a client of another protocol version at the handshake', async () => {
    await expect(h.connect({ protocolVersion: 999 })).rejects.toThrow('version-mismatch');
  });

  it('answers /healthz', async () => {
    const res = await fetch(`${h.server.url}/healthz`);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('says how to build the client when it is missing', async () => {
    const res = await fetch(`${h.server.url}/join/${created.code}`);
    expect(await res.text()).toContain('npm run build');
  });

  it('keeps the room usable after every refusal', async () => {
    const p = await h.connect();
    const seat = await ok(call(p, 'room:join', { code: created.code, nickname: 'Still fine' }));
    expect(seat.state.phase).toBe('lobby');
  });
});

describe('join attempts per address', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('stops guessing room codes after a few misses', async () => {
    const p = await h.connect();
    const codes = ['AAAAAA', 'BBBBBB', 'CCCCCC', 'DDDDDD', 'EEEEEE', 'FFFFFF', 'GGGGGG', 'HHHHHH', 'JJJJJJ', 'KKKKKK', 'MMMMMM', 'NNNNNN'];
    const results = [];
    for (const code of codes) results.push(await call(p, 'room:join', { code, nickname: 'guess' }));
    expect(results[0]).toEqual({ ok: false, error: 'room-not-found' });
    expect(results.at(-1)).toEqual({ ok: false, error: 'rate-limited' });
  });
});

describe('classroom screens see their own views', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('sends the host the public question and live answer counts while a question is open', async () => {
    const host = await h.connect();
    const room = await ok(call(host, 'room:create', { mode: 'classroom', settings: SETTINGS }));
    const a = await h.connect();
    const b = await h.connect();
    await ok(call(a, 'room:join', { code: room.code, nickname: 'A' }));
    await ok(call(b, 'room:join', { code: room.code, nickname: 'B' }));
    const opened = await ok(call(host, 'host:command', { type: 'start' }));
    expect(opened.phase).toBe('question');
    expect(JSON.stringify(opened)).not.toContain('"answer"');
    const progress = next<{ answered: number }>(host, 'host:progress', (p) => p.answered === 1);
    await ok(call(a, 'answer:submit', { index: 0, final: 'x' }));
    expect((await progress).answered).toBe(1);
    const paused = await ok(call(host, 'host:command', { type: 'pause' }));
    expect(paused.paused).toBe(true);
    const resumed = next<PlayerPhaseView>(b, 'state', (v) => v.phase === 'question' && v.timer.running);
    await ok(call(host, 'host:command', { type: 'resume' }));
    expect((await resumed).phase).toBe('question');
    const you = await ok(call(await h.connect(), 'room:join', { code: room.code, nickname: 'Late' }));
    expect(you.you.answer?.done).toBe(false);
  });
});
