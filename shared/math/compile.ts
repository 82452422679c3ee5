import type { Expr } from './ast';
import { REAL_FUNCTIONS, SLOPES } from './functions';

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
 *
 * Each evaluation also computes a first-order bound on its own rounding error (forward error analysis: each
 * operation adds EPS·|result| and scales its operands' errors by the local slope), so the judge knows how much
 * of a gap floating point alone can explain: 1 - tanh(9)^2 carries ~1e-16 of error on a value of 6e-8, while
 * (x-2)^6000 at x = 2.9 carries ~1e-287 on 1e-275, so 0 is not "close enough" to it.
 */
export function compile(e: Expr, index: VarIndex): Compiled {
  switch (e.k) {
    case 'num': {
      const v = e.v;
      return () => {
        err = 0;
        return v;
      };
    }
    case 'var': {
      const i = index.get(e.name);
      if (i === undefined) throw new Error(`compile: variable ${e.name} has no slot`);
      return (env) => {
        const v = env[i] as number;
        err = inputRel * (v < 0 ? -v : v);
        return v;
      };
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

/** Unit roundoff of a double. */
const EPS = 2.220446049250313e-16;

/**
 * Evaluation side channel, reset by `evaluateScaled`: `err` is the error bound of the value just returned by a
 * closure (each closure sets it); `overflow` says a non-finite intermediate came from a number too large or too
 * small to represent (not from a domain error); `inputRel` is the relative error assumed in the inputs (0 when
 * judging: both answers see the same point; EPS when snapping a stored value computed from rounded inputs).
 * Module state is safe: evaluation is synchronous and never re-entrant.
 */
let err = 0;
let overflow = false;
let inputRel = 0;

/** Below this a nonzero result has lost its precision (subnormal): treated like an overflow. */
const TINY = 1e-300;

const abs = (v: number): number => (v < 0 ? -v : v);

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
  /** A bound on the absolute rounding error of `value`. */
  err: number;
  overflow: boolean;
}

/** Evaluates and reports the value with a bound on its rounding error. */
export function evaluateScaled(fn: Compiled, env: Float64Array): Scaled {
  err = 0;
  overflow = false;
  inputRel = 0;
  const value = fn(env);
  return { value, err: value === value ? err : 0, overflow };
}

/**
 * The value of a stored exact answer at a point, with float noise snapped: a value within its own error bound
 * (inputs taken as rounded) is 0, so cos'(π) = -1.2e-16 is stored as 0. NaN when undefined there.
 */
export function evaluateSnapped(fn: Compiled, env: Float64Array): number {
  err = 0;
  overflow = false;
  inputRel = EPS;
  const value = fn(env);
  const bound = err;
  inputRel = 0;
  if (Number.isFinite(value) && abs(value) <= 16 * bound) return 0;
  return value;
}

function binary(op: string, a: Compiled, b: Compiled): Compiled {
  switch (op) {
    case '+':
    case '-': {
      const minus = op === '-';
      return (env) => {
        const x = a(env);
        const ex = err;
        const y = b(env);
        const r = minus ? x - y : x + y;
        err = ex + err + EPS * (abs(x) + abs(y));
        return r - r === 0 ? r : NaN;
      };
    }
    case '*':
      return (env) => {
        const x = a(env);
        const ex = err;
        const y = b(env);
        const r = x * y;
        err = abs(x) * err + abs(y) * ex + EPS * abs(r);
        if (r === 0 && x !== 0 && y !== 0) return underflow();
        return fin(r);
      };
    default:
      return (env) => {
        const x = a(env);
        const ex = err;
        const y = b(env);
        const r = x / y;
        err = (ex + abs(r) * err) / abs(y) + EPS * abs(r);
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
        const ex = err;
        const r = x < 0 ? (odd ? -1 : 1) * Math.pow(-x, y) : Math.pow(x, y);
        err = abs((y * r) / x) * ex + EPS * abs(r);
        if (err !== err) err = 0;
        if (r === 0 && x !== 0) return underflow();
        return fin(r);
      };
    }
  }
  return (env) => {
    const x = a(env);
    const ex = err;
    const y = b(env);
    const ey = err;
    if (x !== x || y !== y) return NaN;
    const r = Math.pow(x, y);
    // d(x^y) = y x^(y-1) dx + x^y ln|x| dy
    let e = EPS * abs(r);
    if (ex > 0 && x !== 0) e += abs((y * r) / x) * ex;
    if (ey > 0 && x > 0) e += abs(r * Math.log(x)) * ey;
    err = e;
    if (r === 0 && x !== 0) return underflow();
    return fin(r);
  };
}

const EXPONENTIAL = new Set(['exp', 'sinh', 'cosh', 'sech', 'sigmoid', 'softplus']);

function callOf(e: Extract<Expr, { k: 'fn' }>, index: VarIndex): Compiled {
  const f = REAL_FUNCTIONS[e.name];
  const slope = SLOPES[e.name];
  if (f === undefined || slope === undefined) throw new Error(`compile: unknown function ${e.name}`);
  const x = compile(e.args[0] as Expr, index);
  const baseArg = e.args[1];
  if (baseArg !== undefined) {
    const base = compile(baseArg, index);
    return (env) => {
      const v = x(env);
      const ev = err;
      const b = base(env);
      const eb = err;
      const lb = Math.log(b);
      const r = Math.log(v) / lb;
      err = (ev / abs(v) + (abs(r) * eb) / abs(b)) / abs(lb) + 2 * EPS * abs(r);
      return fin(r);
    };
  }
  const exponential = EXPONENTIAL.has(e.name);
  const isExp = e.name === 'exp';
  return (env) => {
    const v = x(env);
    if (v !== v) return NaN;
    const ev = err;
    const r = f(v);
    if (r !== r && exponential) {
      // An exponential of a finite argument is only undefined through overflow.
      overflow = true;
      return NaN;
    }
    if (isExp && r === 0) return underflow();
    const grown = ev > 0 ? slope(v, r) * ev : 0;
    err = (grown === grown ? grown : Infinity) + 2 * EPS * abs(r);
    return fin(r);
  };
}

const EMPTY = new Float64Array(0);

function fold(fn: Compiled, e: Expr): Compiled {
  if (!isConstant(e)) return fn;
  err = 0;
  const v = fn(EMPTY);
  const folded = v === v ? err : 0;
  return () => {
    err = folded;
    return v;
  };
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
