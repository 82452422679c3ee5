import type { MathNode } from 'mathjs';
import { TaskError } from '../family';
import { differentiate, parseExpr } from '../calculus/differentiate';
import { compileNode, type NumericFn } from '../calculus/numeric';
import { addAll, neg, opView, sub } from '../calculus/nodes';
import { symbolsOf } from '../calculus/parse';
import { fmtNum } from '../format/number';

/**
 * An implicit curve L(x, y) = R(x, y) read from a task's `equation`, with F = L − R and its partials, shared by
 * the implicit (dy/dx) and implicit2 (d²y/dx²) families.
 */
export interface Curve {
  equation: string;
  left: MathNode;
  right: MathNode;
  F: MathNode;
  Fx: MathNode;
  Fy: MathNode;
  f: NumericFn;
  /** The two sides compiled, to check a point is on the curve. */
  l: NumericFn;
  r: NumericFn;
  fx: NumericFn;
  fy: NumericFn;
}

export const MAX_EQUATION_CHARS = 200;

/** Parses and checks `L = R`: exactly one `=`, only x and y (plus e, pi), y really present. */
export function readCurve(equation: unknown): Curve {
  if (typeof equation !== 'string' || equation.trim() === '') throw new TaskError('The equation must be a string such as "x^2+y^2=25".');
  if (equation.length > MAX_EQUATION_CHARS) throw new TaskError(`The equation is longer than ${MAX_EQUATION_CHARS} characters.`);
  const sides = equation.split('=');
  if (sides.length !== 2) throw new TaskError(`The equation "${equation.slice(0, 60)}" must have exactly one "=" sign.`);
  const left = parseExpr(sides[0] ?? '');
  const right = parseExpr(sides[1] ?? '');
  const F = sub(left, right);
  const others = symbolsOf(F).filter((s) => s !== 'x' && s !== 'y');
  if (others.length > 0) throw new TaskError(`The equation may use only x and y, but it has ${others.map((s) => `"${s}"`).join(', ')}.`);
  const Fy = differentiate(F, 'y');
  if (!symbolsOf(F).includes('y') || isZeroNode(Fy)) throw new TaskError('The equation must involve y, so that it defines y as a function of x.');
  const Fx = differentiate(F, 'x');
  return {
    equation: equation.trim(), left, right, F, Fx, Fy,
    f: compileNode(F), l: compileNode(left), r: compileNode(right), fx: compileNode(Fx), fy: compileNode(Fy),
  };
}

function isZeroNode(n: MathNode): boolean {
  return n.type === 'ConstantNode' && (n as unknown as { value: number }).value === 0;
}

/** Reads `at`, checks the point lies on the curve and is not where dy/dx is undefined (F_y = 0). */
export function readPoint(curve: Curve, at: unknown): { x: number; y: number } {
  if (at === null || typeof at !== 'object' || Array.isArray(at)) throw new TaskError('"at" must be an object {x, y}.');
  const { x, y } = at as Record<string, unknown>;
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 1e6 || Math.abs(y) > 1e6) {
    throw new TaskError('"at" must give finite numbers x and y.');
  }
  const scope = { x, y };
  const l = curve.l(scope);
  const r = curve.r(scope);
  if (!Number.isFinite(l) || !Number.isFinite(r)) throw new TaskError(`The curve is not defined at (${fmtNum(x, 8)}, ${fmtNum(y, 8)}).`);
  if (Math.abs(l - r) > 1e-9 * Math.max(1, Math.abs(l), Math.abs(r))) {
    throw new TaskError(`The point (${fmtNum(x, 8)}, ${fmtNum(y, 8)}) is not on the curve: the left side is ${fmtNum(l, 8)} there and the right side ${fmtNum(r, 8)}.`);
  }
  const fy = curve.fy(scope);
  if (!Number.isFinite(fy) || Math.abs(fy) < 1e-12) {
    throw new TaskError(`The tangent at (${fmtNum(x, 8)}, ${fmtNum(y, 8)}) is vertical (∂F/∂y = 0), so dy/dx is undefined there.`);
  }
  return { x, y };
}

/**
 * A few points on the curve away from vertical tangents, found by Newton's method in y from a fixed grid
 * (deterministic): used to tell whether a distractor really differs from the answer on the curve.
 */
export function samplePoints(curve: Curve, want = 6): Array<{ x: number; y: number }> {
  const out: Array<{ x: number; y: number }> = [];
  for (const x0 of [0.37, -0.61, 1.13, -1.29, 1.71, -2.07, 2.53, 0.05]) {
    for (const yStart of [0.9, -1.1, 2.3, -2.7]) {
      const y = newtonY(curve, x0, yStart);
      if (y !== null && !out.some((p) => p.x === x0 && Math.abs(p.y - y) < 1e-6)) out.push({ x: x0, y });
      if (out.length >= want) return out;
    }
  }
  return out;
}

function newtonY(curve: Curve, x: number, y0: number): number | null {
  let y = y0;
  for (let i = 0; i < 30; i++) {
    const f = curve.f({ x, y });
    const d = curve.fy({ x, y });
    if (!Number.isFinite(f) || !Number.isFinite(d) || Math.abs(d) < 1e-9) return null;
    const step = f / d;
    y -= step;
    if (Math.abs(step) < 1e-13 * Math.max(1, Math.abs(y))) return Math.abs(curve.fy({ x, y })) > 1e-6 ? y : null;
  }
  return null;
}

/** The additive terms of an expression with their signs: `x^2 - 6*x*y` → [x^2, -(6*x*y)]. */
export function additiveTerms(n: MathNode): MathNode[] {
  if (n.type !== 'OperatorNode') return [n];
  const v = opView(n);
  if (v.fn === 'add') return v.args.flatMap(additiveTerms);
  if (v.fn === 'subtract') return [...additiveTerms(v.args[0] as MathNode), ...additiveTerms(v.args[1] as MathNode).map(neg)];
  if (v.fn === 'unaryMinus') return additiveTerms(v.args[0] as MathNode).map(neg);
  return [n];
}

/**
 * ∂F/∂x and ∂F/∂y as a student gets them who treats y as a constant inside terms that mix x and y
 * (dropping the y' that the product or chain rule brings), while pure-y terms still get their y'.
 */
export function partialsForgettingInner(curve: Curve): { Fx: MathNode; Fy: MathNode } {
  const fxTerms: MathNode[] = [];
  const fyTerms: MathNode[] = [];
  for (const t of additiveTerms(curve.F)) {
    const syms = symbolsOf(t);
    if (syms.includes('x')) fxTerms.push(differentiate(t, 'x'));
    else if (syms.includes('y')) fyTerms.push(differentiate(t, 'y'));
  }
  return { Fx: addAll(fxTerms), Fy: addAll(fyTerms) };
}
