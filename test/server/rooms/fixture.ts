/** Test helpers: rooms driven through the real machine and the real math core, with time passed explicitly. */
import { expect } from 'vitest';
import { DEFAULT_SETTINGS, type RoomSettings } from '../../../shared/protocol';
import type { Question } from '../../../shared/questions/types';
import { createMathDeps } from '../../../server/room-runtime/deps';
import { createRoomState, transition } from '../../../server/rooms/machine';
import { questionFor } from '../../../server/rooms/questions';
import { getEntry } from '../../../server/rooms/table';
import type { PlayerRecord, RoomEvent, RoomState, Submission, Transition } from '../../../server/rooms/types';

export const deps = createMathDeps((ctx, err) => {
  throw new Error(`${ctx}: ${String(err)}`);
});
export const T0 = 1_700_000_000_000;

export function settings(over: Partial<RoomSettings> = {}): RoomSettings {
  return { ...DEFAULT_SETTINGS, questionCount: 3, secondsPerQuestion: 20, seed: 7, ...over };
}

export function lobby(over: Partial<RoomSettings> = {}, mode: 'classroom' | 'party' = 'classroom'): RoomState {
  const made = createRoomState({ code: 'ABCDEF', hostKeyHash: 'secret-host-0001', mode, settings: settings(over), seed: 1, now: T0 }, deps);
  if (!made.ok) throw new Error(made.detail);
  return made.state;
}

/** Applies an event that must succeed. */
export function step(state: RoomState, event: RoomEvent, now = T0): Extract<Transition, { ok: true }> {
  const res = transition(state, event, now, deps);
  if (!res.ok) throw new Error(`refused ${event.type}: ${res.error}`);
  return res;
}

export function refusal(state: RoomState, event: RoomEvent, now = T0): string {
  const res = transition(state, event, now, deps);
  expect(res.ok).toBe(false);
  return res.ok ? 'accepted' : res.error;
}

export function withPlayers(state: RoomState, names: string[]): RoomState {
  return names.reduce((s, name, i) => step(s, { type: 'join', nickname: name, playerId: `p${i}`, device: `dev-${i}`, tokenHash: `token-${name}-0000` }).state, state);
}

/** A lobby with players, started: question 0 open at T0. */
export function started(names = ['ana', 'ben'], over: Partial<RoomSettings> = {}): RoomState {
  return step(withPlayers(lobby(over), names), { type: 'host', command: { type: 'start' } }).state;
}

export function currentQuestion(state: RoomState, playerId?: string): Question {
  if (state.phase !== 'question' && state.phase !== 'reveal') throw new Error(`no question in ${state.phase}`);
  return questionFor(state, state.index, playerId === undefined ? undefined : player(state, playerId));
}

export const right = (q: Question): string => q.answer.expr ?? '';
/** A wrong answer the checker names: the question's own "forgot the inner derivative" distractor when it has one. */
export function wrong(q: Question): string {
  return q.distractors?.find((d) => d.mistake === 'forgot-inner-derivative' && d.expr)?.expr ?? 'x + 12345';
}

export function submitFinal(state: RoomState, playerId: string, answer: string, now = T0): Transition {
  const index = state.phase === 'question' ? state.index : 0;
  return transition(state, { type: 'submit', playerId, submission: { index, final: answer } }, now, deps);
}

export function player(state: RoomState, id: string): PlayerRecord | undefined {
  return getEntry(state.players, id);
}

export function answerOf(state: RoomState, id: string): Submission | undefined {
  return state.phase === 'question' ? getEntry(state.answers, id) : undefined;
}
