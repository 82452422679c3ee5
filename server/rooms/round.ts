/**
 * A question round: open it with a server deadline, judge submissions (layers one by one or all at once, a
 * judged part never judged again), close it at the deadline plus grace, when every seated player is done,
 * or on the host's skip.
 */
import type { SubmitAnswer } from '../../shared/protocol';
import { classTimeUp, closeAt, extraMs, latestCloseAt, pastDeadline } from './extra-time';
import { closeRound } from './close';
import { questionSeconds } from '../../shared/timing/question-seconds';
import { emptySubmission, judge } from './judge';
import { ensureQuestions, questionFor } from './questions';
import { emptyTable, getEntry, setEntry } from './table';
import { GONE_GRACE_MS, type PhaseOf, type RoomDeps, type RoomEffect, type RoomState, type Submission, type Transition } from './types';

export function openQuestion(state: RoomState, index: number, now: number, deps: RoomDeps): Transition {
  const base = ensureQuestions(state, index, deps);
  // The host's time, else the table's for this question's family and difficulty (a teacher's task: the level its
  // line gives, else the solver's default, TASK_DIFFICULTY in shared/timing/question-seconds.ts).
  const q = questionFor(base, index);
  const durationMs = questionSeconds(state.settings, q.family, q.difficulty) * 1000;
  const deadline = now + durationMs;
  const next: PhaseOf<'question'> = { ...base, phase: 'question', index, durationMs, timer: { running: true, deadline }, answers: emptyTable(), finals: 0 };
  // Students with extra time hold the round open past the class's deadline (extra-time.ts); their phones get
  // their own clock in their `you` view.
  const extra: RoomEffect[] = next.order.some((id) => extraMs(getEntry(next.players, id), durationMs) > 0) ? [{ type: 'you', playerIds: 'all' }] : [];
  return { ok: true, state: next, effects: [{ type: 'phase' }, { type: 'schedule', at: closeAt(next, now) ?? deadline }, ...extra] };
}

/**
 * The timer fired: close if the latest deadline (extra time included) plus grace has passed (a stale or early
 * timer changes nothing).
 */
export function onDeadline(state: RoomState, now: number): Transition {
  if (state.phase !== 'question' || !state.timer.running) return { ok: true, state, effects: [] };
  const latest = latestCloseAt(state) ?? now;
  if (now >= latest) return closeRound(state, []);
  if (!classTimeUp(state, now)) return { ok: true, state, effects: [{ type: 'schedule', at: closeAt(state, now) ?? latest }] };
  // The class's time is up but a student with extra time is still on their own clock: close only if they are done.
  const checked = closeIfAllAnswered(state, [], now);
  return checked.ok && checked.state.phase === 'question' ? { ...checked, effects: [...checked.effects, { type: 'schedule', at: latest }] } : checked;
}

export function submit(state: RoomState, playerId: string, payload: SubmitAnswer, now: number, deps: RoomDeps): Transition {
  if (state.phase !== 'question') return { ok: false, error: 'wrong-phase' };
  const player = getEntry(state.players, playerId);
  if (!player) return { ok: false, error: 'not-a-player' };
  if (payload.index !== state.index) return { ok: false, error: 'wrong-question' };
  // A pause stops the clock, not the students: an answer sent meanwhile is taken at the paused time (the round
  // does not close before Resume, closeIfAllAnswered). Each student's own deadline counts (extra-time.ts).
  if (pastDeadline(state, player, now)) return { ok: false, error: 'too-late' };
  const q = questionFor(state, state.index, player);
  const prior = getEntry(state.answers, playerId) ?? emptySubmission(q);
  if (prior.final) return { ok: false, error: 'already-answered' };
  const judged = judge(state, q, prior, payload, deps);
  if (!judged.ok) return judged;
  const remainingMs = state.timer.running ? state.timer.deadline - now : state.timer.remainingMs;
  const sub: Submission = { ...judged.sub, ...(prior.draft ? { draft: prior.draft } : {}), elapsedMs: state.durationMs - remainingMs };
  const finals = state.finals + (sub.final ? 1 : 0);
  const next: PhaseOf<'question'> = { ...state, answers: setEntry(state.answers, playerId, sub), finals };
  // A party shows everyone who has answered (never what): a final answer re-sends the small phase view.
  const partyNews = next.mode === 'party' && sub.final !== null ? [{ type: 'phase' as const }] : [];
  return closeIfAllAnswered(next, [{ type: 'progress' }, ...partyNews], now);
}

/**
 * Closes the round early once every seated player is done: gave a final answer, or has been offline longer than
 * GONE_GRACE_MS (kicked players have no seat). A disconnect is not an answer: while an offline seat is inside its
 * grace, a `wake` is scheduled for when it runs out. If nobody is online the room waits for them or the clock.
 */
export function closeIfAllAnswered(state: RoomState, effects: RoomEffect[], now: number): Transition {
  if (state.phase !== 'question') return { ok: true, state, effects };
  // Paused: the teacher has the room's attention; the round waits for Resume even if everyone has answered.
  if (!state.timer.running) return { ok: true, state, effects };
  // After the class's deadline, a student whose own clock ran out is done too (extra-time.ts).
  const classOver = classTimeUp(state, now);
  // Fewer final answers than connected players: someone connected is still thinking (no scan needed).
  if (!classOver && state.finals < state.online) return { ok: true, state, effects };
  let wakeAt = Number.POSITIVE_INFINITY;
  let online = 0;
  let done = 0;
  for (const id of state.order) {
    const p = getEntry(state.players, id);
    if (!p) continue;
    if (p.connected) online++;
    if (getEntry(state.answers, id)?.final || (classOver && pastDeadline(state, p, now))) {
      done++;
      continue;
    }
    if (p.connected) return { ok: true, state, effects };
    const excusedAt = (p.offlineSince ?? now) + GONE_GRACE_MS;
    if (excusedAt > now) wakeAt = Math.min(wakeAt, excusedAt);
  }
  if (wakeAt !== Number.POSITIVE_INFINITY) return { ok: true, state, effects: [...effects, { type: 'wake', at: wakeAt }] };
  const everyoneDone = done >= state.order.length;
  if (state.order.length === 0 || (online === 0 && !everyoneDone)) return { ok: true, state, effects };
  return closeRound(state, effects);
}

/** A grace ran out: re-check (a stale wake changes nothing). */
export function onWake(state: RoomState, now: number): Transition {
  return closeIfAllAnswered(state, [], now);
}
