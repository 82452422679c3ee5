/**
 * Drafts: what a player has typed but not sent. Phones send the latest readable text while typing (debounced)
 * and once more at the deadline; the room keeps it, judged on arrival (so closing a round with hundreds of
 * drafts costs no checking), and takes it as the answer when the round closes without a final.
 *
 * Scoring rule: a draft scores exactly like a submission made when the server received that draft (its last
 * edit), so a player who stopped typing early keeps their speed, and one who typed until the end gets the
 * time-up speed. Layers already submitted stay as judged; the draft fills only what was not sent.
 *
 * Readability is decided by shared/check/readable.ts, the same rule the phone uses to disable Submit: an
 * unreadable final or draft is refused with `unreadable-answer` and changes nothing.
 */
import type { SubmittedParts } from '../../shared/check/readable';
import type { DraftAnswer } from '../../shared/protocol';
import { pastDeadline } from './extra-time';
import { layersAllowed, questionFor } from './questions';
import { emptySubmission, judge } from './judge';
import { getEntry, setEntry } from './table';
import type { PhaseOf, RoomDeps, RoomEffect, RoomState, Submission, Transition } from './types';

/** Keeps `draft` as the player's pending answer (or clears it when it carries nothing). */
export function saveDraft(state: RoomState, playerId: string, draft: DraftAnswer, now: number, deps: RoomDeps): Transition {
  if (state.phase !== 'question') return { ok: false, error: 'wrong-phase' };
  const player = getEntry(state.players, playerId);
  if (!player) return { ok: false, error: 'not-a-player' };
  if (draft.index !== state.index) return { ok: false, error: 'wrong-question' };
  if (pastDeadline(state, player, now)) return { ok: false, error: 'too-late' };
  const q = questionFor(state, state.index, player);
  const prior = getEntry(state.answers, playerId) ?? emptySubmission(q);
  if (prior.final) return { ok: false, error: 'already-answered' };
  // Layers judged already are final; a draft may only fill the others (and only when layers are played).
  const layers = layersAllowed(state, q)
    ? (draft.layers ?? []).filter((l) => l.layer < prior.layers.length && prior.layers[l.layer] === null && l.input.trim() !== '')
    : [];
  const parts: SubmittedParts = { ...(layers.length ? { layers } : {}), ...(draft.final !== undefined ? { final: draft.final } : {}) };
  const { draft: _old, ...base } = prior;
  if (parts.final === undefined && !parts.layers) return stored(state, playerId, base);
  if (prior.draft && sameInputs(prior.draft, base, parts)) return { ok: true, state, effects: [] };
  const judged = judge(state, q, base, { index: draft.index, ...parts }, deps);
  if (!judged.ok) return judged;
  const remaining = state.timer.running ? state.timer.deadline - now : state.timer.remainingMs;
  return stored(state, playerId, { ...base, draft: { ...judged.sub, elapsedMs: state.durationMs - remaining } });
}

function stored(state: PhaseOf<'question'>, playerId: string, sub: Submission): Transition {
  // The host's count of drafts held changes only when a player starts or stops holding one.
  const had = getEntry(state.answers, playerId)?.draft !== undefined;
  const effects: RoomEffect[] = had === (sub.draft !== undefined) ? [] : [{ type: 'progress' }];
  return { ok: true, state: { ...state, answers: setEntry(state.answers, playerId, sub) }, effects };
}

/** The same text again (a resend at the deadline): nothing to judge, and the earlier edit time stands. */
function sameInputs(draft: Submission, base: Submission, parts: SubmittedParts): boolean {
  const layerInputs = base.layerInputs.slice();
  for (const { layer, input } of parts.layers ?? []) layerInputs[layer] = input;
  return JSON.stringify([draft.finalInput, draft.layerInputs]) === JSON.stringify([parts.final ?? null, layerInputs]);
}

/**
 * What counts for a player at close: the submission when a final was sent, else the draft merged in (judged
 * layers kept, the draft's final and unsent layers added). Undefined when there is nothing at all.
 */
export function effectiveSubmission(sub: Submission | undefined): Submission | undefined {
  if (!sub?.draft || sub.final) return sub;
  const d = sub.draft;
  return {
    layerInputs: sub.layerInputs.map((input, i) => (sub.layers[i] ? input : (d.layerInputs[i] ?? null))),
    layers: sub.layers.map((v, i) => v ?? d.layers[i] ?? null),
    finalInput: d.finalInput,
    final: d.final,
    elapsedMs: Math.max(sub.elapsedMs ?? 0, d.elapsedMs ?? 0),
  };
}
