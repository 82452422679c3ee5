import { describe, expect, it } from 'vitest';
import { ANSWER_GRACE_MS } from '../../../shared/protocol';
import type { RoomEvent, RoomState } from '../../../server/rooms/types';
import { currentQuestion, refusal, right, started, step, submitFinal, T0, wrong, player, answerOf } from './fixture';

const DEADLINE = T0 + 20_000;
const host = (command: Extract<RoomEvent, { type: 'host' }>['command']): RoomEvent => ({ type: 'host', command });

function layered(): RoomState {
  return started(['ana', 'ben'], { entryMode: 'layers', speedScoring: false });
}

function submit(state: RoomState, playerId: string, submission: Extract<RoomEvent, { type: 'submit' }>['submission'], now = T0) {
  return step(state, { type: 'submit', playerId, submission }, now);
}

describe('room machine: host flow', () => {
  it('takes an answer sent while paused at the paused time, and closes only once resumed', () => {
    const paused = step(started(['ana']), host({ type: 'pause' }), T0 + 5000).state;
    const res = submitFinal(paused, 'p0', 'x', T0 + 60_000);
    if (!res.ok) throw new Error(res.error);
    expect(res.state.phase).toBe('question');
    expect(answerOf(res.state, 'p0')?.elapsedMs).toBe(5000);
    expect(step(res.state, host({ type: 'resume' }), T0 + 70_000).state.phase).toBe('reveal');
  });

  it('moves the deadline by the paused time when resumed', () => {
    const paused = step(started(['ana']), host({ type: 'pause' }), T0 + 5000).state;
    const res = step(paused, host({ type: 'resume' }), T0 + 65_000);
    expect(res.state.phase === 'question' && res.state.timer).toEqual({ running: true, deadline: DEADLINE + 60_000 });
    expect(res.effects).toContainEqual({ type: 'schedule', at: DEADLINE + 60_000 + ANSWER_GRACE_MS });
  });

  it('does not count paused time in the speed score', () => {
    let state = started(['ana', 'ben']);
    state = step(state, host({ type: 'pause' }), T0 + 5000).state;
    state = step(state, host({ type: 'resume' }), T0 + 100_000).state;
    const res = submitFinal(state, 'p0', right(currentQuestion(state, 'p0')), T0 + 100_000);
    if (!res.ok) throw new Error(res.error);
    const closed = step(res.state, host({ type: 'skip' }), T0 + 100_001).state;
    expect(player(closed, 'p0')?.score).toBe(Math.round((1 - 5000 / 20_000 / 2) * 1000));
  });

  it('refuses a pause outside a running question', () => {
    const paused = step(started(['ana']), host({ type: 'pause' })).state;
    expect(refusal(paused, host({ type: 'pause' }))).toBe('wrong-phase');
  });

  it('closes the question on skip', () => {
    expect(step(started(['ana']), host({ type: 'skip' })).state.phase).toBe('reveal');
  });

  it('refuses a second skip resent by a double click', () => {
    const revealed = step(started(['ana']), host({ type: 'skip', expect: { phase: 'question', index: 0 } })).state;
    expect(refusal(revealed, host({ type: 'skip', expect: { phase: 'question', index: 0 } }))).toBe('stale-command');
  });

  it('refuses a next whose expected phase has passed', () => {
    const revealed = step(started(['ana']), host({ type: 'skip' })).state;
    const board = step(revealed, host({ type: 'next', expect: { phase: 'reveal', index: 0 } })).state;
    expect(board.phase).toBe('leaderboard');
    expect(refusal(board, host({ type: 'next', expect: { phase: 'reveal', index: 0 } }))).toBe('stale-command');
  });

  it('goes from reveal straight to the next question when no leaderboard is due', () => {
    const revealed = step(started(['ana'], { leaderboardEvery: 2 }), host({ type: 'skip' })).state;
    const next = step(revealed, host({ type: 'next' })).state;
    expect(next.phase === 'question' && next.index).toBe(1);
  });

  it('shows the leaderboard every N questions', () => {
    let state = started(['ana'], { leaderboardEvery: 2 });
    state = step(step(state, host({ type: 'skip' })).state, host({ type: 'next' })).state;
    state = step(state, host({ type: 'skip' })).state;
    expect(step(state, host({ type: 'next' })).state.phase).toBe('leaderboard');
  });

  it('finishes after the last question with ranks', () => {
    let state = started(['ana', 'ben'], { questionCount: 1 });
    const res = submitFinal(state, 'p1', right(currentQuestion(state, 'p1')), T0 + 10);
    if (!res.ok) throw new Error(res.error);
    state = step(step(res.state, host({ type: 'skip' })).state, host({ type: 'next' })).state;
    expect(state.phase).toBe('finished');
    expect(player(state, 'p1')?.rank).toBe(1);
    expect(player(state, 'p0')?.rank).toBe(2);
  });

  it('scores the open question when the host ends the game mid-question', () => {
    const state = started(['ana', 'ben'], { speedScoring: false });
    const res = submitFinal(state, 'p0', right(currentQuestion(state, 'p0')), T0 + 10);
    if (!res.ok) throw new Error(res.error);
    const ended = step(res.state, host({ type: 'end' }));
    expect(ended.state.phase).toBe('finished');
    expect(player(ended.state, 'p0')?.score).toBe(1000);
    expect(ended.effects).toContainEqual({ type: 'finished' });
  });

  it('refuses to end a finished game', () => {
    expect(refusal(step(started(['ana']), host({ type: 'end' })).state, host({ type: 'end' }))).toBe('wrong-phase');
  });

  it('removes a kicked player from the open question and closes if the rest answered', () => {
    let state = started(['ana', 'ben']);
    const res = submitFinal(state, 'p0', 'x', T0 + 10);
    if (!res.ok) throw new Error(res.error);
    state = step(res.state, host({ type: 'kick', playerId: 'p1' })).state;
    expect(state.phase).toBe('reveal');
    expect(state.order).toEqual(['p0']);
  });
});

