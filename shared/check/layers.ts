import { neg, substitute, type Expr } from '../math/ast';
import type { Judge } from '../math/equivalence';
import { parseAnswer } from '../math/safe-parse';
import type { Layer, Question } from '../questions/types';
import { judgeFor, parseTrusted } from './judges';
import type { LayerInputs, LayerVerdict } from './types';

/**
 * Per-layer verdicts (docs/game-design.md#answering-layer-by-layer). A layer's answer is right when it equals the
 * layer's local derivative in u, or that derivative evaluated at the layer's input (in the question's
 * variable). Recognised slips: the negation (`sign-error`) and the derivative evaluated at x instead of at
 * the inner function (`outer-not-evaluated-at-inner`). One verdict per question layer, blanks included.
 */
export function checkLayers(q: Question, inputs: LayerInputs): LayerVerdict[] {
  const { var: raw } = q.task as { var?: unknown };
  const v = typeof raw === 'string' ? raw : 'x';
  return (q.layers ?? []).map((layer, i) => {
    try {
      return checkLayer(layer, inputs[i], v);
    } catch {
      return { correct: false, mistake: null, error: 'This layer could not be checked.' };
    }
  });
}

function checkLayer(layer: Layer, input: unknown, v: string): LayerVerdict {
  if (input === null || input === undefined || (typeof input === 'string' && input.trim() === '')) {
    return { correct: false, mistake: null };
  }
  const parsed = parseAnswer(input, layerVars(v));
  if (!parsed.ok) return { correct: false, mistake: null, error: parsed.error };
  const inU = judgeFor({ expected: layer.derivative, params: ['u'] });
  const inV = judgeFor({ expected: layer.evaluated, params: [v] });
  if (!inU.ok || !inV.ok) return { correct: false, mistake: null, error: 'This layer could not be checked.' };
  if (v === 'u') {
    // The question's own variable is u: the answer is read in it, as the derivative in u or evaluated.
    if (same(inU.judge, parsed.expr) || same(inV.judge, parsed.expr)) return { correct: true };
    return { correct: false, mistake: layerMistake(layer, parsed.expr, inU, inV, v) };
  }
  // u is the layer's own input: it is replaced by the inner function before judging, so "3u^2", "3(2x+1)^2"
  // and a mix of both are the same answer, on the server and in the browser alike.
  const inner = parseTrusted(layer.inner, [v]);
  if (!inner.ok) return { correct: false, mistake: null, error: 'This layer could not be checked.' };
  const given = substitute(parsed.expr, new Map([['u', inner.expr]]));
  if (same(inV.judge, given)) return { correct: true };
  return { correct: false, mistake: layerMistake(layer, given, null, inV, v) };
}

/** The variables a layer's answer may use: the question's variable and the layer's own input u. */
export function layerVars(v: string): string[] {
  return v === 'u' ? ['u'] : [v, 'u'];
}

type Ok = { judge: Judge; expr: Expr };

function same(judge: Judge, given: Expr): boolean {
  return judge.usable && judge.compare(judge.sampleExpr(given)).equal;
}

function layerMistake(layer: Layer, given: Expr, inU: Ok | null, inV: Ok | null, v: string): 'sign-error' | 'outer-not-evaluated-at-inner' | null {
  const sampledU = inU?.judge.sampleExpr(given);
  if (inU && sampledU && inU.judge.compare(sampledU, inU.judge.sampleExpr(neg(inU.expr))).equal) return 'sign-error';
  if (!inV) return null;
  const sampledV = inV.judge.sampleExpr(given);
  if (inV.judge.compare(sampledV, inV.judge.sampleExpr(neg(inV.expr))).equal) return 'sign-error';
  const atV = parseTrusted(layer.derivative, ['u']);
  if (!atV.ok || v === 'u') return null;
  const unevaluated = substitute(atV.expr, new Map([['u', { k: 'var', name: v }]]));
  return inV.judge.compare(sampledV, inV.judge.sampleExpr(unevaluated)).equal ? 'outer-not-evaluated-at-inner' : null;
}
