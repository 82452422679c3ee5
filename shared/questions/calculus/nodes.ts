import type { MathNode } from 'mathjs';
import {
  call, constValue, fnArgs, fnName, isFn, isNeg, isOp, neg, num, opView, rawOp, symName, withArgs,
} from './node-base';
import { asRational, isZero, makeRational, ratAdd, ratMul, ratNode, type Rational } from './rational';

export * from './node-base';
export * from './rational';

/**
 * Tidy constructors for mathjs expression trees. Every constructor folds what is safe to fold (exact rational
 * constants, `*1`, `+0`, `x^1`, double negation) and nothing else, so a derivative stays recognisable as the
 * chain-rule product a person writes, and its value is never changed (unlike mathjs simplify, issue 3329).
 * Negation always sits on top as a unary minus, so `-2*x*sin(x)` prints the way a person writes it.
 */

/**
 * Sum of terms: constants folded into one constant, like terms gathered (`u + u` → `2*u`, `a - a` → dropped),
 * negated terms subtracted. Terms keep their first-seen order.
 */
export function addAll(terms: MathNode[]): MathNode {
  let c: Rational = [0, 1];
  let at = -1;
  const kept: TermParts[] = [];
  const index = new Map<string, number>();
  for (const t of flattenSum(terms)) {
    const r = asRational(t);
    const sum = r && ratAdd(c, r);
    if (sum) {
      c = sum;
      if (at < 0) at = kept.length;
      continue;
    }
    const parts = termParts(t);
    const e = kept[index.get(parts.key) ?? -1];
    const merged = e && ratAdd(e.coef, parts.coef);
    if (e && merged) {
      e.coef = merged;
      e.merged = true;
    } else {
      index.set(parts.key, kept.length);
      kept.push(parts);
    }
  }
  const out: MathNode[] = [];
  kept.forEach((e, i) => {
    if (i === at && c[0] !== 0) out.push(ratNode(c));
    if (e.coef[0] !== 0) out.push(e.merged ? mulAll([ratNode(e.coef), restOf(e)]) : e.term);
  });
  // The folded constant stays where the first constant was: `1 - tanh(u)^2`, `x^2 + 1`.
  if (c[0] !== 0 && (at < 0 || at >= kept.length)) out.push(ratNode(c));
  if (out.length === 0) return num(0);
  let sumNode = out[0] as MathNode;
  for (const t of out.slice(1)) sumNode = isNeg(t) ? rawOp('-', 'subtract', [sumNode, opView(t).args[0] as MathNode]) : rawOp('+', 'add', [sumNode, t]);
  return sumNode;
}

/** A term seen as coefficient × factors / den; `key` identifies like terms without building new nodes. */
interface TermParts {
  term: MathNode;
  coef: Rational;
  factors: MathNode[];
  den: MathNode | null;
  key: string;
  merged: boolean;
}

function termParts(term: MathNode): TermParts {
  let t = term;
  let sign = 1;
  while (isNeg(t)) {
    sign = -sign;
    t = opView(t).args[0] as MathNode;
  }
  const den = isOp(t, '/') ? (opView(t).args[1] as MathNode) : null;
  const numer = den ? (opView(t).args[0] as MathNode) : t;
  let factors = [numer];
  let coef: Rational = [sign, 1];
  if (isOp(numer, '*')) {
    const fs: MathNode[] = [];
    flattenProduct(numer, fs);
    const k = asRational(fs[0] as MathNode);
    if (k && fs.length > 1) {
      coef = [sign * k[0], k[1]];
      factors = fs.slice(1);
    }
  }
  const key = factors.map(keyOf).join('*') + (den ? `/${keyOf(den)}` : '');
  return { term, coef, factors, den, key, merged: false };
}

function restOf(p: TermParts): MathNode {
  const top = chainMul(p.factors);
  return p.den ? rawOp('/', 'divide', [top, p.den]) : top;
}

function flattenProduct(t: MathNode, out: MathNode[]): void {
  if (!isOp(t, '*')) {
    out.push(t);
    return;
  }
  for (const a of opView(t).args) flattenProduct(a, out);
}

function flattenSum(terms: MathNode[]): MathNode[] {
  const out: MathNode[] = [];
  for (const t of terms) {
    if (isOp(t, '+')) out.push(...flattenSum(opView(t).args));
    else if (isOp(t, '-') && opView(t).fn === 'subtract') {
      const [a, b] = opView(t).args as [MathNode, MathNode];
      out.push(...flattenSum([a]), ...flattenSum([b]).map(neg));
    } else out.push(t);
  }
  return out;
}

