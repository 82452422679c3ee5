import { neg, substitute, type Expr } from '../math/ast';
import type { Judge } from '../math/equivalence';
import { parseAnswer } from '../math/safe-parse';
import type { Layer, Question } from '../questions/types';
import { judgeFor, parseTrusted } from './judges';
import type { LayerInputs, LayerVerdict } from './types';

/**
 * Per-layer verdicts (game-design.md: credit per layer). A layer's answer is right when it equals the
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
  const vars = v === 'u' ? ['u'] : ['u', v];
  const parsed = parseAnswer(input, vars);
  if (!parsed.ok) return { correct: false, mistake: null, error: parsed.error };
  const inU = judgeFor({ expected: layer.derivative, params: ['u'] });
  const inV = judgeFor({ expected: layer.evaluated, params: [v] });
  if (!inU.ok || !inV.ok) return { correct: false, mistake: null, error: 'This layer could not be checked.' };
  const usesU = parsed.vars.has('u');
  const usesV = v !== 'u' && parsed.vars.has(v);
  let given = parsed.expr;
  if (usesU && usesV) {
    // Mixed u and x: read u as the layer's input, so it is judged as the evaluated derivative.
    const inner = parseTrusted(layer.inner, [v]);
    if (!inner.ok) return { correct: false, mistake: null };
    given = substitute(given, new Map([['u', inner.expr]]));
  }
  const tryU = !usesV;
  const tryV = usesV || !usesU || v === 'u';
  if (tryU && same(inU.judge, given)) return { correct: true };
  if (tryV && same(inV.judge, given)) return { correct: true };
  return { correct: false, mistake: layerMistake(layer, given, tryU ? inU : null, tryV ? inV : null, v) };
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
