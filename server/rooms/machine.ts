/**
 * The room state machine: `transition(state, event, now, deps) → {state, effects} | refusal`. Pure: no I/O,
 * no clock reads, no randomness (ids come in the event), the input state is never mutated. Expected refusals
 * are return values with an error code; a throw means a bug.
 */
import { ANSWER_GRACE_MS, type HostCommand, type RoomMode, type RoomSettings } from '../../shared/protocol';
import { closeRound, withRanks } from './close';
import type { Question } from '../../shared/questions/types';
import { saveDraft } from './drafts';
import { markReady } from './ready';
import { followUp } from './follow-up';
import { changeSettings, disconnect, join, kick, leave, restore, resume, setLocked } from './membership';
import { prepareSettings, totalQuestions } from './questions';
import { closeIfAllAnswered, onDeadline, onWake, openQuestion, submit } from './round';
import { addTime, closeAt, setExtraTime } from './extra-time';
import { emptyTable } from './table';
import type { PhaseOf, RoomDeps, RoomEffect, RoomEvent, RoomState, Transition } from './types';

export function transition(state: RoomState, event: RoomEvent, now: number, deps: RoomDeps): Transition {
  switch (event.type) {
    case 'join':
      return join(state, event, deps);
    case 'resume':
      return resume(state, event);
    case 'disconnect':
      return disconnect(state, event.playerId, now);
    case 'leave':
      return leave(state, event.playerId, now);
    case 'host':
      return hostCommand(state, event.command, now, deps, event.solved);
    case 'submit':
      return submit(state, event.playerId, event.submission, now, deps);
    case 'draft':
      return saveDraft(state, event.playerId, event.draft, now, deps);
    case 'ready':
      return markReady(state, event.playerId, event.expect, (s) => next(s, now, deps));
    case 'deadline':
      return onDeadline(state, now);
    case 'wake':
      return onWake(state, now);
    case 'restore':
      return restore(state, event.downtimeMs, now);
    default:
      return assertNever(event);
  }
}

function hostCommand(state: RoomState, command: HostCommand, now: number, deps: RoomDeps, solved?: Question[]): Transition {
  switch (command.type) {
    case 'start':
      return start(state, now, deps);
    case 'skip':
      if (command.expect && !expected(state, command.expect)) return { ok: false, error: 'stale-command' };
      return state.phase === 'question' ? closeRound(state, []) : { ok: false, error: 'wrong-phase' };
    case 'next':
      if (command.expect && !expected(state, command.expect)) return { ok: false, error: 'stale-command' };
      return next(state, now, deps);
    case 'pause':
      return pause(state, now);
    case 'resume':
      return resumeTimer(state, now);
    case 'end':
      return end(state, now);
    case 'lock':
      return setLocked(state, command.locked);
    case 'kick':
      return kick(state, command.playerId, now);
    case 'settings':
      return changeSettings(state, command.settings, deps, solved);
    case 'extra-time':
      return setExtraTime(state, command.playerId, command.extra, now);
    case 'add-time':
      return addTime(state, command.seconds, now);
    case 'follow-up':
      return followUp(state, now, deps);
    default:
      return assertNever(command);
  }
}

/** Where the host's screen was when the command was sent; lobby counts as index 0, finished as the total. */
function expected(state: RoomState, expect: { phase: RoomState['phase']; index: number }): boolean {
  if (state.phase !== expect.phase) return false;
  switch (state.phase) {
    case 'lobby':
      return true;
    case 'finished':
      return true;
    case 'question':
    case 'reveal':
    case 'leaderboard':
      return state.index === expect.index;
    default:
      return assertNever(state);
  }
}

function start(state: RoomState, now: number, deps: RoomDeps): Transition {
  if (state.phase !== 'lobby') return { ok: false, error: 'wrong-phase' };
  if (state.order.length === 0) return { ok: false, error: 'no-players' };
  return openQuestion(state, 0, now, deps);
}

