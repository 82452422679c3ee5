/**
 * Independent numeric reference for the implicit tests: the curve is evaluated with mathjs (not with the
 * calculus package under test), y is solved for near a point by Newton's method with a numeric ∂F/∂y, and the
 * slope and curvature come from central and second differences of that solution.
 */
import { toMathjsNode, valueAt } from '../../../server/math/mathjs';

export type Fn2 = (x: number, y: number) => number;

export function curveFunction(equation: string): Fn2 {
  const [l, r] = equation.split('=').map((s) => toMathjsNode(s).compile());
  if (!l || !r) throw new Error(`not an equation: ${equation}`);
  return (x, y) => (l.evaluate({ x, y }) as number) - (r.evaluate({ x, y }) as number);
}

export function evaluate(expr: string, x: number, y: number): number {
  return valueAt(toMathjsNode(expr), { x, y });
}

/** y with F(x, y) = 0 near `yGuess`, or NaN when Newton does not settle. */
export function solveY(F: Fn2, x: number, yGuess: number): number {
  let y = yGuess;
  for (let i = 0; i < 60; i++) {
    const k = 1e-7 * Math.max(1, Math.abs(y));
    const d = (F(x, y + k) - F(x, y - k)) / (2 * k);
    const step = F(x, y) / d;
    if (!Number.isFinite(step)) return NaN;
    y -= step;
    if (Math.abs(step) < 1e-14 * Math.max(1, Math.abs(y))) return y;
  }
  return Math.abs(F(x, y)) < 1e-10 ? y : NaN;
}

/** dy/dx and d²y/dx² of the branch through (x0, y0), by differences of solved y values. */
export function numericDerivatives(F: Fn2, x0: number, y0: number): { d1: number; d2: number } {
  // A small step for the slope (truncation error ~h²). The second difference's rounding error grows like 1/h²,
  // so it keeps a larger step and removes the h² error term by Richardson extrapolation instead.
  const h1 = 1e-5;
  const y = solveY(F, x0, y0);
  const d1 = (solveY(F, x0 + h1, y0) - solveY(F, x0 - h1, y0)) / (2 * h1);
  const second = (h: number): number => (solveY(F, x0 + h, y0) - 2 * y + solveY(F, x0 - h, y0)) / (h * h);
  const d2 = (4 * second(5e-4) - second(1e-3)) / 3;
  return { d1, d2 };
}

/** Points on the curve, found from a grid of starts, away from where the branch turns vertical. */
export function pointsOn(F: Fn2, count: number): Array<{ x: number; y: number }> {
  const out: Array<{ x: number; y: number }> = [];
  for (const x of [0.41, -0.73, 1.17, -1.53, 1.91, 0.09]) {
    for (const guess of [1.2, -1.4, 2.6, -2.9, 4.5]) {
      const y = solveY(F, x, guess);
      const k = 1e-6;
      const fy = (F(x, y + k) - F(x, y - k)) / (2 * k);
      if (Number.isFinite(y) && Math.abs(fy) > 0.05 && !out.some((p) => p.x === x && Math.abs(p.y - y) < 1e-6)) out.push({ x, y });
      if (out.length >= count) return out;
    }
  }
  return out;
}

export function relClose(a: number, b: number, rel: number): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}
