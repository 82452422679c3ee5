import { describe, expect, it } from 'vitest';
import { ANSWER_GRACE_MS } from '../../../shared/protocol';
import type { RoomState } from '../../../server/rooms/types';
import { currentQuestion, lobby, refusal, right, started, step, submitFinal, T0, withPlayers, wrong, player, answerOf } from './fixture';

const DURATION = 20_000;
const DEADLINE = T0 + DURATION;

function ok(res: ReturnType<typeof submitFinal>): RoomState {
  if (!res.ok) throw new Error(res.error);
  return res.state;
}

function scoreOf(state: RoomState, id: string): number {
  return player(state, id)?.score ?? -1;
}

describe('room machine: a question round', () => {
  it('opens the first question with a server deadline and a timer at deadline plus grace', () => {
    const res = step(withPlayers(lobby(), ['ana']), { type: 'host', command: { type: 'start' } });
    expect(res.state.phase === 'question' && res.state.timer).toEqual({ running: true, deadline: DEADLINE });
    expect(res.effects).toContainEqual({ type: 'schedule', at: DEADLINE + ANSWER_GRACE_MS });
  });

  it('ignores a stale timer once the question is closed', () => {
    const revealed = step(started(['ana']), { type: 'host', command: { type: 'skip' } }).state;
    const res = step(revealed, { type: 'deadline' }, DEADLINE + ANSWER_GRACE_MS);
    expect(res.state).toBe(revealed);
    expect(res.effects).toEqual([]);
  });

  it('acks a right final answer as correct without the answer in the verdict', () => {
    const state = started(['ana', 'ben']);
    const q = currentQuestion(state, 'p0');
    const next = ok(submitFinal(state, 'p0', right(q), T0 + 1000));
    const verdict = next.phase === 'question' ? answerOf(next, 'p0')?.final : null;
    expect(verdict?.correct).toBe(true);
    expect(JSON.stringify(verdict)).not.toContain(q.answer.expr!.replace(/\s+/g, ''));
  });

  it('names the mistake of a wrong answer', () => {
    const state = started(['ana', 'ben']);
    const q = currentQuestion(state, 'p0');
    // The wrong answer is the question's own distractor for a known mistake, so the verdict must name it.
    expect(q.distractors?.some((d) => d.mistake === 'forgot-inner-derivative' && d.expr)).toBe(true);
    const next = ok(submitFinal(state, 'p0', wrong(q), T0 + 1000));
    const verdict = next.phase === 'question' ? answerOf(next, 'p0')?.final : null;
    expect(verdict?.correct).toBe(false);
    expect(verdict?.mistake).toBe('forgot-inner-derivative');
  });

  it('refuses a second final answer and changes nothing', () => {
    const state = ok(submitFinal(started(['ana', 'ben']), 'p0', 'x', T0 + 1000));
    const again = submitFinal(state, 'p0', right(currentQuestion(state, 'p0')), T0 + 2000);
    expect(again.ok ? 'accepted' : again.error).toBe('already-answered');
  });

  it('refuses an answer for another question index', () => {
    const state = started(['ana']);
    expect(refusal(state, { type: 'submit', playerId: 'p0', submission: { index: 1, final: 'x' } })).toBe('wrong-question');
  });

  it('refuses an answer from someone who is not a player', () => {
    expect(refusal(started(['ana']), { type: 'submit', playerId: 'host', submission: { index: 0, final: 'x' } })).toBe('not-a-player');
  });

  it('refuses an answer once the game is finished', () => {
    const finished = step(started(['ana']), { type: 'host', command: { type: 'end' } }).state;
    expect(refusal(finished, { type: 'submit', playerId: 'p0', submission: { index: 0, final: 'x' } })).toBe('wrong-phase');
  });

  it('scores a right answer exactly at the deadline with the minimum speed points', () => {
    let state = started(['ana', 'ben']);
    state = ok(submitFinal(state, 'p0', right(currentQuestion(state, 'p0')), DEADLINE));
    state = step(state, { type: 'host', command: { type: 'skip' } }, DEADLINE).state;
    expect(scoreOf(state, 'p0')).toBe(500);
  });

  it('accepts a right answer within the grace period at the minimum speed points', () => {
    let state = started(['ana', 'ben']);
    state = ok(submitFinal(state, 'p0', right(currentQuestion(state, 'p0')), DEADLINE + ANSWER_GRACE_MS));
    state = step(state, { type: 'host', command: { type: 'skip' } }, DEADLINE + ANSWER_GRACE_MS).state;
    expect(scoreOf(state, 'p0')).toBe(500);
  });

  it('refuses an answer after the grace period as too late', () => {
    const res = submitFinal(started(['ana']), 'p0', 'x', DEADLINE + ANSWER_GRACE_MS + 1);
    expect(res.ok ? 'accepted' : res.error).toBe('too-late');
  });

  it('scores by Kahoot speed formula when answered a quarter of the way in', () => {
    let state = started(['ana', 'ben']);
    state = ok(submitFinal(state, 'p0', right(currentQuestion(state, 'p0')), T0 + DURATION / 4));
    state = step(state, { type: 'host', command: { type: 'skip' } }, T0 + DURATION / 4).state;
    expect(scoreOf(state, 'p0')).toBe(Math.round((1 - 0.25 / 2) * 1000));
    expect(scoreOf(state, 'p1')).toBe(0);
  });

  it('scores a flat 1000 when speed scoring is off', () => {
    let state = started(['ana', 'ben'], { speedScoring: false });
    state = ok(submitFinal(state, 'p0', right(currentQuestion(state, 'p0')), DEADLINE - 1));
    state = step(state, { type: 'host', command: { type: 'skip' } }, DEADLINE).state;
    expect(scoreOf(state, 'p0')).toBe(1000);
  });

  it('keeps the question open when the timer fires before deadline plus grace', () => {
    const res = step(started(['ana']), { type: 'deadline' }, DEADLINE);
    expect(res.state.phase).toBe('question');
    expect(res.effects).toEqual([{ type: 'schedule', at: DEADLINE + ANSWER_GRACE_MS }]);
  });

  it('closes the question into the reveal when the timer fires at deadline plus grace', () => {
    const res = step(started(['ana']), { type: 'deadline' }, DEADLINE + ANSWER_GRACE_MS);
    expect(res.state.phase).toBe('reveal');
    expect(res.effects).toContainEqual({ type: 'phase' });
  });

  it('closes early when every connected player has given a final answer', () => {
    let state = started(['ana', 'ben']);
    state = ok(submitFinal(state, 'p0', 'x', T0 + 100));
    expect(state.phase).toBe('question');
    state = ok(submitFinal(state, 'p1', 'x', T0 + 200));
    expect(state.phase).toBe('reveal');
  });

  it('keeps the question open when everyone is disconnected', () => {
    let state = started(['ana', 'ben']);
    state = step(state, { type: 'disconnect', playerId: 'p0' }).state;
    state = step(state, { type: 'disconnect', playerId: 'p1' }).state;
    expect(state.phase).toBe('question');
  });

  it('does not close early on layer answers alone', () => {
    const state = started(['ana'], { entryMode: 'layers' });
    const res = step(state, { type: 'submit', playerId: 'p0', submission: { index: 0, layers: [{ layer: 0, input: 'x' }] } });
    expect(res.state.phase).toBe('question');
  });

  it('adds a streak bonus of 100 for a second right answer in a row', () => {
    let state = started(['ana'], { speedScoring: false, leaderboardEvery: 0 });
    state = ok(submitFinal(state, 'p0', right(currentQuestion(state, 'p0')), T0 + 10));
    state = step(state, { type: 'host', command: { type: 'next' } }, T0 + 20).state;
    state = ok(submitFinal(state, 'p0', right(currentQuestion(state, 'p0')), T0 + 30));
    expect(player(state, 'p0')).toMatchObject({ score: 2100, streak: 2 });
  });

  it('resets the streak after a wrong answer', () => {
    let state = started(['ana'], { speedScoring: false, leaderboardEvery: 0 });
    state = ok(submitFinal(state, 'p0', right(currentQuestion(state, 'p0')), T0 + 10));
    state = step(state, { type: 'host', command: { type: 'next' } }, T0 + 20).state;
    state = ok(submitFinal(state, 'p0', wrong(currentQuestion(state, 'p0')), T0 + 30));
    expect(player(state, 'p0')?.streak).toBe(0);
  });

  it('counts the class mistakes for the reveal', () => {
    let state = started(['ana', 'ben', 'cy']);
    const q = currentQuestion(state, 'p0');
    state = ok(submitFinal(state, 'p0', wrong(q), T0 + 10));
    state = ok(submitFinal(state, 'p1', wrong(q), T0 + 10));
    state = ok(submitFinal(state, 'p2', right(q), T0 + 10));
    expect(state.phase === 'reveal' && state.stats).toMatchObject({ players: 3, answered: 3, correct: 1 });
    const total = state.phase === 'reveal' ? state.stats.mistakes.reduce((n, m) => n + m.count, 0) : 0;
    expect(total).toBe(2);
  });
});