function next(state: RoomState, now: number, deps: RoomDeps): Transition {
  if (state.phase !== 'reveal' && state.phase !== 'leaderboard') return { ok: false, error: 'wrong-phase' };
  const following = state.index + 1;
  if (following >= totalQuestions(state)) return finish(state, now, []);
  const every = state.settings.leaderboardEvery;
  if (state.phase === 'reveal' && every > 0 && following % every === 0) {
    const { stats: _stats, ...common } = state;
    return { ok: true, state: { ...common, phase: 'leaderboard' }, effects: [{ type: 'phase' }, { type: 'you', playerIds: 'all' }] };
  }
  return openQuestion(state, following, now, deps);
}

function pause(state: RoomState, now: number): Transition {
  if (state.phase !== 'question' || !state.timer.running) return { ok: false, error: 'wrong-phase' };
  const remainingMs = Math.max(0, state.timer.deadline - now);
  return { ok: true, state: { ...state, timer: { running: false, remainingMs } }, effects: [{ type: 'cancel-timer' }, { type: 'phase' }] };
}

function resumeTimer(state: RoomState, now: number): Transition {
  if (state.phase !== 'question' || state.timer.running) return { ok: false, error: 'wrong-phase' };
  const deadline = now + state.timer.remainingMs;
  const running: PhaseOf<'question'> = { ...state, timer: { running: true, deadline } };
  // Answers sent during the pause may have finished the round: it closes now, as it would have then.
  return closeIfAllAnswered(running, [{ type: 'schedule', at: closeAt(running, now) ?? deadline + ANSWER_GRACE_MS }, { type: 'phase' }], now);
}

function end(state: RoomState, now: number): Transition {
  if (state.phase === 'finished') return { ok: false, error: 'wrong-phase' };
  if (state.phase !== 'question') return finish(state, now, []);
  const closed = closeRound(state, []);
  return closed.ok ? finish(closed.state, now, closed.effects.filter((e) => e.type === 'cancel-timer')) : closed;
}

function finish(state: RoomState, now: number, effects: RoomEffect[]): Transition {
  const common = stripPhase(state);
  // Kicks since the last round may have left gaps in the ranks.
  const players = withRanks(common.players, common.order);
  return {
    ok: true,
    state: { ...common, players, phase: 'finished', finishedAt: now },
    effects: [...effects, { type: 'cancel-timer' }, { type: 'phase' }, { type: 'you', playerIds: 'all' }, { type: 'finished' }],
  };
}

function stripPhase(state: RoomState) {
  switch (state.phase) {
    case 'lobby': {
      const { phase: _p, ...rest } = state;
      return rest;
    }
    case 'finished': {
      const { phase: _p, finishedAt: _f, ...rest } = state;
      return rest;
    }
    case 'question': {
      const { phase: _p, index: _i, durationMs: _d, timer: _t, answers: _a, finals: _f, ...rest } = state;
      return rest;
    }
    case 'reveal': {
      const { phase: _p, index: _i, stats: _s, ...rest } = state;
      return rest;
    }
    case 'leaderboard': {
      const { phase: _p, index: _i, ...rest } = state;
      return rest;
    }
    default:
      return assertNever(state);
  }
}

/**
 * A new room in the lobby, or the refusal when its settings cannot be played (unsolvable teacher task).
 * `solved`: the teacher tasks already solved off the event loop; without it they are solved here.
 */
export function createRoomState(
  init: { code: string; hostKeyHash: string; mode: RoomMode; settings: RoomSettings; seed: number; now: number },
  deps: RoomDeps,
  solved?: Question[],
): { ok: true; state: RoomState } | { ok: false; error: 'task-unsolvable' | 'settings-invalid'; detail: string } {
  const prepared = prepareSettings(init.settings, deps, solved);
  if (!prepared.ok) return prepared;
  const state: RoomState = {
    phase: 'lobby',
    code: init.code,
    hostKeyHash: init.hostKeyHash,
    mode: init.mode,
    settings: init.settings,
    seed: init.settings.seed ?? init.seed,
    createdAt: init.now,
    locked: false,
    players: emptyTable(),
    order: [],
    nextSeat: 0,
    online: 0,
    kickedTokens: [],
    kickedDevices: [],
    solved: prepared.solved,
    questions: {},
    rounds: [],
  };
  return { ok: true, state };
}

function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
