/**
 * One ranking on every screen: two players tied hold the same rank on their phones, on the leaderboard and on
 * the podium, and each phone's gap to the next place is the difference of real scores.
 */
import { describe, expect, it } from 'vitest';
import type { HostView, PlayerPhaseView } from '../../../shared/protocol';
import { podiumPlaces } from '../../../shared/ranking';
import { hostView, playerPhaseView, youView } from '../../../server/rooms/views';
import type { RoomEvent, RoomState } from '../../../server/rooms/types';
import { currentQuestion, player, right, started, step, submitFinal, T0 } from './fixture';

const host = (command: Extract<RoomEvent, { type: 'host' }>['command']): RoomEvent => ({ type: 'host', command });
const NAMES = ['ana', 'ben', 'cy', 'dan'];

/** Everyone who answers gets it right at `at[i]` ms (null: no answer); the round is then closed. */
function round(state: RoomState, at: Array<number | null>): RoomState {
  let s = state;
  at.forEach((ms, i) => {
    if (ms === null) return;
    const res = submitFinal(s, `p${i}`, right(currentQuestion(s, `p${i}`)), T0 + ms);
    if (!res.ok) throw new Error(res.error);
    s = res.state;
  });
  return s.phase === 'question' ? step(s, host({ type: 'skip' }), T0 + 30_000).state : s;
}

const you = (s: RoomState, id: string) => youView(s, player(s, id)!);
const score = (s: RoomState, id: string): number => player(s, id)?.score ?? Number.NaN;

describe('ranks and gaps', () => {
  it('ranks a tie the same on phones, leaderboard and podium, and names the gap to the next place', () => {
    const start = started(NAMES, { questionCount: 1, leaderboardEvery: 1 });
    expect(you(start, 'p0').rank).toBeNull();
    // ana fastest, ben slower, cy and dan silent: cy and dan tie for third with 0.
    const revealed = round(start, [1000, 8000, null, null]);
    expect(revealed.phase).toBe('reveal');
    const [a, b] = [score(revealed, 'p0'), score(revealed, 'p1')];
    expect(a).toBeGreaterThan(b);
    expect(b).toBeGreaterThan(0);
    const phones = NAMES.map((_, i) => you(revealed, `p${i}`));
    expect(phones.map((y) => y.rank)).toEqual([1, 2, 3, 3]);
    expect(phones.map((y) => y.tied)).toEqual([false, false, true, true]);
    expect(phones[0]?.gap).toEqual({ kind: 'ahead', points: a - b, nickname: 'ben' });
    expect(phones[1]?.gap).toEqual({ kind: 'behind', points: a - b, nickname: 'ana' });
    expect(phones[2]?.gap).toEqual({ kind: 'behind', points: b, nickname: 'ben' });
    expect(phones[3]?.gap).toEqual({ kind: 'behind', points: b, nickname: 'ben' });

    // The last question's reveal goes to the end: podium and host ranking hold both third places.
    const finished = step(revealed, host({ type: 'next' }), T0 + 40_000).state;
    expect(finished.phase).toBe('finished');
    const p = playerPhaseView(finished, T0) as Extract<PlayerPhaseView, { phase: 'finished' }>;
    expect(p.podium.map((e) => [e.nickname, e.rank])).toEqual([['ana', 1], ['ben', 2], ['cy', 3], ['dan', 3]]);
    const h = hostView(finished, T0) as Extract<HostView, { phase: 'finished' }>;
    expect(h.ranking.map((e) => e.rank)).toEqual([1, 2, 3, 3]);
    expect(podiumPlaces(h.ranking).map((pl) => [pl.rank, pl.entries.map((e) => e.nickname)])).toEqual([[1, ['ana']], [2, ['ben']], [3, ['cy', 'dan']]]);
    expect(NAMES.map((_, i) => you(finished, `p${i}`).rank)).toEqual([1, 2, 3, 3]);
  });

  it('shows the leaderboard and the phones the same shared lead', () => {
    let state = started(NAMES, { questionCount: 2, leaderboardEvery: 1 });
    // ana and ben answer at the same moment: equal points, a shared first place.
    state = round(state, [2000, 2000, 9000, null]);
    const board = step(state, host({ type: 'next' }), T0 + 40_000).state;
    expect(board.phase).toBe('leaderboard');
    const view = playerPhaseView(board, T0) as Extract<PlayerPhaseView, { phase: 'leaderboard' }>;
    expect(view.top.map((e) => [e.nickname, e.rank])).toEqual([['ana', 1], ['ben', 1], ['cy', 3], ['dan', 4]]);
    expect(you(board, 'p0').gap).toEqual({ kind: 'tied', points: 0, nickname: 'ben' });
    expect(you(board, 'p1').gap).toEqual({ kind: 'tied', points: 0, nickname: 'ana' });
    expect(you(board, 'p2').gap).toEqual({ kind: 'behind', points: score(board, 'p0') - score(board, 'p2'), nickname: 'ana' });
    expect(you(board, 'p3').gap).toEqual({ kind: 'behind', points: score(board, 'p2'), nickname: 'cy' });
    // A kick between rounds leaves no gap in the ranks.
    const kicked = step(board, host({ type: 'kick', playerId: 'p2' }), T0 + 41_000).state;
    expect(you(kicked, 'p3').rank).toBe(3);
    expect(you(kicked, 'p3').gap).toMatchObject({ kind: 'behind', nickname: 'ana' });
  });

  it('gives a player alone in the room a rank and no gap', () => {
    const alone = round(started(['ana'], { questionCount: 1 }), [1000]);
    expect(you(alone, 'p0')).toMatchObject({ rank: 1, tied: false, gap: null });
  });
});
