import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlayerPhaseView } from '../../../shared/protocol';
import { call, callRaw, gameSettings, next, ok, startHarness, type Client, type Harness } from './harness';

describe('party ready signals over sockets', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('lets the creator answer and command on one socket, and moves on once every player is ready', async () => {
    const creator = await h.connect();
    const room = await ok(call(creator, 'room:create', { mode: 'party', nickname: 'Ana', settings: gameSettings({ questionCount: 2, leaderboardEvery: 0 }) }));
    expect(room.player?.state.party?.players.map((p) => [p.nickname, p.creator])).toEqual([['Ana', true]]);
    const friend: Client = await h.connect();
    const seat = await ok(call(friend, 'room:join', { code: room.code, nickname: 'Ben' }));
    expect(seat.state.party?.players.map((p) => p.nickname)).toEqual(['Ana', 'Ben']);
    await ok(call(creator, 'host:command', { type: 'start' }));
    await ok(call(creator, 'answer:submit', { index: 0, final: '0' }));
    const revealed = next<PlayerPhaseView>(friend, 'state', (s) => s.phase === 'reveal');
    await ok(call(creator, 'host:command', { type: 'skip', expect: { phase: 'question', index: 0 } }));
    expect((await revealed).party?.players.map((p) => p.result?.outcome)).toEqual(['wrong', 'no answer']);

    const shown = next<PlayerPhaseView>(creator, 'state', (s) => s.party?.players.some((p) => p.ready) === true);
    await ok(call(friend, 'party:ready', { expect: { phase: 'reveal', index: 0 } }));
    expect((await shown).party?.players.map((p) => p.ready)).toEqual([false, true]);
    const moved = next<PlayerPhaseView>(friend, 'state', (s) => s.phase === 'question' && s.index === 1);
    await ok(call(creator, 'party:ready', { expect: { phase: 'reveal', index: 0 } }));
    await moved;
    expect(await call(creator, 'party:ready', { expect: { phase: 'reveal', index: 0 } })).toMatchObject({ ok: false, error: 'wrong-phase' });
  });

  it('refuses ready signals in a classroom and malformed ones anywhere', async () => {
    const host = await h.connect();
    const room = await ok(call(host, 'room:create', { mode: 'classroom', settings: gameSettings({ questionCount: 1 }) }));
    const player = await h.connect();
    const seat = await ok(call(player, 'room:join', { code: room.code, nickname: 'Cy' }));
    expect(seat.state.party).toBeUndefined();
    await ok(call(host, 'host:command', { type: 'start' }));
    await ok(call(host, 'host:command', { type: 'skip' }));
    expect(await call(player, 'party:ready', { expect: { phase: 'reveal', index: 0 } })).toMatchObject({ ok: false, error: 'not-party' });
    expect(await callRaw(player, 'party:ready', { expect: { phase: 'question', index: 0 } })).toMatchObject({ ok: false, error: 'bad-payload' });
    expect(await call(host, 'party:ready', { expect: { phase: 'reveal', index: 0 } })).toMatchObject({ ok: false, error: 'not-in-room' });
  });
});
