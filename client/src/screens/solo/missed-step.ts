/**
 * Which step of a worked solution a named mistake skipped: the end-of-run list and the phone's review show that
 * one step instead of the whole derivation. Pure; works on the step texts the generators write
 * (docs/question-format.md#steps), falling back to the step that combines the pieces when no step matches.
 */
import type { MistakeCode } from '../../../../shared/check/types';
import type { Step } from '../../../../shared/questions/types';

/** Step text patterns per mistake, tried in order; `last` picks the last match (the innermost layer). */
const PATTERNS: Record<MistakeCode, { re: RegExp; last?: boolean }> = {
  'forgot-inner-derivative': { re: /^(Layer|Box) \d+/, last: true },
  'inner-derivative-composed': { re: /^Chain rule: multiply|^Multiply|^Differentiate f'/ },
  'outer-not-evaluated-at-inner': { re: /^Layer 1:|^Evaluate J_f at g/ },
  'missing-layer-factor': { re: /^Chain rule: multiply|factors multiply|^Multiply/ },
  'missing-path': { re: /^Add the \d+ paths/ },
  'sign-error': { re: /^Divide:|^Collect the y'|^The backward pass starts/ },
  reciprocal: { re: /^Divide:|^Collect the y'/ },
  'activation-derivative-missing': { re: /activation's derivative|^Chain rule through|sigmoid'\(|^(Layer|Box) \d+/ },
  'wrong-order': { re: /^Multiply, outer first/ },
};

/** The combining step: the one before a closing "Tidy up" / "So ..." summary, else the last step. */
function combiningStep(steps: Step[]): Step | null {
  const last = steps[steps.length - 1];
  if (!last) return null;
  if (/^(Tidy up|So )/.test(last.text) && steps.length > 1) return steps[steps.length - 2] ?? last;
  return last;
}

/**
 * Chain families mark the layer a step works on (0 = outermost): the innermost layer's step holds the inner
 * derivative, the outermost's the evaluation at the inner function, whatever order the steps are written in.
 */
function layerStep(steps: Step[], which: 'inner' | 'outer'): Step | undefined {
  const layered = steps.filter((s) => typeof s.layer === 'number');
  if (layered.length === 0) return undefined;
  return layered.reduce((best, s) => ((which === 'inner' ? (s.layer ?? 0) > (best.layer ?? 0) : (s.layer ?? 0) < (best.layer ?? 0)) ? s : best));
}

/** The step a player with `mistake` most likely missed; null only when there are no steps. */
export function missedStep(steps: Step[], mistake: MistakeCode | null | undefined): Step | null {
  const byLayer = mistake === 'forgot-inner-derivative' ? layerStep(steps, 'inner')
    : mistake === 'outer-not-evaluated-at-inner' ? layerStep(steps, 'outer') : undefined;
  if (byLayer) return byLayer;
  const p = mistake ? PATTERNS[mistake] : undefined;
  if (p) {
    const hits = steps.filter((s) => p.re.test(s.text));
    const hit = p.last ? hits[hits.length - 1] : hits[0];
    if (hit) return hit;
  }
  return combiningStep(steps);
}
