/**
 * Time accommodations (docs/accessibility.md#extra-time). The server owns every clock: the class's deadline is
 * the room timer's; a student given extra time (×1.5, ×2, +N s) has their own deadline, that many milliseconds
 * later, for every question from then on; "+N s" moves the class's clock (and so everyone's) on the open question.
 * The round closes at the latest deadline plus grace, or earlier once everyone still on the clock is done (at the
 * class's deadline, those without extra time are done). Pure, like the machine.
 */
import { ANSWER_GRACE_MS, type ExtraTime } from '../../shared/protocol';
import { getEntry, setEntry } from './table';
import type { PhaseOf, PlayerRecord, RoomEffect, RoomState, Transition } from './types';

/** A student's extra milliseconds on a question of `durationMs` (0 without an accommodation). */
export function extraMs(player: Pick<PlayerRecord, 'extraTime'> | undefined, durationMs: number): number {
  const e = player?.extraTime;
  if (!e) return 0;
  return Math.round(durationMs * (e.factor - 1)) + e.plusSeconds * 1000;
}

/** The most extra time any seated player has on the open question: how long the round may run past the class. */
export function longestExtraMs(state: PhaseOf<'question'>): number {
  let most = 0;
  for (const id of state.order) most = Math.max(most, extraMs(getEntry(state.players, id), state.durationMs));
  return most;
}

/** The player's own deadline on the open question (server clock), or null while the clock is paused. */
export function playerDeadline(state: PhaseOf<'question'>, player: PlayerRecord | undefined): number | null {
  return state.timer.running ? state.timer.deadline + extraMs(player, state.durationMs) : null;
}

/** The latest deadline on the open question plus the grace every answer gets for its trip: the round ends then. */
export function latestCloseAt(state: PhaseOf<'question'>): number | null {
  return state.timer.running ? state.timer.deadline + longestExtraMs(state) + ANSWER_GRACE_MS : null;
}

/**
 * When the round's timer must fire next: at the class's deadline plus grace (the round may close then, if
 * everyone still on the clock is done), after it at the latest deadline. Null while paused.
 */
export function closeAt(state: PhaseOf<'question'>, now: number): number | null {
  if (!state.timer.running) return null;
  const classAt = state.timer.deadline + ANSWER_GRACE_MS;
  return now < classAt ? classAt : latestCloseAt(state);
}

/** The class's clock (and its grace) has run out: only students with extra time may still answer. */
export function classTimeUp(state: PhaseOf<'question'>, now: number): boolean {
  return state.timer.running && now > state.timer.deadline + ANSWER_GRACE_MS;
}

/** Past this player's own deadline (and its grace): their answers and drafts are refused. */
export function pastDeadline(state: PhaseOf<'question'>, player: PlayerRecord, now: number): boolean {
  const d = playerDeadline(state, player);
  return d !== null && now > d + ANSWER_GRACE_MS;
}

/** True when `e` is no accommodation at all. */
export function isNone(e: ExtraTime | undefined): boolean {
  return !e || (e.factor === 1 && e.plusSeconds === 0);
}

/** The host gives (or takes back) a student's extra time: their clock on the open question moves at once. */
export function setExtraTime(state: RoomState, playerId: string, extra: ExtraTime, now: number): Transition {
  const player = getEntry(state.players, playerId);
  if (!player) return { ok: false, error: 'not-a-player' };
  const { extraTime: _old, ...rest } = player;
  const next: PlayerRecord = isNone(extra) ? rest : { ...rest, extraTime: { factor: extra.factor, plusSeconds: extra.plusSeconds } };
  const moved: RoomState = { ...state, players: setEntry(state.players, playerId, next) };
  const effects: RoomEffect[] = [{ type: 'roster' }, { type: 'you', playerIds: [playerId] }];
  if (moved.phase === 'question') {
    const at = closeAt(moved, now);
    if (at !== null) effects.push({ type: 'schedule', at });
  }
  return { ok: true, state: moved, effects };
}

/** "+N s" on the open question, for everyone: the class's clock (running or paused) and its length grow. */
export function addTime(state: RoomState, seconds: number, now: number): Transition {
  if (state.phase !== 'question') return { ok: false, error: 'wrong-phase' };
  const ms = seconds * 1000;
  const timer = state.timer.running
    ? { running: true as const, deadline: state.timer.deadline + ms }
    : { running: false as const, remainingMs: state.timer.remainingMs + ms };
  const next: PhaseOf<'question'> = { ...state, durationMs: state.durationMs + ms, timer };
  const at = closeAt(next, now);
  // A ×1.5 or ×2 student's own clock grows with the question's length: their phones hear of it.
  const scaled = next.order.filter((id) => (getEntry(next.players, id)?.extraTime?.factor ?? 1) !== 1);
  return {
    ok: true,
    state: next,
    effects: [...(at === null ? [] : [{ type: 'schedule' as const, at }]), { type: 'phase' }, ...(scaled.length ? [{ type: 'you' as const, playerIds: scaled }] : [])],
  };
}
