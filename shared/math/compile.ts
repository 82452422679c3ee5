import type { Expr } from './ast';
import { REAL_FUNCTIONS } from './functions';

/** A compiled expression: reads variables from a flat array laid out by a `VarIndex`. */
export type Compiled = (env: Float64Array) => number;
/** Where each variable sits in the evaluation array. */
export type VarIndex = ReadonlyMap<string, number>;

/**
 * Turns a checked tree into nested plain closures (no mathjs, no scope objects). Every intermediate value
 * that is not a finite, representable real makes the whole value NaN: an overflow (9^999), an underflow to 0
 * (0.5^5000), a domain error (sqrt(-1)), and NaN^0 (1 in JavaScript) all become "undefined here", so no
 * wrong answer can hide its terms behind an infinity. Odd-denominator rational powers of negative bases are
 * real (x^(2/3) at x = -8 is 4, as in Desmos). Constant subtrees are folded once.
 */
export function compile(e: Expr, index: VarIndex): Compiled {
  switch (e.k) {
    case 'num': {
      const v = e.v;
      return () => v;
    }
    case 'var': {
      const i = index.get(e.name);
      if (i === undefined) throw new Error(`compile: variable ${e.name} has no slot`);
      return (env) => env[i] as number;
    }
    case 'neg': {
      const a = compile(e.a, index);
      return fold((env) => -a(env), e);
    }
    case 'bin':
      return fold(e.op === '^' ? power(e.a, e.b, index) : binary(e.op, compile(e.a, index), compile(e.b, index)), e);
    case 'fn':
      return fold(callOf(e, index), e);
  }
}

/**
 * Evaluation side channel, reset by `evaluateScaled`. `scale` is the size that rounding error in the value is
 * relative to: the largest addend of a sum (1 - tanh(9)^2 is 6e-8 computed from terms of size 1), the
 * argument of a periodic function, |a|·e^a for an exponential. `overflow` says a non-finite intermediate came
 * from a number too large or too small to represent (not from a domain error). Module state is safe:
 * evaluation is synchronous and never re-entrant.
 */
let scale = 0;
let overflow = false;

/** Below this a nonzero result has lost its precision (subnormal): treated like an overflow. */
const TINY = 1e-300;

function note(s: number): void {
  if (s > scale) scale = s;
}

/** A finite, representable result, else NaN (flagging overflow and underflow). */
function fin(r: number): number {
  if (r - r === 0) {
    if (r !== 0 && r < TINY && r > -TINY) {
      overflow = true;
      return NaN;
    }
    return r;
  }
  if (r === r) overflow = true;
  return NaN;
}

export interface Scaled {
  value: number;
  scale: number;
  overflow: boolean;
}

/** Evaluates and reports the value with the scale its rounding error is relative to. */
export function evaluateScaled(fn: Compiled, env: Float64Array): Scaled {
  scale = 0;
  overflow = false;
  const value = fn(env);
  return { value, scale: Math.max(Math.abs(value), scale), overflow };
}

/**
 * The value of a stored exact answer at a point, with float noise snapped: a value within 1e-12 of its own
 * scale is 0 (cos'(π) = -1.2e-16 is stored as 0). NaN when undefined there.
 */
export function evaluateSnapped(fn: Compiled, env: Float64Array): number {
  const r = evaluateScaled(fn, env);
  const coords = env.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  if (Number.isFinite(r.value) && Math.abs(r.value) <= 1e-12 * Math.max(r.scale, coords)) return 0;
  return r.value;
}

function binary(op: string, a: Compiled, b: Compiled): Compiled {
  switch (op) {
    case '+':
      return (env) => {
        const x = a(env);
        const y = b(env);
        const r = x + y;
        note(x < 0 ? -x : x);
        note(y < 0 ? -y : y);
        return r - r === 0 ? r : NaN;
      };
    case '-':
      return (env) => {
        const x = a(env);
        const y = b(env);
        const r = x - y;
        note(x < 0 ? -x : x);
        note(y < 0 ? -y : y);
        return r - r === 0 ? r : NaN;
      };
    case '*':
      return (env) => {
        const x = a(env);
        const y = b(env);
        const r = x * y;
        if (r === 0 && x !== 0 && y !== 0) return underflow();
        return fin(r);
      };
    default:
      return (env) => {
        const x = a(env);
        const y = b(env);
        const r = x / y;
        if (r === 0 && x !== 0 && y === y) return underflow();
        return fin(r);
      };
  }
}

