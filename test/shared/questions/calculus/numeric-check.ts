import { realFunction, toMathjsNode } from '../../../../server/math/mathjs';
import { parseExpr } from '../../../../shared/questions/calculus/parse';
import { compileExpr } from '../../../../shared/questions/calculus/numeric';

/**
 * Independent numeric checks for the calculus tests: expressions are evaluated by mathjs itself (not by the
 * generator's own compiler) and derivatives are estimated by central finite differences, so a wrong rule in
 * the differentiator cannot hide behind the same wrong rule in the checker.
 */
export type Scope = Record<string, number>;
export type Fn = (scope: Scope) => number;

/** mathjs evaluation as a real function: complex, non-numeric or non-finite results are NaN. */
export function realFn(expr: string): Fn {
  return realFunction(toMathjsNode(expr));
}

/**
 * ∂f/∂v at the point by central differences, or null where f is not smooth enough to tell (undefined nearby,
 * a kink such as relu at 0, or the estimates at h and h/2 disagreeing).
 */
export function centralDiff(f: Fn, scope: Scope, v: string, order: 1 | 2 = 1): number | null {
  const x = scope[v] as number;
  const est = (h: number): number => {
    const at = (dx: number): number => f({ ...scope, [v]: x + dx });
    return order === 1 ? (at(h) - at(-h)) / (2 * h) : (at(h) - 2 * at(0) + at(-h)) / (h * h);
  };
  const h = (order === 1 ? 1e-5 : 1e-3) * Math.max(1, Math.abs(x));
  const a = est(h);
  const b = est(h / 2);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  if (order === 1) {
    // One-sided slopes disagree at a kink (relu at 0, abs at 0) even when central differences agree.
    const f0 = f(scope);
    const fwd = (f({ ...scope, [v]: x + h }) - f0) / h;
    const bwd = (f0 - f({ ...scope, [v]: x - h })) / h;
    if (!(Math.abs(fwd - bwd) <= 1e-2 * Math.max(1, Math.abs(a)))) return null;
  }
  if (Math.abs(a - b) > 1e-3 * Math.max(1, Math.abs(a))) return null;
  return b;
}

export function near(a: number, b: number, rel = 1e-4): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Points in the given variables: a fixed spread of values, variable k shifted so points are not diagonal. */
export function gridPoints(vars: readonly string[], count = 16): Scope[] {
  const values = [0.35, 0.8, 1.25, -0.55, 1.6, -1.15, 0.5, 2.2, -0.3, 0.95, 1.45, -1.7, 0.15, -0.85, 1.9, 0.65];
  return Array.from({ length: count }, (_, i) => Object.fromEntries(vars.map((v, k) => [v, values[(i + 5 * k) % values.length] as number])));
}

/**
 * Checks `derivative` ≈ ∂expr/∂v at every grid point where both are defined and expr is smooth; returns how
 * many points were checked and the first mismatch, if any.
 */
export function checkDerivative(expr: string, derivative: string, v: string, vars: readonly string[], order: 1 | 2 = 1): { checked: number; mismatch: string | null } {
  const f = realFn(expr);
  const d = realFn(derivative);
  let checked = 0;
  for (const p of gridPoints(vars)) {
    const fd = centralDiff(f, p, v, order);
    const got = d(p);
    if (fd === null || !Number.isFinite(got)) continue;
    checked++;
    if (!near(fd, got, order === 1 ? 1e-4 : 1e-3)) return { checked, mismatch: `at ${JSON.stringify(p)}: ${derivative} = ${got}, finite difference of ${expr} = ${fd}` };
  }
  return { checked, mismatch: null };
}

/** Do two expressions take the same values wherever the first is defined (at two points at least)? */
export function sameFunction(a: string, b: string, vars: readonly string[]): boolean {
  const fa = realFn(a);
  const fb = realFn(b);
  let used = 0;
  for (const p of gridPoints(vars)) {
    const va = fa(p);
    if (!Number.isFinite(va)) continue;
    used++;
    if (!near(va, fb(p), 1e-7)) return false;
  }
  return used >= 2;
}

/**
 * Number of grid points where the expression is a finite real number. Uses the project's compiled evaluator
 * (50× faster than mathjs) since sweeps call it thousands of times; the derivative checks above use mathjs.
 */
export function finiteAt(expr: string, vars: readonly string[]): number {
  const f = compileExpr(parseExpr(expr));
  return gridPoints(vars).filter((p) => Number.isFinite(f(p))).length;
}
