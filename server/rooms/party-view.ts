/**
 * What every player of a party room sees of the group: a few friends drilling together share their outcomes
 * (the reveal's "who got it"), scores and who is ready. Classroom rooms never send it: there a player sees only
 * their own seat and the top of the board.
 */
import { shownName } from './shown-names';
import type { PartyPlayer, PartyView } from '../../shared/protocol';
import { outcomeOf } from '../../shared/report/outcome';
import { readyIds } from './ready';
import { getEntry } from './table';
import type { RoomState } from './types';

/** A party is a few friends; a room that grew past this shows its first players only (the view stays small). */
export const PARTY_ROSTER_MAX = 50;

/** The party block for `state`, or undefined for a classroom room. */
export function partyView(state: RoomState): PartyView | undefined {
  if (state.mode !== 'party') return undefined;
  const ready = readyIds(state);
  const round = state.phase === 'reveal' ? state.rounds[state.rounds.length - 1] : undefined;
  const players: PartyPlayer[] = [];
  for (const id of state.order.slice(0, PARTY_ROSTER_MAX)) {
    const p = getEntry(state.players, id);
    if (!p) continue;
    // The room's first seat is the creator's: createRoom seats them before anyone can join.
    const entry: PartyPlayer = { playerId: p.id, nickname: shownName(state, p), score: p.score, rank: p.rank, connected: p.connected, creator: p.seat === 0, ready: ready.includes(p.id) };
    if (state.phase === 'question') entry.answered = getEntry(state.answers, p.id)?.final != null;
    const r = round?.results[p.id];
    if (round) entry.result = r ? { outcome: outcomeOf(r), points: r.points } : { outcome: 'no answer', points: 0 };
    players.push(entry);
  }
  return { players, autoAdvance: true };
}