function underflow(): number {
  overflow = true;
  return NaN;
}

/** p/q when `e` is a constant rational written with whole numbers (2/3, -1/3, (1/3)), else null. */
function rationalOf(e: Expr): [number, number] | null {
  if (e.k === 'num') return Number.isInteger(e.v) ? [e.v, 1] : null;
  if (e.k === 'neg') {
    const r = rationalOf(e.a);
    return r && [-r[0], r[1]];
  }
  if (e.k === 'bin' && e.op === '/') {
    const p = rationalOf(e.a);
    const q = rationalOf(e.b);
    if (!p || !q || q[0] === 0) return null;
    return [p[0] * q[1], p[1] * q[0]];
  }
  return null;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y > 0 && x < 1e15) [x, y] = [y, x % y];
  return x;
}

function power(base: Expr, exponent: Expr, index: VarIndex): Compiled {
  const a = compile(base, index);
  const b = compile(exponent, index);
  const rat = rationalOf(exponent);
  if (rat && Math.abs(rat[1]) !== 1) {
    const g = gcd(rat[0], rat[1]);
    const p = rat[0] / g;
    const q = rat[1] / g;
    if (Number.isSafeInteger(p) && Number.isSafeInteger(q) && Math.abs(q) % 2 === 1) {
      // Real odd root: (-8)^(2/3) = 4, (-8)^(1/3) = -2.
      const y = p / q;
      const odd = Math.abs(p) % 2 === 1;
      return (env) => {
        const x = a(env);
        if (x !== x) return NaN;
        const r = x < 0 ? (odd ? -1 : 1) * Math.pow(-x, y) : Math.pow(x, y);
        if (r === 0 && x !== 0) return underflow();
        return fin(r);
      };
    }
  }
  return (env) => {
    const x = a(env);
    const y = b(env);
    if (x !== x || y !== y) return NaN;
    const r = Math.pow(x, y);
    if (r === 0 && x !== 0) return underflow();
    return fin(r);
  };
}

const PERIODIC = new Set(['sin', 'cos', 'tan', 'sec', 'csc', 'cot']);
const EXPONENTIAL = new Set(['exp', 'sinh', 'cosh', 'sech', 'sigmoid', 'softplus']);

function callOf(e: Extract<Expr, { k: 'fn' }>, index: VarIndex): Compiled {
  const f = REAL_FUNCTIONS[e.name];
  if (f === undefined) throw new Error(`compile: unknown function ${e.name}`);
  const x = compile(e.args[0] as Expr, index);
  const baseArg = e.args[1];
  if (baseArg !== undefined) {
    const base = compile(baseArg, index);
    return (env) => {
      const v = x(env);
      const b = base(env);
      return fin(Math.log(v) / Math.log(b));
    };
  }
  if (PERIODIC.has(e.name)) {
    // sin(a) carries the rounding error of a: its error is relative to |a|, not to the result.
    return (env) => {
      const v = x(env);
      if (v !== v) return NaN;
      note(v < 0 ? -v : v);
      return fin(f(v));
    };
  }
  if (EXPONENTIAL.has(e.name)) {
    return (env) => {
      const v = x(env);
      if (v !== v) return NaN;
      const r = f(v);
      if (r !== r) {
        // An exponential of a finite argument is only undefined through overflow.
        overflow = true;
        return NaN;
      }
      if (e.name === 'exp' && r === 0) return underflow();
      note(Math.abs(r * v));
      return fin(r);
    };
  }
  return (env) => {
    const v = x(env);
    return v !== v ? NaN : fin(f(v));
  };
}

const EMPTY = new Float64Array(0);

function fold(fn: Compiled, e: Expr): Compiled {
  if (!isConstant(e)) return fn;
  const v = fn(EMPTY);
  return () => v;
}

export function isConstant(e: Expr): boolean {
  switch (e.k) {
    case 'num':
      return true;
    case 'var':
      return false;
    case 'neg':
      return isConstant(e.a);
    case 'bin':
      return isConstant(e.a) && isConstant(e.b);
    case 'fn':
      return e.args.every(isConstant);
  }
}
