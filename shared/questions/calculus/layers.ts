import type { MathNode } from 'mathjs';
import { differentiate } from './differentiate';
import { dependsOn, fnArgs, isFn, isOp, isSym, mulAll, opView, replaceNode, substituteNode, substituteTidy, sym } from './nodes';

/** One chain-rule layer as trees: `fn` in u, its `inner`, local derivative in u and evaluated at the inner. */
export interface LayerNodes {
  fn: MathNode;
  inner: MathNode;
  derivative: MathNode;
  evaluated: MathNode;
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
export function decompose(expr: MathNode, variable: string): LayerNodes[] {
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
export function makeLayer(fn: MathNode, inner: MathNode): LayerNodes {
  const derivative = differentiate(fn, LAYER_VAR);
  const evaluated = substituteTidy(derivative, { [LAYER_VAR]: inner });
  return { fn, inner, derivative, evaluated };
}

function innerOf(top: MathNode, v: string): MathNode | null {
  let p = top;
  for (;;) {
    if (isSym(p, v)) return null;
    if (p.type === 'FunctionNode') {
      const arg = fnArgs(p)[0] as MathNode;
      if (p !== top) return p;
      return isSym(arg, v) ? null : arg;
    }
    const args = opView(p).args;
    const varying = args.filter((a) => dependsOn(a, v));
    if (varying.length !== 1) return null;
    const next = varying[0] as MathNode;
    // A compound base or exponent, or a compound denominator, is the inner: (x^2+1)^3, 1/(x^2 - x).
    const denominator = isOp(p, '/') && next === args[1];
    if (denominator && isOp(next, '^')) {
      p = next;
      continue;
    }
    if ((isOp(p, '^') || denominator) && !isSym(next, v)) return firstCall(next, v) ?? next;
    p = next;
  }
}

/** The first call on the single varying path below `node` (`sin(x)` in `sin(x) + 1`), if any. */
function firstCall(node: MathNode, v: string): MathNode | null {
  let p = node;
  while (p.type === 'OperatorNode' && !isOp(p, '^')) {
    const varying = opView(p).args.filter((a) => dependsOn(a, v));
    if (varying.length !== 1) return null;
    p = varying[0] as MathNode;
  }
  return isFn(p) ? p : null;
}

/** dy/dx as the chain rule builds it: the evaluated layer derivatives multiplied, innermost first. */
export function chainProduct(layers: readonly LayerNodes[]): MathNode {
  return mulAll(layers.map((l) => l.evaluated).reverse());
}
