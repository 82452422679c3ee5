import { describe, expect, it } from 'vitest';
import type { RoomEvent, RoomState } from '../../../server/rooms/types';
import { FOLLOW_UP_QUESTIONS } from '../../../server/rooms/follow-up';
import { questionFor } from '../../../server/rooms/questions';
import { reportRows } from '../../../server/report/csv';
import { hostView } from '../../../server/rooms/views';
import { currentQuestion, player, refusal, right, started, step, submitFinal, T0, wrong } from './fixture';

const host = (command: Extract<RoomEvent, { type: 'host' }>['command']): RoomEvent => ({ type: 'host', command });

/** A three-question chain game where `forget` players forget the inner derivative and the rest answer right. */
function finished(names: string[], forget: string[]): RoomState {
  let s = started(names);
  for (let q = 0; q < 3; q++) {
    names.forEach((name, i) => {
      const id = `p${i}`;
      const res = submitFinal(s, id, forget.includes(name) ? wrong(currentQuestion(s, id)) : right(currentQuestion(s, id)), T0 + 1000);
      if (!res.ok) throw new Error(res.error);
      s = res.state;
    });
    if (s.phase !== 'reveal') s = step(s, host({ type: 'skip' })).state;
    s = step(s, host({ type: 'next' }), T0 + 2000).state;
    if (s.phase === 'leaderboard') s = step(s, host({ type: 'next' }), T0 + 3000).state;
  }
  if (s.phase !== 'finished') throw new Error(`not finished: ${s.phase}`);
  return s;
}

describe('room machine: the follow-up round', () => {
  it('the finished view summarises the class: 2 of 3 forgot the inner derivative', () => {
    const done = finished(['ana', 'ben', 'cy'], ['ana', 'ben']);
    const view = hostView(done, T0 + 5000);
    if (view.phase !== 'finished') throw new Error('not finished');
    expect(view.summary.students).toBe(3);
    expect(view.summary.mistakes[0]).toMatchObject({ mistake: 'forgot-inner-derivative', students: 2, questions: [1, 2, 3] });
    expect(view.summary.weakTopics.map((t) => [t.topic, t.right, t.results])).toEqual([['chain', 3, 9]]);
  });

  it('goes back to the lobby with the same seats at zero, with questions that each name the class\'s mistake', () => {
    const done = finished(['ana', 'ben', 'cy'], ['ana', 'ben']);
    const res = step(done, host({ type: 'follow-up' }), T0 + 10_000);
    const s = res.state;
    expect(s.phase).toBe('lobby');
    expect(s.game).toBe(2);
    expect(s.order).toEqual(done.order);
    expect(s.order.map((id) => [player(s, id)?.nickname, player(s, id)?.score, player(s, id)?.tokenHash])).toEqual(
      done.order.map((id) => [player(done, id)?.nickname, 0, player(done, id)?.tokenHash]));
    expect(s.rounds).toEqual([]);
    expect(s.settings.followUp).toEqual({ mistakes: ['forgot-inner-derivative'], topics: ['chain'] });
    expect(s.settings.source.kind).toBe('tasks');
    expect(s.solved).toHaveLength(FOLLOW_UP_QUESTIONS);
    for (const [i, q] of s.solved.entries()) {
      expect(q.distractors?.some((d) => d.mistake === 'forgot-inner-derivative'), `question ${i + 1}: ${q.prompt.text}`).toBe(true);
    }
    expect(res.effects).toEqual(expect.arrayContaining([{ type: 'phase' }, { type: 'you', playerIds: 'all' }]));
    // The round plays: the first question is the first follow-up question.
    const playing = step(s, host({ type: 'start' }), T0 + 11_000).state;
    expect(questionFor(playing, 0).prompt).toEqual(s.solved[0]?.prompt);
    // The first game's rows were what the report saved; the new game starts with none.
    expect(reportRows(done).length).toBe(9);
    expect(reportRows(s)).toEqual([]);
  });

  it('is the same round when replayed, and a second follow-up gives other questions', () => {
    const done = finished(['ana', 'ben'], ['ana']);
    const a = step(done, host({ type: 'follow-up' }), T0 + 10_000).state;
    const b = step(done, host({ type: 'follow-up' }), T0 + 10_000).state;
    expect(b.solved.map((q) => q.prompt.text)).toEqual(a.solved.map((q) => q.prompt.text));
    const again = finished(['ana', 'ben'], ['ana']);
    const second = step({ ...again, game: 2 }, host({ type: 'follow-up' }), T0 + 10_000).state;
    expect(second.game).toBe(3);
    expect(second.solved.map((q) => q.prompt.text)).not.toEqual(a.solved.map((q) => q.prompt.text));
  });

  it('practises the weakest topic when no mistake was named, and refuses when every answer was right', () => {
    const unnamed = finished(['ana', 'ben'], []);
    expect(refusal(unnamed, host({ type: 'follow-up' }))).toBe('settings-invalid');
    let s = started(['ana']);
    const res = submitFinal(s, 'p0', 'x + 12345', T0 + 1000);
    if (!res.ok) throw new Error(res.error);
    s = step(res.state, host({ type: 'end' }), T0 + 2000).state;
    const round = step(s, host({ type: 'follow-up' }), T0 + 3000).state;
    expect(round.settings.source).toMatchObject({ kind: 'generated', families: ['chain'] });
    expect(round.settings.followUp).toEqual({ mistakes: [], topics: ['chain'] });
  });

  it('is refused before the game is over', () => {
    expect(refusal(started(['ana']), host({ type: 'follow-up' }))).toBe('wrong-phase');
  });
});
