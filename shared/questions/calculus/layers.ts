import type { Expr } from '../../math/ast';
import { children, dependsOn, isBin, isFn, isSym, mulAll, replaceNode, substituteNode, substituteTidy, sym } from '../../math/algebra';
import { differentiate } from './differentiate';

/** One chain-rule layer as trees: `fn` in u, its `inner`, local derivative in u and evaluated at the inner. */
export interface LayerNodes {
  fn: Expr;
  inner: Expr;
  derivative: Expr;
  evaluated: Expr;
}

/** The layer's input placeholder of docs/question-format.md#layers. */
export const LAYER_VAR = 'u';

/**
 * Splits a composition into chain-rule layers, outermost first: `sin(cos(x^2))` → sin(u) ∘ cos(u) ∘ u^2.
 * At each step the layer's inner is the subtree holding every occurrence of the variable, found by walking
 * down through operators with one varying operand: a function call's argument when the call is on top, the
 * first call met otherwise (`3*sin(x)^2 + 1` → 3u^2+1 around sin(x)), the base of a power with a compound
 * base, the exponent of a constant base, a compound denominator (`1/(x^2 - x)` → 1/u). When two operands
 * vary before any of these is met (`x^2*sin(x)`, a softmax quotient) the whole rest is one last layer in u
 * with inner x: a single product/quotient rule.
 */
export function decompose(expr: Expr, variable: string): LayerNodes[] {
  const layers: LayerNodes[] = [];
  const x = sym(variable);
  let node = expr;
  while (!isSym(node, variable)) {
    const inner = innerOf(node, variable);
    const fn = inner ? replaceNode(node, inner, sym(LAYER_VAR)) : substituteNode(node, { [variable]: sym(LAYER_VAR) });
    layers.push(makeLayer(fn, inner ?? x));
    node = inner ?? x;
  }
  return layers;
}

/** A layer from its fn (in u) and inner: derivative in u and its value at the inner. */
export function makeLayer(fn: Expr, inner: Expr): LayerNodes {
  const derivative = differentiate(fn, LAYER_VAR);
  const evaluated = substituteTidy(derivative, { [LAYER_VAR]: inner });
  return { fn, inner, derivative, evaluated };
}

function innerOf(top: Expr, v: string): Expr | null {
  let p = top;
  for (;;) {
    if (isSym(p, v)) return null;
    if (p.k === 'fn') {
      const arg = p.args[0] as Expr;
      if (p !== top) return p;
      return isSym(arg, v) ? null : arg;
    }
    const args = children(p);
    const varying = args.filter((a) => dependsOn(a, v));
    if (varying.length !== 1) return null;
    const next = varying[0] as Expr;
    // A compound base or exponent, or a compound denominator, is the inner: (x^2+1)^3, 1/(x^2 - x).
    const denominator = isBin(p, '/') && next === args[1];
    if (denominator && isBin(next, '^')) {
      p = next;
      continue;
    }
    if ((isBin(p, '^') || denominator) && !isSym(next, v)) return firstCall(next, v) ?? next;
    p = next;
  }
}

/** The first call on the single varying path below `node` (`sin(x)` in `sin(x) + 1`), if any. */
function firstCall(node: Expr, v: string): Expr | null {
  let p = node;
  while ((p.k === 'bin' && p.op !== '^') || p.k === 'neg') {
    const varying = children(p).filter((a) => dependsOn(a, v));
    if (varying.length !== 1) return null;
    p = varying[0] as Expr;
  }
  return isFn(p) ? p : null;
}

/** dy/dx as the chain rule builds it: the evaluated layer derivatives multiplied, innermost first. */
export function chainProduct(layers: readonly LayerNodes[]): Expr {
  return mulAll(layers.map((l) => l.evaluated).reverse());
}
