import type { Expr } from '../../math/ast';
import { addAll, isFn, isNeg, mulAll, neg, num, pow, substituteTidy } from '../../math/algebra';
import { exprToTex, texSymbol } from '../../math/latex';
import { toText } from '../../math/text';
import type { Step } from '../types';
import type { Candidate } from './distractors';
import { differentiate } from './differentiate';
import { LAYER_VAR, type LayerNodes } from './layers';

/** The pieces of (f∘g)'' = f''(g)·g'² + f'(g)·g'', kept so steps and distractors can reuse them. */
export interface SecondOrder {
  answer: Expr;
  /** Absent for a one-layer (product/quotient rule) expression: then only `answer` is meaningful. */
  parts?: { f: Expr; g: Expr; f1g: Expr; f2g: Expr; g1: Expr; g2: Expr };
}

/**
 * Second derivative of a composition from its first layer and the rest: g is the first layer's inner, so
 * g' is the product of the inner layers' factors. With one layer, the first derivative is differentiated.
 */
export function secondDerivative(layers: readonly LayerNodes[], first: Expr, v: string): SecondOrder {
  const top = layers[0];
  if (!top || layers.length < 2) return { answer: differentiate(first, v) };
  const g = top.inner;
  const g1 = mulAll(layers.slice(1).map((l) => l.evaluated).reverse());
  const g2 = differentiate(g1, v);
  const f2 = differentiate(top.derivative, LAYER_VAR);
  const f1g = top.evaluated;
  const f2g = substituteTidy(f2, { [LAYER_VAR]: g });
  const answer = addAll([mulAll([pow(g1, num(2)), f2g]), mulAll([g2, f1g])]);
  return { answer, parts: { f: top.fn, g, f1g, f2g, g1, g2 } };
}

/** Worked steps after the layers: the first derivative, the product rule with its pieces, the tidy result. */
export function secondOrderSteps(s: SecondOrder, first: Expr, v: string): Step[] {
  const steps: Step[] = [{ text: `First derivative: dy/d${v} = ${toText(first)}.`, latex: `\\frac{dy}{d${texSymbol(v)}}=${exprToTex(first)}`,
    prose: 'First derivative: multiply the derivatives of the boxes.' }];
  if (s.parts) {
    const p = s.parts;
    steps.push({
      text: `Differentiate f'(g(${v}))·g'(${v}) with the product rule (and the chain rule on f'(g)): f''(g)·g'^2 + f'(g)·g'' with f''(g) = ${toText(p.f2g)}, g' = ${toText(p.g1)}, g'' = ${toText(p.g2)}.`,
      prose: `Differentiate \\(f'(g)\\,g'\\) again with the product rule, and the chain rule on \\(f'(g)\\).`,
      latex: `\\frac{d^{2}y}{d${texSymbol(v)}^{2}}=f''(g)\\,(g')^{2}+f'(g)\\,g''=\\left(${exprToTex(p.f2g)}\\right)\\left(${exprToTex(p.g1)}\\right)^{2}+\\left(${exprToTex(p.f1g)}\\right)\\left(${exprToTex(p.g2)}\\right)`,
    });
  }
  steps.push({ prose: 'Tidy up: the second derivative.', text: `Tidy up: d²y/d${v}² = ${toText(s.answer)}.`, latex: `\\frac{d^{2}y}{d${texSymbol(v)}^{2}}=${exprToTex(s.answer)}` });
  return steps;
}

const SIGN_FLIP = new Set(['sin', 'cos', 'sinh', 'cosh', 'tan']);

/** Second-derivative slips: the f'(g)·g'' term dropped, g' not squared, f'' with the wrong sign. */
export function secondOrderCandidates(s: SecondOrder): Candidate[] {
  const p = s.parts;
  if (!p) return [];
  const g1sq = pow(p.g1, num(2));
  const out: Candidate[] = [
    { mistake: 'forgot-inner-derivative', node: mulAll([g1sq, p.f2g]), feedback: `The product rule gives two terms: f'(g)·g'' = ${toText(mulAll([p.g2, p.f1g]))} is missing (g' = ${toText(p.g1)} depends on x too).` },
    { mistake: 'missing-layer-factor', node: addAll([mulAll([p.g1, p.f2g]), mulAll([p.g2, p.f1g])]), feedback: `Differentiating f'(g(x)) needs the chain rule again: f''(g) must be multiplied by g' = ${toText(p.g1)} a second time, giving g'^2.` },
  ];
  if ((isFn(p.f) && SIGN_FLIP.has(p.f.name)) || isNeg(p.f2g)) {
    out.push({ mistake: 'sign-error', node: addAll([mulAll([g1sq, neg(p.f2g)]), mulAll([p.g2, p.f1g])]), feedback: `Sign error in the second derivative of the outer function: f''(g) = ${toText(p.f2g)}.` });
  }
  return out;
}
