/**
 * Judging one submission against its question: layers one by one or all at once, a judged part never judged
 * again, unreadable text refused before anything is judged, and verdicts cleaned of anything that would give the
 * answer away. Used by a submitted answer (round.ts) and by a draft taken at close (drafts.ts).
 */
import type { LayerVerdict, Verdict } from '../../shared/check/types';
import type { SubmitAnswer } from '../../shared/protocol';
import type { Question } from '../../shared/questions/types';
import { layersAllowed } from './questions';
import type { RoomDeps, RoomState, Submission } from './types';
import { refuseUnreadable } from './unreadable';

export type Judged =
  | { ok: true; sub: Submission }
  | { ok: false; error: 'layers-not-allowed' | 'layer-out-of-range' | 'layer-already-answered' | 'unreadable-answer'; detail?: string };

export function judge(state: RoomState, q: Question, prior: Submission, payload: SubmitAnswer, deps: RoomDeps): Judged {
  const layerInputs = prior.layerInputs.slice();
  const layers = prior.layers.slice();
  const fresh: Array<string | null> = layerInputs.map(() => null);
  if (payload.layers) {
    if (!layersAllowed(state, q)) return { ok: false, error: 'layers-not-allowed' };
    for (const { layer, input } of payload.layers) {
      if (layer >= layers.length) return { ok: false, error: 'layer-out-of-range' };
      if (layers[layer] !== null || fresh[layer] !== null) return { ok: false, error: 'layer-already-answered' };
      fresh[layer] = input;
    }
  }
  // Unreadable text is refused before anything is judged: the attempt is not used, whatever client sent it.
  const unreadable = refuseUnreadable(q, payload);
  if (unreadable) return unreadable;
  if (payload.layers) {
    const verdict = deps.check(q, '', fresh);
    fresh.forEach((input, i) => {
      if (input === null) return;
      layerInputs[i] = input;
      layers[i] = cleanLayer(verdict.layers?.[i]);
    });
  }
  let final: Verdict | null = null;
  if (payload.final !== undefined) {
    const withLayers = layersAllowed(state, q) ? layerInputs : undefined;
    final = sanitize(deps.check(q, payload.final, withLayers), q);
  }
  return { ok: true, sub: { layerInputs, layers, finalInput: payload.final ?? null, final, elapsedMs: null } };
}

export function emptySubmission(q: Question): Submission {
  const n = q.layers?.length ?? 0;
  return { layerInputs: new Array<null>(n).fill(null), layers: new Array<null>(n).fill(null), finalInput: null, final: null, elapsedMs: null };
}

function cleanLayer(v: LayerVerdict | undefined): LayerVerdict {
  if (!v) return { correct: false, mistake: null };
  const out: LayerVerdict = { correct: v.correct === true, mistake: v.mistake ?? null };
  if (typeof v.error === 'string') out.error = v.error;
  return out;
}

/**
 * A verdict as a player may see it before the reveal: correctness, mistake and feedback; never the answer.
 * Feedback that happens to quote the answer is dropped rather than trusted.
 */
export function sanitize(v: Verdict, q: Question): Verdict {
  const out: Verdict = { correct: v.correct === true, mistake: v.mistake ?? null };
  const answerText = q.answer.expr?.replace(/\s+/g, '');
  const feedback = typeof v.feedback === 'string' ? v.feedback : undefined;
  if (feedback !== undefined && !(answerText && answerText.length > 2 && feedback.replace(/\s+/g, '').includes(answerText))) {
    out.feedback = feedback;
  }
  if (typeof v.error === 'string') out.error = v.error;
  return out;
}
