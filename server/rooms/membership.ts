/**
 * Joining, resuming, leaving, disconnecting and kicking: membership changes allowed in any phase (late joiners
 * may answer the open question), each returning a refusal code instead of throwing.
 */
import type { RoomSettings } from '../../shared/protocol';
import { ensureQuestions, prepareSettings } from './questions';
import { closeIfAllAnswered } from './round';
import { getEntry, removeEntry, setEntry } from './table';
import { MAX_PLAYERS_PER_ROOM, type PlayerRecord, type RoomDeps, type RoomState, type Transition } from './types';

/** Case-insensitive identity of a nickname (already validated and normalised by the schema). */
export function nicknameKey(nickname: string): string {
  return nickname.toLocaleLowerCase('und').normalize('NFKC');
}

export function join(
  state: RoomState,
  ev: { nickname: string; playerId: string; token: string },
  deps: RoomDeps,
): Transition {
  if (state.phase === 'finished') return { ok: false, error: 'room-closed' };
  if (state.locked) return { ok: false, error: 'room-locked' };
  if (state.order.length >= MAX_PLAYERS_PER_ROOM) return { ok: false, error: 'room-full' };
  const key = nicknameKey(ev.nickname);
  if (state.order.some((id) => getEntry(state.players, id)?.key === key)) return { ok: false, error: 'nickname-taken' };
  const player: PlayerRecord = {
    id: ev.playerId,
    nickname: ev.nickname,
    key,
    token: ev.token,
    connected: true,
    score: 0,
    streak: 0,
    rank: null,
    seat: state.nextSeat,
  };
  let next: RoomState = {
    ...state,
    players: setEntry(state.players, player.id, player),
    order: [...state.order, player.id],
    nextSeat: state.nextSeat + 1,
    online: state.online + 1,
  };
  if (next.phase === 'question') next = ensureQuestions(next, next.index, deps);
  return { ok: true, state: next, effects: [{ type: 'roster' }], playerId: player.id };
}

export function resume(state: RoomState, token: string): Transition {
  if (state.kickedTokens.includes(token)) return { ok: false, error: 'kicked' };
  const id = state.order.find((pid) => getEntry(state.players, pid)?.token === token);
  const player = id === undefined ? undefined : getEntry(state.players, id);
  if (!player) return { ok: false, error: 'bad-token' };
  const next = withPlayer(state, { ...player, connected: true }, player.connected ? 0 : 1);
  return { ok: true, state: next, effects: [{ type: 'roster' }], playerId: player.id };
}

export function disconnect(state: RoomState, playerId: string, now: number): Transition {
  const player = getEntry(state.players, playerId);
  if (!player) return { ok: false, error: 'player-not-found' };
  if (!player.connected) return { ok: true, state, effects: [] };
  const next = withPlayer(state, { ...player, connected: false }, -1);
  // The last one still thinking may have just left: the others should not wait for the clock.
  return closeIfAllAnswered(next, [{ type: 'roster' }], now);
}

/** Leaving in the lobby frees the seat; later the seat stays (the report keeps its answers) but goes offline. */
export function leave(state: RoomState, playerId: string, now: number): Transition {
  if (!getEntry(state.players, playerId)) return { ok: false, error: 'player-not-found' };
  if (state.phase !== 'lobby') return disconnect(state, playerId, now);
  return { ok: true, state: without(state, playerId), effects: [{ type: 'roster' }] };
}

export function kick(state: RoomState, playerId: string, now: number): Transition {
  const player = getEntry(state.players, playerId);
  if (!player) return { ok: false, error: 'player-not-found' };
  const next = { ...without(state, playerId), kickedTokens: [...state.kickedTokens, player.token] };
  return closeIfAllAnswered(next, [{ type: 'kicked', playerId }, { type: 'roster' }], now);
}

export function setLocked(state: RoomState, locked: boolean): Transition {
  if (state.phase === 'finished') return { ok: false, error: 'wrong-phase' };
  return { ok: true, state: { ...state, locked }, effects: [{ type: 'roster' }] };
}

export function changeSettings(state: RoomState, settings: RoomSettings, deps: RoomDeps): Transition {
  if (state.phase !== 'lobby') return { ok: false, error: 'wrong-phase' };
  const prepared = prepareSettings(settings, deps);
  if (!prepared.ok) return { ok: false, error: prepared.error, detail: prepared.detail };
  const seed = settings.seed ?? state.seed;
  const next: RoomState = { ...state, settings, seed, solved: prepared.solved, questions: {} };
  return { ok: true, state: next, effects: [{ type: 'phase' }] };
}

function withPlayer(state: RoomState, player: PlayerRecord, onlineDelta: number): RoomState {
  return { ...state, players: setEntry(state.players, player.id, player), online: state.online + onlineDelta };
}

function without(state: RoomState, playerId: string): RoomState {
  const players = removeEntry(state.players, playerId);
  const order = state.order.filter((id) => id !== playerId);
  const online = state.online - (getEntry(state.players, playerId)?.connected ? 1 : 0);
  if (state.phase !== 'question') return { ...state, players, order, online };
  const answered = getEntry(state.answers, playerId)?.final ? 1 : 0;
  return { ...state, players, order, online, answers: removeEntry(state.answers, playerId), finals: state.finals - answered };
}
