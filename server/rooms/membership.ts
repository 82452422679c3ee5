/**
 * Joining, resuming, leaving, disconnecting and kicking: membership changes allowed in any phase (late joiners
 * may answer the open question), each returning a refusal code instead of throwing.
 */
import { ANSWER_GRACE_MS, type RoomSettings } from '../../shared/protocol';
import { ensureQuestions, prepareSettings } from './questions';
import { closeIfAllAnswered } from './round';
import { closeAt } from './extra-time';
import { getEntry, removeEntry, setEntry } from './table';
import type { Question } from '../../shared/questions/types';
import { GONE_GRACE_MS, MAX_PLAYERS_PER_ROOM, type PhaseOf, type PlayerRecord, type RoomDeps, type RoomEffect, type RoomState, type Transition } from './types';

/** Case-insensitive identity of a nickname (already validated and normalised by the schema). */
export function nicknameKey(nickname: string): string {
  return nickname.toLocaleLowerCase('und').normalize('NFKC');
}

/**
 * A new seat. One seat per device: in the lobby the device's earlier seat is replaced (a reload that lost its
 * token); once questions run a second seat is refused, so one phone cannot use one seat's feedback as an oracle
 * for another. A kicked device stays out.
 */
export function join(
  state: RoomState,
  ev: { nickname: string; playerId: string; tokenHash: string; device: string },
  deps: RoomDeps,
): Transition {
  if (state.phase === 'finished') return { ok: false, error: 'room-closed' };
  if (state.kickedDevices.includes(ev.device)) return { ok: false, error: 'kicked' };
  if (state.locked) return { ok: false, error: 'room-locked' };
  const earlier = state.order.find((id) => getEntry(state.players, id)?.device === ev.device);
  if (earlier !== undefined && state.phase !== 'lobby') return { ok: false, error: 'already-seated' };
  const base = earlier === undefined ? state : without(state, earlier);
  if (base.order.length >= MAX_PLAYERS_PER_ROOM) return { ok: false, error: 'room-full' };
  const key = nicknameKey(ev.nickname);
  if (base.order.some((id) => getEntry(base.players, id)?.key === key)) return { ok: false, error: 'nickname-taken' };
  const player: PlayerRecord = {
    id: ev.playerId,
    nickname: ev.nickname,
    key,
    tokenHash: ev.tokenHash,
    device: ev.device,
    connected: true,
    offlineSince: null,
    score: 0,
    streak: 0,
    rank: null,
    seat: base.nextSeat,
  };
  let next: RoomState = {
    ...base,
    players: setEntry(base.players, player.id, player),
    order: [...base.order, player.id],
    nextSeat: base.nextSeat + 1,
    online: base.online + 1,
  };
  if (next.phase === 'question') next = ensureQuestions(next, next.index, deps);
  const effects: RoomEffect[] = earlier === undefined ? [{ type: 'roster' }] : [{ type: 'seat-gone', playerId: earlier }, { type: 'roster' }];
  return { ok: true, state: next, effects, playerId: player.id };
}

export function resume(state: RoomState, ev: { tokenHash: string; device: string }): Transition {
  if (state.kickedTokens.includes(ev.tokenHash) || state.kickedDevices.includes(ev.device)) return { ok: false, error: 'kicked' };
  const id = state.order.find((pid) => getEntry(state.players, pid)?.tokenHash === ev.tokenHash);
  const player = id === undefined ? undefined : getEntry(state.players, id);
  if (!player) return { ok: false, error: 'bad-token' };
  const next = withPlayer(state, { ...player, connected: true, offlineSince: null }, player.connected ? 0 : 1);
  return { ok: true, state: next, effects: [{ type: 'roster' }], playerId: player.id };
}

/**
 * The seat's last socket went away. Not an answer: the round waits GONE_GRACE_MS for the seat to come back
 * (closeIfAllAnswered schedules the `wake` that re-checks).
 */
export function disconnect(state: RoomState, playerId: string, now: number): Transition {
  const player = getEntry(state.players, playerId);
  if (!player) return { ok: false, error: 'player-not-found' };
  if (!player.connected) return { ok: true, state, effects: [] };
  const next = withPlayer(state, { ...player, connected: false, offlineSince: now }, -1);
  return closeIfAllAnswered(next, [{ type: 'roster' }], now);
}

/**
 * Leaving in the lobby frees the seat; later the seat stays (the report keeps its answers) and goes offline as
 * gone past the grace at once: someone who left on purpose is not waited for.
 */
export function leave(state: RoomState, playerId: string, now: number): Transition {
  const player = getEntry(state.players, playerId);
  if (!player) return { ok: false, error: 'player-not-found' };
  if (state.phase === 'lobby') return { ok: true, state: without(state, playerId), effects: [{ type: 'roster' }] };
  const gone = { ...player, connected: false, offlineSince: now - GONE_GRACE_MS };
  return closeIfAllAnswered(withPlayer(state, gone, player.connected ? -1 : 0), [{ type: 'roster' }], now);
}

export function kick(state: RoomState, playerId: string, now: number): Transition {
  const player = getEntry(state.players, playerId);
  if (!player) return { ok: false, error: 'player-not-found' };
  const next = {
    ...without(state, playerId),
    kickedTokens: [...state.kickedTokens, player.tokenHash],
    kickedDevices: [...state.kickedDevices, player.device],
  };
  return closeIfAllAnswered(next, [{ type: 'kicked', playerId }, { type: 'roster' }], now);
}

export function setLocked(state: RoomState, locked: boolean): Transition {
  if (state.phase === 'finished') return { ok: false, error: 'wrong-phase' };
  return { ok: true, state: { ...state, locked }, effects: [{ type: 'roster' }] };
}

export function changeSettings(state: RoomState, settings: RoomSettings, deps: RoomDeps, solved?: Question[]): Transition {
  if (state.phase !== 'lobby') return { ok: false, error: 'wrong-phase' };
  const prepared = prepareSettings(settings, deps, solved);
  if (!prepared.ok) return { ok: false, error: prepared.error, detail: prepared.detail };
  const seed = settings.seed ?? state.seed;
  const next: RoomState = { ...state, settings, seed, solved: prepared.solved, questions: {} };
  return { ok: true, state: next, effects: [{ type: 'phase' }] };
}

/**
 * The room as reloaded after a restart: every seat offline since now (players reattach with their tokens), an
 * open question's deadline moved on by the downtime so nobody loses the seconds the server was away.
 */
export function restore(state: RoomState, downtimeMs: number, now: number): Transition {
  const shift = Math.max(0, Math.round(downtimeMs));
  let players = state.players;
  for (const id of state.order) {
    const p = getEntry(players, id);
    if (p?.connected) players = setEntry(players, id, { ...p, connected: false, offlineSince: now });
  }
  const base = { ...state, players, online: 0 };
  if (base.phase !== 'question' || !base.timer.running) return { ok: true, state: base, effects: [] };
  const deadline = base.timer.deadline + shift;
  const moved: PhaseOf<'question'> = { ...base, timer: { running: true, deadline } };
  return { ok: true, state: moved, effects: [{ type: 'schedule', at: closeAt(moved, now) ?? deadline + ANSWER_GRACE_MS }] };
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