describe('room machine: layer-by-layer answers', () => {
  it('judges layers sent one at a time and keeps each verdict', () => {
    let state = layered();
    const q = currentQuestion(state, 'p0');
    state = submit(state, 'p0', { index: 0, layers: [{ layer: 0, input: q.layers![0]!.evaluated }] }).state;
    state = submit(state, 'p0', { index: 0, layers: [{ layer: 1, input: 'x + 999' }] }).state;
    const sub = state.phase === 'question' ? answerOf(state, 'p0') : undefined;
    expect(sub?.layers.map((l) => l?.correct)).toEqual([true, false]);
    expect(sub?.final).toBeNull();
  });

  it('refuses a layer that was already judged', () => {
    const state = layered();
    const once = submit(state, 'p0', { index: 0, layers: [{ layer: 0, input: 'x' }] }).state;
    expect(refusal(once, { type: 'submit', playerId: 'p0', submission: { index: 0, layers: [{ layer: 0, input: 'y' }] } })).toBe('layer-already-answered');
  });

  it('refuses a layer index the question does not have', () => {
    expect(refusal(layered(), { type: 'submit', playerId: 'p0', submission: { index: 0, layers: [{ layer: 9, input: 'x' }] } })).toBe('layer-out-of-range');
  });

  it('refuses layer answers in final-only mode', () => {
    const state = started(['ana'], { entryMode: 'final' });
    expect(refusal(state, { type: 'submit', playerId: 'p0', submission: { index: 0, layers: [{ layer: 0, input: 'x' }] } })).toBe('layers-not-allowed');
  });

  it('accepts all layers and the final at once', () => {
    const state = layered();
    const q = currentQuestion(state, 'p0');
    const layers = q.layers!.map((l, layer) => ({ layer, input: l.evaluated }));
    const next = submit(state, 'p0', { index: 0, layers, final: right(q) }).state;
    const sub = next.phase === 'question' ? answerOf(next, 'p0') : undefined;
    expect(sub?.layers.every((l) => l?.correct)).toBe(true);
    expect(sub?.final?.correct).toBe(true);
  });

  it('gives partial credit for right layers when the final is wrong', () => {
    let state = layered();
    const q = currentQuestion(state, 'p0');
    const n = q.layers!.length;
    state = submit(state, 'p0', { index: 0, layers: [{ layer: 0, input: q.layers![0]!.evaluated }], final: wrong(q) }).state;
    state = step(state, host({ type: 'skip' })).state;
    expect(player(state, 'p0')?.score).toBe(Math.round((1000 * 0.5 * 1) / n));
    expect(state.phase === 'reveal' && state.stats.layerCorrect[0]).toBe(1);
  });

  it('counts each box’s bar only over the students who filled it: an empty box is product only', () => {
    let state = layered();
    const q = currentQuestion(state, 'p0');
    // Ana fills the outer box wrong; Ben gives the product only.
    state = submit(state, 'p0', { index: 0, layers: [{ layer: 0, input: 'x + 12345' }], final: right(q) }).state;
    state = submit(state, 'p1', { index: 0, final: right(q) }).state;
    const stats = state.phase === 'reveal' ? state.stats : null;
    expect(stats?.layerFilled).toEqual([1, ...new Array<number>(q.layers!.length - 1).fill(0)]);
    expect(stats?.layerCorrect).toEqual(new Array<number>(q.layers!.length).fill(0));
  });

  it('gives the same layer credit when time ran out before the final (scoring.ts: credit per layer)', () => {
    let state = layered();
    const q = currentQuestion(state, 'p0');
    const n = q.layers!.length;
    state = submit(state, 'p0', { index: 0, layers: [{ layer: 0, input: q.layers![0]!.evaluated }] }).state;
    state = step(state, host({ type: 'skip' })).state;
    expect(player(state, 'p0')?.score).toBe(Math.round((1000 * 0.5 * 1) / n));
  });
});
