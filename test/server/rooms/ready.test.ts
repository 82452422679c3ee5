import { describe, expect, it } from 'vitest';
import { playerPhaseView } from '../../../server/rooms/views';
import type { RoomEvent, RoomState } from '../../../server/rooms/types';
import { currentQuestion, lobby, refusal, right, step, submitFinal, T0, withPlayers, wrong } from './fixture';

const host = (command: Extract<RoomEvent, { type: 'host' }>['command']): RoomEvent => ({ type: 'host', command });
const ready = (playerId: string, phase: 'reveal' | 'leaderboard', index: number): RoomEvent => ({ type: 'ready', playerId, expect: { phase, index } });

/** A party of three at the reveal of question 1: ana right, ben wrong, cy no answer. */
function partyReveal(): RoomState {
  let s = step(withPlayers(lobby({ leaderboardEvery: 2 }, 'party'), ['ana', 'ben', 'cy']), host({ type: 'start' })).state;
  const q = currentQuestion(s);
  for (const [id, answer] of [['p0', right(q)], ['p1', wrong(q)]] as const) {
    const res = submitFinal(s, id, answer, T0 + 1000);
    if (!res.ok) throw new Error(res.error);
    s = res.state;
  }
  return step(s, host({ type: 'skip' }), T0 + 2000).state;
}

describe('party ready signals', () => {
  it('shows who has answered an open question, and re-sends the view when someone does', () => {
    const s = step(withPlayers(lobby({}, 'party'), ['ana', 'ben']), host({ type: 'start' })).state;
    const res = submitFinal(s, 'p1', right(currentQuestion(s)), T0 + 1000);
    if (!res.ok) throw new Error(res.error);
    expect(res.effects).toContainEqual({ type: 'phase' });
    expect(playerPhaseView(res.state, T0).party?.players.map((p) => p.answered)).toEqual([false, true]);
  });

  it('shows every player who is ready and each outcome at the reveal', () => {
    const s = step(partyReveal(), ready('p1', 'reveal', 0)).state;
    const party = playerPhaseView(s, T0).party;
    expect(party?.autoAdvance).toBe(true);
    expect(party?.players.map((p) => [p.nickname, p.creator, p.ready, p.result?.outcome])).toEqual([
      ['ana', true, false, 'correct'], ['ben', false, true, 'wrong'], ['cy', false, false, 'no answer'],
    ]);
  });

  it('moves on by itself once every connected player is ready, not before', () => {
    let s = partyReveal();
    s = step(s, ready('p0', 'reveal', 0)).state;
    s = step(s, ready('p0', 'reveal', 0)).state;
    s = step(s, ready('p1', 'reveal', 0)).state;
    expect(s.phase).toBe('reveal');
    s = step(s, { type: 'disconnect', playerId: 'p2' }).state;
    expect(s.phase).toBe('reveal');
    s = step(step(s, { type: 'resume', tokenHash: 'token-cy-0000', device: 'dev-2' }).state, ready('p2', 'reveal', 0)).state;
    expect(s.phase === 'question' && s.index).toBe(1);
    // The stamp of the last screen reads as nobody ready on the next one.
    s = step(s, host({ type: 'skip' })).state;
    expect(playerPhaseView(s, T0).party?.players.every((p) => !p.ready)).toBe(true);
  });

  it('refuses a press for a screen the room has left, and any press in a classroom or while a question is open', () => {
    const s = partyReveal();
    expect(refusal(s, ready('p0', 'reveal', 1))).toBe('stale-command');
    expect(refusal(s, ready('p0', 'leaderboard', 0))).toBe('stale-command');
    expect(refusal(s, ready('nobody', 'reveal', 0))).toBe('not-a-player');
    const open = step(s, host({ type: 'next' })).state;
    expect(refusal(open, ready('p0', 'reveal', 0))).toBe('wrong-phase');
    const classroom = step(withPlayers(lobby(), ['ana']), host({ type: 'start' })).state;
    const closed = step(classroom, host({ type: 'skip' })).state;
    expect(refusal(closed, ready('p0', 'reveal', 0))).toBe('not-party');
    expect(playerPhaseView(closed, T0).party).toBeUndefined();
  });
});
