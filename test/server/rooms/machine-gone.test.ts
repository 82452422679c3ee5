import { describe, expect, it } from 'vitest';
import { ANSWER_GRACE_MS } from '../../../shared/protocol';
import { GONE_GRACE_MS, type RoomState, type Transition } from '../../../server/rooms/types';
import { transition } from '../../../server/rooms/machine';
import { currentQuestion, deps, lobby, player, refusal, right, started, step, submitFinal, T0, withPlayers } from './fixture';

function ok(res: Transition): RoomState {
  if (!res.ok) throw new Error(`refused: ${res.error}`);
  return res.state;
}
const at = (ms: number): number => T0 + ms;

describe('room machine: disconnects are not answers', () => {
  it('keeps the question open when the last one still thinking drops, and wakes when their grace runs out', () => {
    let state = started(['ana', 'ben']);
    state = ok(submitFinal(state, 'p0', 'x', at(100)));
    const dropped = step(state, { type: 'disconnect', playerId: 'p1' }, at(200));
    expect(dropped.state.phase).toBe('question');
    expect(dropped.effects).toContainEqual({ type: 'wake', at: at(200) + GONE_GRACE_MS });
    expect(step(dropped.state, { type: 'wake' }, at(200) + GONE_GRACE_MS - 1).state.phase).toBe('question');
    expect(step(dropped.state, { type: 'wake' }, at(200) + GONE_GRACE_MS).state.phase).toBe('reveal');
  });

  it('keeps the question open through a blip of two players and lets the returning player answer', () => {
    let state = started(['ana', 'ben']);
    state = ok(submitFinal(state, 'p0', right(currentQuestion(state, 'p0')), at(1000)));
    state = step(state, { type: 'disconnect', playerId: 'p1' }, at(2000)).state;
    state = step(state, { type: 'disconnect', playerId: 'p0' }, at(2050)).state;
    state = step(state, { type: 'resume', tokenHash: 'token-ben-0000', device: 'dev-1' }, at(2350)).state;
    state = step(state, { type: 'resume', tokenHash: 'token-ana-0000', device: 'dev-0' }, at(2350)).state;
    expect(state.phase).toBe('question');
    state = ok(submitFinal(state, 'p1', right(currentQuestion(state, 'p1')), at(3000)));
    expect(state.phase).toBe('reveal');
    expect(player(state, 'p1')?.score).toBeGreaterThan(0);
  });

  it('does not close early on an answer while an offline player is inside the grace', () => {
    let state = started(['ana', 'ben']);
    state = step(state, { type: 'disconnect', playerId: 'p1' }, at(100)).state;
    const res = submitFinal(state, 'p0', 'x', at(200));
    expect(ok(res).phase).toBe('question');
    expect(res.ok && res.effects).toContainEqual({ type: 'wake', at: at(100) + GONE_GRACE_MS });
  });

  it('closes early on an answer once the only other player has been gone past the grace', () => {
    let state = started(['ana', 'ben']);
    state = step(state, { type: 'disconnect', playerId: 'p1' }, at(100)).state;
    expect(ok(submitFinal(state, 'p0', 'x', at(100) + GONE_GRACE_MS)).phase).toBe('reveal');
  });

  it('lets a player back after the grace still answer before the deadline', () => {
    let state = started(['ana', 'ben', 'cy']);
    state = step(state, { type: 'disconnect', playerId: 'p1' }, at(100)).state;
    state = step(state, { type: 'resume', tokenHash: 'token-ben-0000', device: 'dev-1' }, at(15_000)).state;
    state = ok(submitFinal(state, 'p1', 'x', at(16_000)));
    expect(state.phase === 'question' && state.finals).toBe(1);
  });

  it('does not wait for a player who left on purpose', () => {
    let state = started(['ana', 'ben']);
    state = step(state, { type: 'leave', playerId: 'p1' }, at(100)).state;
    expect(ok(submitFinal(state, 'p0', 'x', at(200))).phase).toBe('reveal');
  });

  it('keeps waiting when the whole room is offline, however long, until the deadline', () => {
    let state = started(['ana', 'ben']);
    state = step(state, { type: 'disconnect', playerId: 'p0' }, at(100)).state;
    state = step(state, { type: 'disconnect', playerId: 'p1' }, at(100)).state;
    expect(step(state, { type: 'wake' }, at(15_000)).state.phase).toBe('question');
    const closeAt = state.phase === 'question' && state.timer.running ? state.timer.deadline + ANSWER_GRACE_MS : 0;
    expect(step(state, { type: 'deadline' }, closeAt).state.phase).toBe('reveal');
  });
});

describe('room machine: restore after a restart', () => {
  it('moves an open deadline on by the downtime and puts every seat offline', () => {
    const state = started(['ana', 'ben']);
    const before = state.phase === 'question' && state.timer.running ? state.timer.deadline : 0;
    const res = step(state, { type: 'restore', downtimeMs: 7000 }, at(9000));
    const after = res.state.phase === 'question' && res.state.timer.running ? res.state.timer.deadline : 0;
    expect(after - before).toBe(7000);
    expect(res.state.online).toBe(0);
    expect(player(res.state, 'p0')).toMatchObject({ connected: false, offlineSince: at(9000) });
    expect(res.effects).toContainEqual({ type: 'schedule', at: after + ANSWER_GRACE_MS });
  });

  it('replays to the same state: transitions are deterministic', () => {
    let a = started(['ana', 'ben']);
    a = ok(submitFinal(a, 'p0', right(currentQuestion(a, 'p0')), at(500)));
    const b = JSON.parse(JSON.stringify(started(['ana', 'ben']))) as RoomState;
    const replayed = ok(transition(b, { type: 'submit', playerId: 'p0', submission: { index: 0, final: right(currentQuestion(b, 'p0')) } }, at(500), deps));
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(a));
  });
});

describe('room machine: one seat per device', () => {
  it('refuses a second seat for a device once the game runs', () => {
    const state = started(['ana']);
    expect(refusal(state, { type: 'join', nickname: 'Other', playerId: 'x1', device: 'dev-0', tokenHash: 'tok-other-00' })).toBe('already-seated');
  });

  it('replaces the device\'s earlier seat in the lobby', () => {
    const res = step(withPlayers(lobby(), ['ana', 'ben']), { type: 'join', nickname: 'Anna', playerId: 'x1', device: 'dev-0', tokenHash: 'tok-anna-000' });
    expect(res.state.order).toEqual(['p1', 'x1']);
    expect(res.state.online).toBe(2);
    expect(res.effects).toContainEqual({ type: 'seat-gone', playerId: 'p0' });
  });

  it('bars a kicked seat\'s device and token for the rest of the game', () => {
    const state = step(started(['ana', 'ben']), { type: 'host', command: { type: 'kick', playerId: 'p0' } }).state;
    expect(refusal(state, { type: 'join', nickname: 'Someone', playerId: 'x2', device: 'dev-0', tokenHash: 'tok-new-0000' })).toBe('kicked');
    expect(refusal(state, { type: 'resume', tokenHash: 'token-ana-0000', device: 'dev-9' })).toBe('kicked');
  });
});
