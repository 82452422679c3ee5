import type { MathNode } from 'mathjs';
import { REAL_FUNCTIONS } from '../../math/functions';
import { constValue, fnArgs, fnName, opView, symName } from './nodes';

/** A compiled expression: real value at a point, NaN where undefined (never a complex number). */
export type NumericFn = (scope: Readonly<Record<string, number>>) => number;

/** The one function table's real implementations (shared/math/functions.ts), `ln` included as an alias. */
const FUNCTIONS: Readonly<Record<string, (x: number) => number>> = { ...REAL_FUNCTIONS, ln: Math.log };

/**
 * Compiles a tree into a closure, ~50× faster than mathjs's evaluate and real-valued by construction
 * (sqrt of a negative is NaN, not a complex number), for sampling answers and distractors at points.
 */
export function compileNode(n: MathNode): NumericFn {
  switch (n.type) {
    case 'ConstantNode': {
      const v = constValue(n);
      return () => v;
    }
    case 'SymbolNode':
      return compileSymbol(symName(n));
    case 'FunctionNode': {
      const f = FUNCTIONS[fnName(n)];
      const arg = compileNode(fnArgs(n)[0] as MathNode);
      if (!f) return () => NaN;
      return (s) => f(arg(s));
    }
    case 'OperatorNode':
      return compileOp(n);
    default:
      return () => NaN;
  }
}

function compileSymbol(name: string): NumericFn {
  if (name === 'e') return () => Math.E;
  if (name === 'pi') return () => Math.PI;
  return (s) => s[name] ?? NaN;
}

function compileOp(n: MathNode): NumericFn {
  const { fn, args } = opView(n);
  const [a, b] = args.map(compileNode) as [NumericFn, NumericFn];
  switch (fn) {
    case 'unaryMinus':
      return (s) => -a(s);
    case 'unaryPlus':
      return a;
    case 'add':
      return (s) => a(s) + b(s);
    case 'subtract':
      return (s) => a(s) - b(s);
    case 'multiply':
      return (s) => a(s) * b(s);
    case 'divide':
      return (s) => a(s) / b(s);
    case 'pow': {
      // Odd-denominator rational powers of negative bases are real, as in the checker (compile.ts).
      const y = oddRoot(args[1] as MathNode);
      if (y !== null) return (s) => realOddPow(a(s), y);
      return (s) => Math.pow(a(s), b(s));
    }
    default:
      return () => NaN;
  }
}

function realOddPow(x: number, y: { value: number; oddNumerator: boolean }): number {
  return x < 0 ? (y.oddNumerator ? -1 : 1) * Math.pow(-x, y.value) : Math.pow(x, y.value);
}

/** p/q with q odd when the exponent is a constant fraction of whole numbers (2/3, -1/3), else null. */
function oddRoot(n: MathNode): { value: number; oddNumerator: boolean } | null {
  if (n.type !== 'OperatorNode') return null;
  const { fn, args } = opView(n);
  if (fn === 'unaryMinus') {
    const r = oddRoot(args[0] as MathNode);
    return r && { value: -r.value, oddNumerator: r.oddNumerator };
  }
  const [p, q] = args as [MathNode, MathNode];
  if (fn !== 'divide' || p.type !== 'ConstantNode' || q.type !== 'ConstantNode') return null;
  const pv = constValue(p);
  const qv = constValue(q);
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
export function agreeAt(a: MathNode, b: MathNode, points: ReadonlyArray<Readonly<Record<string, number>>>): boolean {
  const fa = compileNode(a);
  const fb = compileNode(b);
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
export function valuesAt(node: MathNode, points: ReadonlyArray<Readonly<Record<string, number>>>): number[] {
  const f = compileNode(node);
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