/** a + b, tidied (see addAll). */
export const add = (a: MathNode, b: MathNode): MathNode => addAll([a, b]);
/** a - b, tidied (see addAll). */
export const sub = (a: MathNode, b: MathNode): MathNode => addAll([a, neg(b)]);

/**
 * Product of factors, tidied the way a person writes a chain-rule product: the signs and rational
 * coefficients gathered in front, quotients split into one numerator over one denominator, factor order kept.
 */
export function mulAll(factors: MathNode[]): MathNode {
  const st: ProductState = { top: [], bottom: [], coef: [1, 1] };
  for (const f of factors) takeFactor(st, f, false);
  if (st.coef[0] === 0) return num(0);
  const [top, bottom] = mergePowers(st.top, st.bottom);
  const coef = st.coef;
  const numer = chainMul([...(Math.abs(coef[0]) === 1 && top.length > 0 ? [] : [num(Math.abs(coef[0]))]), ...top]);
  const denom = coef[1] === 1 && bottom.length === 0 ? null : chainMul([...(coef[1] === 1 ? [] : [num(coef[1])]), ...bottom]);
  const q = denom ? rawOp('/', 'divide', [numer, denom]) : numer;
  return coef[0] < 0 ? neg(q) : q;
}

interface ProductState {
  top: MathNode[];
  bottom: MathNode[];
  coef: Rational;
}

// A module-level function rather than a closure: hot, and tsx wraps every named closure in __name.
function takeFactor(st: ProductState, f: MathNode, down: boolean): void {
  const r = asRational(f);
  const scaled = r && (down ? (r[0] === 0 ? null : ratMul(st.coef, [r[1], r[0]])) : ratMul(st.coef, r));
  if (scaled) st.coef = scaled;
  else if (isNeg(f)) {
    st.coef = [-st.coef[0], st.coef[1]];
    takeFactor(st, opView(f).args[0] as MathNode, down);
  } else if (isOp(f, '*')) for (const g of opView(f).args) takeFactor(st, g, down);
  else if (isOp(f, '/')) {
    takeFactor(st, opView(f).args[0] as MathNode, down);
    takeFactor(st, opView(f).args[1] as MathNode, !down);
  } else (down ? st.bottom : st.top).push(f);
}

const KEYS = new WeakMap<MathNode, string>();

/** A structural key: equal keys mean equal trees (used to gather sec(u)*sec(u) into sec(u)^2). Cached. */
export function keyOf(n: MathNode): string {
  const cached = KEYS.get(n);
  if (cached !== undefined) return cached;
  let k: string;
  if (n.type === 'ConstantNode') k = String(constValue(n));
  else if (n.type === 'SymbolNode') k = symName(n);
  else if (n.type === 'FunctionNode') k = `${fnName(n)}(${fnArgs(n).map(keyOf).join(',')})`;
  else if (n.type === 'OperatorNode') k = `${opView(n).fn}(${opView(n).args.map(keyOf).join(',')})`;
  else k = n.toString();
  KEYS.set(n, k);
  return k;
}

interface PowerEntry {
  base: MathNode;
  exp: Rational;
}

function putPower(seen: Map<string, PowerEntry>, f: MathNode, sign: number): void {
  const r = isOp(f, '^') ? asRational(opView(f).args[1] as MathNode) : null;
  const base = r ? (opView(f).args[0] as MathNode) : f;
  const e: Rational = r ? [sign * r[0], r[1]] : [sign, 1];
  const key = keyOf(base);
  const old = seen.get(key);
  const sum = old ? ratAdd(old.exp, e) : e;
  if (old && !sum) throw new RangeError('exponent overflow');
  seen.set(key, { base, exp: sum as Rational });
}

/** Gathers repeated bases across numerator and denominator: a*a → a^2, a^3/a → a^2, a/a → (dropped). */
function mergePowers(top: MathNode[], bottom: MathNode[]): [MathNode[], MathNode[]] {
  if (top.length + bottom.length < 2) return [top, bottom];
  const seen = new Map<string, PowerEntry>();
  for (const f of top) putPower(seen, f, 1);
  for (const f of bottom) putPower(seen, f, -1);
  if (seen.size === top.length + bottom.length) return [top, bottom];
  const up: MathNode[] = [];
  const down: MathNode[] = [];
  for (const { base, exp } of seen.values()) {
    if (exp[0] > 0) up.push(pow(base, ratNode(exp)));
    else if (exp[0] < 0) down.push(pow(base, ratNode([-exp[0], exp[1]])));
  }
  return [up, down];
}

