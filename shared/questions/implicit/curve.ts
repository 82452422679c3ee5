import type { Expr } from '../../math/ast';
import { addAll, neg, someNode, sub, symbolsOf } from '../../math/algebra';
import { TaskError } from '../family';
import { differentiate } from '../calculus/differentiate';
import { compileExpr, type NumericFn } from '../calculus/numeric';
import { parseExpr } from '../calculus/parse';
import { fmtNum } from '../format/number';

/**
 * An implicit curve L(x, y) = R(x, y) from a task's `equation`, shared by the implicit (dy/dx) and implicit2
 * (d²y/dx²) families. Additive constants are split off both sides first: derivatives never depend on them, so
 * one symbolic derivation serves x^2 + y^2 = 25 and x^2 + y^2 = 13 alike (see the cache in ./solve).
 */
export interface Sides {
  equation: string;
  left: Expr;
  right: Expr;
}

/** A curve without its additive constants: F = L' − R' and its partials, parsed and compiled. */
export interface Curve {
  leftRest: Expr;
  rightRest: Expr;
  F: Expr;
  Fx: Expr;
  Fy: Expr;
  l: NumericFn;
  r: NumericFn;
  fx: NumericFn;
  fy: NumericFn;
}

export const MAX_EQUATION_CHARS = 200;
/** A curve's variables: letter runs such as `xy` split into x·y. */
const XY = ['x', 'y'];

/** Parses `L = R`: a string with exactly one `=`, each side an allowed expression. */
export function readSides(equation: unknown): Sides {
  if (typeof equation !== 'string' || equation.trim() === '') throw new TaskError('The equation must be a string such as "x^2+y^2=25".');
  if (equation.length > MAX_EQUATION_CHARS) throw new TaskError(`The equation is longer than ${MAX_EQUATION_CHARS} characters.`);
  const sides = equation.split('=');
  if (sides.length !== 2) throw new TaskError(`The equation "${equation.slice(0, 60)}" must have exactly one "=" sign.`);
  return { equation: equation.trim(), left: parseExpr(sides[0] ?? '', XY), right: parseExpr(sides[1] ?? '', XY) };
}

/** Splits the numeric additive terms off an expression: `x^3 + 2*x - 5` → rest `x^3 + 2*x`, c = −5. */
export function splitConstant(n: Expr): { rest: Expr; c: number } {
  const rest: Expr[] = [];
  let c = 0;
  for (const t of additiveTerms(n)) {
    if (symbolsOf(t).length === 0 && !hasFunction(t)) {
      const v = compileExpr(t)({});
      if (Number.isFinite(v)) {
        c += v;
        continue;
      }
    }
    rest.push(t);
  }
  return { rest: addAll(rest), c };
}

function hasFunction(n: Expr): boolean {
  return someNode(n, (m) => m.k === 'fn');
}

/** Checks the variables (only x and y, y really present) and differentiates. */
export function buildCurve(leftRest: Expr, rightRest: Expr): Curve {
  const F = sub(leftRest, rightRest);
  const others = symbolsOf(F).filter((s) => s !== 'x' && s !== 'y');
  if (others.length > 0) throw new TaskError(`The equation may use only x and y, but it has ${others.map((s) => `"${s}"`).join(', ')}.`);
  const Fy = differentiate(F, 'y');
  if (!symbolsOf(F).includes('y') || isZeroNode(Fy)) throw new TaskError('The equation must involve y, so that it defines y as a function of x.');
  const Fx = differentiate(F, 'x');
  return { leftRest, rightRest, F, Fx, Fy, l: compileExpr(leftRest), r: compileExpr(rightRest), fx: compileExpr(Fx), fy: compileExpr(Fy) };
}

export function isZeroNode(n: Expr): boolean {
  return n.k === 'num' && n.v === 0;
}

/**
 * Reads `at` and checks the point lies on the curve (constants `cL`, `cR` added back) and is not where dy/dx
 * is undefined (F_y = 0).
 */
export function readPoint(curve: Curve, consts: { cL: number; cR: number }, at: unknown): { x: number; y: number } {
  if (at === null || typeof at !== 'object' || Array.isArray(at)) throw new TaskError('"at" must be an object {x, y}.');
  const { x, y } = at as Record<string, unknown>;
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 1e6 || Math.abs(y) > 1e6) {
    throw new TaskError('"at" must give finite numbers x and y.');
  }
  const scope = { x, y };
  const l = curve.l(scope) + consts.cL;
  const r = curve.r(scope) + consts.cR;
  const where = `(${fmtNum(x, 8)}, ${fmtNum(y, 8)})`;
  if (!Number.isFinite(l) || !Number.isFinite(r)) throw new TaskError(`The curve is not defined at ${where}.`);
  if (Math.abs(l - r) > 1e-9 * Math.max(1, Math.abs(l), Math.abs(r))) {
    throw new TaskError(`The point ${where} is not on the curve: the left side is ${fmtNum(l, 8)} there and the right side ${fmtNum(r, 8)}.`);
  }
  const fy = curve.fy(scope);
  if (!Number.isFinite(fy) || Math.abs(fy) < 1e-12) {
    throw new TaskError(`The tangent at ${where} is vertical (∂F/∂y = 0), so dy/dx is undefined there.`);
  }
  return { x, y };
}

/** The additive terms of an expression with their signs: `x^2 - 6*x*y` → [x^2, -(6*x*y)]. */
export function additiveTerms(n: Expr): Expr[] {
  if (n.k === 'neg') return additiveTerms(n.a).map(neg);
  if (n.k !== 'bin') return [n];
  if (n.op === '+') return [...additiveTerms(n.a), ...additiveTerms(n.b)];
  if (n.op === '-') return [...additiveTerms(n.a), ...additiveTerms(n.b).map(neg)];
  return [n];
}

/**
 * ∂F/∂x and ∂F/∂y as a student gets them who treats y as a constant inside terms that mix x and y
 * (dropping the y' that the product or chain rule brings), while pure-y terms still get their y'.
 */
export function partialsForgettingInner(curve: Pick<Curve, 'F'>): { Fx: Expr; Fy: Expr } {
  const fxTerms: Expr[] = [];
  const fyTerms: Expr[] = [];
  for (const t of additiveTerms(curve.F)) {
    const syms = symbolsOf(t);
    if (syms.includes('x')) fxTerms.push(differentiate(t, 'x'));
    else if (syms.includes('y')) fyTerms.push(differentiate(t, 'y'));
  }
  return { Fx: addAll(fxTerms), Fy: addAll(fyTerms) };
}
