import type { Expr } from './ast';

/** A rational number p/q with q > 0, kept exact while folding coefficients (shared/math/algebra.ts). */
export type Rational = readonly [number, number];

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y) [x, y] = [y, x % y];
  return x || 1;
}

/** p/q reduced with q > 0, or null when either part leaves the safe-integer range (then nothing is folded). */
export function makeRational(p: number, q: number): Rational | null {
  if (!Number.isSafeInteger(p) || !Number.isSafeInteger(q) || q === 0) return null;
  const g = gcd(p, q) * Math.sign(q);
  return [p / g, q / g];
}

function constToRational(v: number): Rational | null {
  if (Number.isInteger(v)) return makeRational(v, 1);
  for (let d = 10; d <= 1e6; d *= 10) if (Number.isInteger(Math.round(v * d * 1e6) / 1e6)) return makeRational(Math.round(v * d), d);
  return null;
}

/** The exact rational value of a constant subtree (`3`, `-2`, `1/2`, `-(3/4)`), or null. */
export function asRational(e: Expr): Rational | null {
  if (e.k === 'num') return constToRational(e.v);
  if (e.k === 'neg') {
    const r = asRational(e.a);
    return r && [-r[0], r[1]];
  }
  if (e.k === 'bin' && e.op === '/') {
    const a = asRational(e.a);
    const b = asRational(e.b);
    return a && b && b[0] !== 0 ? makeRational(a[0] * b[1], a[1] * b[0]) : null;
  }
  return null;
}

/** Exact product, or null on overflow. */
export function ratMul(a: Rational, b: Rational): Rational | null {
  return makeRational(a[0] * b[0], a[1] * b[1]);
}

/** Exact sum, or null on overflow. */
export function ratAdd(a: Rational, b: Rational): Rational | null {
  return makeRational(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
}

/** A rational as a tree: `3`, `-2`, `1/2`, `-(1/2)` (printed `-1/2`). */
export function ratExpr(r: Rational): Expr {
  const n: Expr = { k: 'num', v: Math.abs(r[0]) };
  const abs: Expr = r[1] === 1 ? n : { k: 'bin', op: '/', a: n, b: { k: 'num', v: r[1] } };
  return r[0] < 0 ? { k: 'neg', a: abs } : abs;
}

/** Is the tree the exact constant 0? */
export function isZero(e: Expr): boolean {
  const r = asRational(e);
  return r !== null && r[0] === 0;
}
