import type { Expr } from '../../math/ast';
import { REAL_FUNCTIONS } from '../../math/functions';

/** A compiled expression: real value at a point, NaN where undefined (never a complex number). */
export type NumericFn = (scope: Readonly<Record<string, number>>) => number;

/**
 * Compiles a tree into a closure, real-valued by construction (sqrt of a negative is NaN, not a complex number),
 * for sampling answers and distractors at points. The functions are the one table's (shared/math/functions.ts).
 * Unlike the checker's evaluator (shared/math/compile.ts) it keeps infinities and bounds nothing: the generators
 * use it to tell a usable draw from one that is not.
 */
export function compileExpr(e: Expr): NumericFn {
  switch (e.k) {
    case 'num': {
      const v = e.v;
      return () => v;
    }
    case 'var':
      return compileSymbol(e.name);
    case 'fn': {
      const f = REAL_FUNCTIONS[e.name];
      const arg = compileExpr(e.args[0] as Expr);
      if (!f) return () => NaN;
      if (e.args.length === 2) {
        const base = compileExpr(e.args[1] as Expr);
        return (s) => Math.log(arg(s)) / Math.log(base(s));
      }
      return (s) => f(arg(s));
    }
    case 'neg': {
      const a = compileExpr(e.a);
      return (s) => -a(s);
    }
    case 'bin':
      return compileBin(e);
  }
}

function compileSymbol(name: string): NumericFn {
  if (name === 'e') return () => Math.E;
  if (name === 'pi') return () => Math.PI;
  return (s) => s[name] ?? NaN;
}

function compileBin(e: Extract<Expr, { k: 'bin' }>): NumericFn {
  const a = compileExpr(e.a);
  const b = compileExpr(e.b);
  switch (e.op) {
    case '+':
      return (s) => a(s) + b(s);
    case '-':
      return (s) => a(s) - b(s);
    case '*':
      return (s) => a(s) * b(s);
    case '/':
      return (s) => a(s) / b(s);
    case '^': {
      // Odd-denominator rational powers of negative bases are real, as in the checker (compile.ts).
      const y = oddRoot(e.b);
      if (y !== null) return (s) => realOddPow(a(s), y);
      return (s) => Math.pow(a(s), b(s));
    }
  }
}

function realOddPow(x: number, y: { value: number; oddNumerator: boolean }): number {
  return x < 0 ? (y.oddNumerator ? -1 : 1) * Math.pow(-x, y.value) : Math.pow(x, y.value);
}

/** p/q with q odd when the exponent is a constant fraction of whole numbers (2/3, -1/3), else null. */
function oddRoot(e: Expr): { value: number; oddNumerator: boolean } | null {
  if (e.k === 'neg') {
    const r = oddRoot(e.a);
    return r && { value: -r.value, oddNumerator: r.oddNumerator };
  }
  if (e.k !== 'bin' || e.op !== '/' || e.a.k !== 'num' || e.b.k !== 'num') return null;
  const pv = e.a.v;
  const qv = e.b.v;
  if (!Number.isInteger(pv) || !Number.isInteger(qv) || qv % 2 === 0 || qv === 0) return null;
  let g = Math.abs(pv);
  let h = Math.abs(qv);
  while (h > 0) [g, h] = [h, g % h];
  if ((qv / g) % 2 === 0) return null;
  return { value: pv / qv, oddNumerator: Math.abs(pv / g) % 2 === 1 };
}

/** Both finite and equal up to floating-point error (relative 1e-7, absolute floor 1e-9). */
export function close(a: number, b: number, rel = 1e-7): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * True when the two trees agree at every sample point where the first is finite (at least two such points
 * needed, else false). Used to drop a distractor that coincides with the right answer.
 */
export function agreeAt(a: Expr, b: Expr, points: ReadonlyArray<Readonly<Record<string, number>>>): boolean {
  const fa = compileExpr(a);
  const fb = compileExpr(b);
  let used = 0;
  for (const p of points) {
    const va = fa(p);
    if (!Number.isFinite(va)) continue;
    used++;
    if (!close(va, fb(p))) return false;
  }
  return used >= 2;
}

/** The tree's values at the points (NaN where undefined), compiled once. */
export function valuesAt(node: Expr, points: ReadonlyArray<Readonly<Record<string, number>>>): number[] {
  const f = compileExpr(node);
  return points.map((p) => f(p));
}

/** How many values are finite. */
export const finiteCount = (vs: readonly number[]): number => vs.filter(Number.isFinite).length;

/** Value vectors agree wherever the first is finite, on at least two points (see agreeAt). */
export function sameValues(a: readonly number[], b: readonly number[]): boolean {
  let used = 0;
  for (let i = 0; i < a.length; i++) {
    const va = a[i] as number;
    if (!Number.isFinite(va)) continue;
    used++;
    if (!close(va, b[i] as number)) return false;
  }
  return used >= 2;
}
