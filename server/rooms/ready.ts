/**
 * Party mode's ready signal, in place of a big screen: after a reveal (or a board) each player presses Ready;
 * the creator sees who is ready and may move on at any time; once every connected player is ready the game moves
 * on by itself. Pure, like the rest of the machine: the readiness is part of the room state (snapshots, replay).
 */
import { getEntry } from './table';
import type { RoomState, Transition } from './types';

type ReadyScreen = { phase: 'reveal' | 'leaderboard'; index: number };

/** Who is ready on the screen the room shows now (a stamp left from an earlier screen counts as nobody). */
export function readyIds(state: RoomState): readonly string[] {
  if (state.phase !== 'reveal' && state.phase !== 'leaderboard') return [];
  const r = state.ready;
  return r && r.phase === state.phase && r.index === state.index ? r.ids : [];
}

/** Every connected player is ready (and someone is connected): nobody is left to wait for. */
export function everyoneReady(state: RoomState, ids: readonly string[] = readyIds(state)): boolean {
  let connected = 0;
  for (const id of state.order) {
    const p = getEntry(state.players, id);
    if (!p?.connected) continue;
    connected++;
    if (!ids.includes(id)) return false;
  }
  return connected > 0;
}

/**
 * `playerId` is ready on `expect`. A press for a screen the room has left is `stale-command` (a late click moves
 * nothing on); a second press changes nothing. The last press that makes everyone ready returns `advance`'s
 * transition (the host's `next`).
 */
export function markReady(state: RoomState, playerId: string, expect: ReadyScreen, advance: (s: RoomState) => Transition): Transition {
  if (state.mode !== 'party') return { ok: false, error: 'not-party' };
  if (!getEntry(state.players, playerId)) return { ok: false, error: 'not-a-player' };
  if (state.phase !== 'reveal' && state.phase !== 'leaderboard') return { ok: false, error: 'wrong-phase' };
  if (state.phase !== expect.phase || state.index !== expect.index) return { ok: false, error: 'stale-command' };
  const ids = readyIds(state);
  if (ids.includes(playerId)) return { ok: true, state, effects: [] };
  const next: RoomState = { ...state, ready: { phase: state.phase, index: state.index, ids: [...ids, playerId] } };
  if (everyoneReady(next)) return advance(next);
  return { ok: true, state: next, effects: [{ type: 'phase' }] };
}