function chainMul(fs: MathNode[]): MathNode {
  let out = fs[0] as MathNode;
  for (const f of fs.slice(1)) out = rawOp('*', 'multiply', [out, f]);
  return out;
}

/** a·b, tidied (see mulAll). */
export const mul = (a: MathNode, b: MathNode): MathNode => mulAll([a, b]);
/** a/b, tidied (see mulAll); a constant 0 denominator is kept as written, never folded. */
export const div = (a: MathNode, b: MathNode): MathNode => {
  if (isZero(b)) return rawOp('/', 'divide', [a, b]);
  return mulAll([a, rawOp('/', 'divide', [num(1), b])]);
};

/** a^b with `x^1 = x`, `x^0 = 1`, exact constant powers, `(a^m)^n = a^(mn)` for integer n, negative powers as 1/a^k. */
export function pow(a: MathNode, b: MathNode): MathNode {
  const e = asRational(b);
  if (e && e[0] === 0) return num(1);
  if (e && e[0] === 1 && e[1] === 1) return a;
  const base = asRational(a);
  if (e && base && e[1] === 1 && Math.abs(e[0]) <= 12) {
    const v = makeRational(base[0] ** Math.abs(e[0]), base[1] ** Math.abs(e[0]));
    if (v && v[0] !== 0) return ratNode(e[0] > 0 ? v : [v[1] * Math.sign(v[0]), Math.abs(v[0])]);
  }
  if (e && e[1] === 1 && e[0] % 2 === 0 && isFn(a, 'sqrt')) return pow(fnArgs(a)[0] as MathNode, ratNode([e[0] / 2, 1]));
  if (e && e[1] === 1 && (isOp(a, '*') || isOp(a, '/'))) {
    const [p, q] = opView(a).args as [MathNode, MathNode];
    return isOp(a, '*') ? mulAll([pow(p, b), pow(q, b)]) : div(pow(p, b), pow(q, b));
  }
  if (e && e[1] === 1 && isNeg(a)) {
    const p = pow(opView(a).args[0] as MathNode, b);
    return e[0] % 2 === 0 ? p : neg(p);
  }
  if (e && e[0] < 0) return div(num(1), pow(a, ratNode([-e[0], e[1]])));
  if (e && e[1] === 1 && isOp(a, '^')) {
    const inner = asRational(opView(a).args[1] as MathNode);
    const prod = inner && ratMul(inner, e);
    if (prod) return pow(opView(a).args[0] as MathNode, ratNode(prod));
  }
  return rawOp('^', 'pow', [a, b]);
}

/** Rebuilds a tree bottom-up through the tidy constructors (for parsed strings such as `-1/x^2`). */
export function tidy(node: MathNode): MathNode {
  if (node.type === 'FunctionNode') return call(fnName(node), ...fnArgs(node).map(tidy));
  if (node.type !== 'OperatorNode') return node;
  return rebuild(node, opView(node).args.map(tidy));
}

/** The operator node with new arguments, through the tidy constructors. */
function rebuild(node: MathNode, args: MathNode[]): MathNode {
  const a = args[0] as MathNode;
  const b = args[1] as MathNode;
  switch (opView(node).fn) {
    case 'unaryMinus':
      return neg(a);
    case 'add':
      return addAll(args);
    case 'subtract':
      return sub(a, b);
    case 'multiply':
      return mulAll(args);
    case 'divide':
      return div(a, b);
    case 'pow':
      return pow(a, b);
    default:
      return withArgs(node, args);
  }
}

/**
 * `tidy(substituteNode(node, map))` without re-walking the replacements: the tree is rebuilt through the tidy
 * constructors while each replacement is put in as it is. Layer derivatives evaluated at a long inner
 * expression cost O(derivative), not O(derivative × inner).
 */
export function substituteTidy(node: MathNode, map: Readonly<Record<string, MathNode>>): MathNode {
  if (node.type === 'SymbolNode') return Object.prototype.hasOwnProperty.call(map, symName(node)) ? (map[symName(node)] as MathNode) : node;
  if (node.type === 'FunctionNode') return call(fnName(node), ...fnArgs(node).map((a) => substituteTidy(a, map)));
  if (node.type !== 'OperatorNode') return node;
  return rebuild(node, opView(node).args.map((a) => substituteTidy(a, map)));
}
