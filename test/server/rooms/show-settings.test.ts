/**
 * Settings from issue 24 through the real machine: each question's time comes from its family and difficulty
 * unless the host set one, "hide names" shows generated names everywhere others can see a seat (never the typed
 * nickname), and the end counts the questions that were played.
 */
import { describe, expect, it } from 'vitest';
import { defaultSeconds } from '../../../shared/timing/question-seconds';
import { generatedName } from '../../../shared/names/generated-names';
import { hostView, playerPhaseView, youView } from '../../../server/rooms/views';
import { player, right, currentQuestion, started, step, submitFinal, T0 } from './fixture';
import type { RoomState } from '../../../server/rooms/types';

const durationOf = (s: RoomState): number => (s.phase === 'question' ? s.durationMs : NaN);

describe('time per question', () => {
  it("takes each question's time from its family and difficulty when the host set none", () => {
    const s = started(['ana'], { secondsPerQuestion: undefined, source: { kind: 'generated', families: ['chain', 'backprop'], difficulty: 3 } });
    expect(durationOf(s)).toBe(defaultSeconds('chain', 3) * 1000);
    const revealed = step(s, { type: 'host', command: { type: 'skip' } }).state;
    const second = step(revealed, { type: 'host', command: { type: 'next' } }, T0 + 1000).state;
    const board = second.phase === 'leaderboard' ? step(second, { type: 'host', command: { type: 'next' } }, T0 + 2000).state : second;
    expect(durationOf(board)).toBe(defaultSeconds('backprop', 3) * 1000);
    expect(defaultSeconds('backprop', 3)).not.toBe(defaultSeconds('chain', 3));
  });

  it("uses the host's time for a topic, else one time for all", () => {
    const perTopic = started(['ana'], { secondsPerQuestion: undefined, secondsByFamily: { chain: 95 } });
    expect(durationOf(perTopic)).toBe(95_000);
    expect(durationOf(started(['ana'], { secondsPerQuestion: 42 }))).toBe(42_000);
  });
});

describe('hidden names', () => {
  it('shows generated names on the projector, the boards and the gap, never the nickname', () => {
    let s = started(['RudeName', 'ben'], { names: 'generated' });
    const q = currentQuestion(s);
    const sent = submitFinal(s, 'p0', right(q));
    if (!sent.ok) throw new Error(sent.error);
    s = sent.state;
    s = step(s, { type: 'host', command: { type: 'skip' } }).state;
    const shown0 = generatedName(s.seed, 0);
    const shown1 = generatedName(s.seed, 1);
    const host = JSON.stringify(hostView(s, T0));
    expect(host).not.toContain('RudeName');
    expect(host).toContain(shown0);
    const ben = player(s, 'p1')!;
    const you = youView(s, ben);
    expect(you.nickname).toBe('ben');
    expect(you.shownAs).toBe(shown1);
    expect(you.gap?.nickname).toBe(shown0);
    const board = step(s, { type: 'host', command: { type: 'next' } }, T0 + 1000).state;
    expect(JSON.stringify(playerPhaseView(board, T0))).not.toContain('RudeName');
    const finished = step(board, { type: 'host', command: { type: 'end' } }, T0 + 2000).state;
    expect(JSON.stringify(playerPhaseView(finished, T0))).not.toContain('RudeName');
    expect(JSON.stringify(hostView(finished, T0))).not.toContain('RudeName');
  });

  it('counts the questions played when the game ends early', () => {
    const s = started(['ana'], { questionCount: 6 });
    const revealed = step(s, { type: 'host', command: { type: 'skip' } }).state;
    const ended = step(revealed, { type: 'host', command: { type: 'end' } }, T0 + 1000).state;
    const view = playerPhaseView(ended, T0);
    expect(view.phase === 'finished' && view.played).toBe(1);
    expect(view.phase === 'finished' && view.total).toBe(6);
  });
});
