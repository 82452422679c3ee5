import { substitute, type BinaryOp, type Expr } from './ast';
import { asRational, isZero, makeRational, ratAdd, ratMul, ratExpr, type Rational } from './rational';

/**
 * Building expression trees (shared/math/ast.ts) the way a person writes mathematics: the generators, the task
 * solvers and the worked steps build every tree through these constructors. Each folds what is safe to fold
 * (exact rational constants, `*1`, `+0`, `x^1`, double negation, `e^1 = e`, `e^{ln u} = u`) and nothing else, so
 * a derivative stays recognisable as the chain-rule product a person writes and its value never changes.
 * A product reads as in a textbook: its numeric coefficient first, then letters, then functions and brackets
 * (`2x sin(y+z)`); negation sits on top as a unary minus. The exponential is always `exp(u)`, never `e^u`, so
 * one form is simplified and printed (`e^{u}`).
 */

export const sym = (name: string): Expr => ({ k: 'var', name });

/** A number as a tree; negative numbers become a unary minus so signs print and tidy uniformly. */
export function num(value: number): Expr {
  if (value < 0) return neg({ k: 'num', v: -value });
  return { k: 'num', v: value === 0 ? 0 : value };
}

/** A call exactly as given (see `fn` for the tidy one). */
export const call = (name: string, ...args: Expr[]): Expr => ({ k: 'fn', name, args });

/** A binary node exactly as given, without tidying (the tidy constructors build on it). */
export const rawBin = (op: BinaryOp, a: Expr, b: Expr): Expr => ({ k: 'bin', op, a, b });

/** -a, with double negation and -0 folded away. */
export function neg(a: Expr): Expr {
  if (a.k === 'neg') return a.a;
  if (a.k === 'num' && a.v === 0) return a;
  return { k: 'neg', a };
}

export const isNeg = (e: Expr): e is Extract<Expr, { k: 'neg' }> => e.k === 'neg';
export const isNum = (e: Expr): e is Extract<Expr, { k: 'num' }> => e.k === 'num';
type Bin = Extract<Expr, { k: 'bin' }>;
type Fn = Extract<Expr, { k: 'fn' }>;
type Var = Extract<Expr, { k: 'var' }>;
// With an operator or a name given, the guards narrow only the true branch: a node that is not `x^…` may still be a
// binary node.
/** A binary node, optionally with this operator. */
export const isBin = <O extends BinaryOp = BinaryOp>(e: Expr, op?: O): e is Bin & { op: O } => e.k === 'bin' && (op === undefined || e.op === op);
/** A call, optionally of this function. */
export const isFn = <N extends string = string>(e: Expr, name?: N): e is Fn & { name: N } => e.k === 'fn' && (name === undefined || e.name === name);
/** A variable (or the constants e, pi as names), optionally with this name. */
export const isSym = <N extends string = string>(e: Expr, name?: N): e is Var & { name: N } => e.k === 'var' && (name === undefined || e.name === name);
/** A sum or a difference or a negation: what must be bracketed as a factor. */
export const isSumLike = (e: Expr): boolean => e.k === 'neg' || (e.k === 'bin' && (e.op === '+' || e.op === '-'));

/** The operands of a node, in order. */
export function children(e: Expr): readonly Expr[] {
  switch (e.k) {
    case 'neg':
      return [e.a];
    case 'bin':
      return [e.a, e.b];
    case 'fn':
      return e.args;
    default:
      return [];
  }
}

/** Does the tree mention the variable? */
export function dependsOn(e: Expr, variable: string): boolean {
  switch (e.k) {
    case 'var':
      return e.name === variable;
    case 'num':
      return false;
    case 'neg':
      return dependsOn(e.a, variable);
    case 'bin':
      return dependsOn(e.a, variable) || dependsOn(e.b, variable);
    case 'fn':
      return e.args.some((a) => dependsOn(a, variable));
  }
}

/** Every node of the tree, parents before children (for checks that look for a pattern anywhere). */
export function someNode(e: Expr, test: (n: Expr) => boolean): boolean {
  return test(e) || children(e).some((c) => someNode(c, test));
}

/** Names used as variables (not e, pi), in order of first appearance. */
export function symbolsOf(e: Expr, out: string[] = []): string[] {
  if (e.k === 'var') {
    if (e.name !== 'e' && e.name !== 'pi' && !out.includes(e.name)) out.push(e.name);
  } else for (const c of children(e)) symbolsOf(c, out);
  return out;
}

/** Replace symbols by subtrees (all occurrences), structurally: nothing is re-tidied (ast.ts `substitute`). */
export function substituteNode(e: Expr, map: Readonly<Record<string, Expr>>): Expr {
  return substitute(e, new Map(Object.entries(map)));
}

/** Replace one particular subtree (by identity) with another. */
export function replaceNode(e: Expr, target: Expr, by: Expr): Expr {
  if (e === target) return by;
  switch (e.k) {
    case 'neg':
      return { k: 'neg', a: replaceNode(e.a, target, by) };
    case 'bin':
      return rawBin(e.op, replaceNode(e.a, target, by), replaceNode(e.b, target, by));
    case 'fn':
      return call(e.name, ...e.args.map((a) => replaceNode(a, target, by)));
    default:
      return e;
  }
}

/**
 * A call, tidied: `exp(0) = 1`, `exp(1) = e`, `exp(ln u) = u`, `ln(e) = 1`, `ln(exp u) = u`. (`e^{ln u} = u` widens
 * the domain to u ≤ 0; a derivative's formula is anyway judged wherever it is defined, as 1/x for ln x is.)
 */
export function fn(name: string, ...args: Expr[]): Expr {
  const a = args[0] as Expr;
  if (args.length === 1 && name === 'exp') {
    const r = asRational(a);
    if (r && r[0] === 0) return num(1);
    if (r && r[0] === 1 && r[1] === 1) return sym('e');
    if (isFn(a, 'log') && a.args.length === 1) return a.args[0] as Expr;
  }
  if (args.length === 1 && name === 'log') {
    if (isSym(a, 'e')) return num(1);
    if (isFn(a, 'exp')) return a.args[0] as Expr;
  }
  return call(name, ...args);
}

/**
 * Sum of terms: constants folded into one constant, like terms gathered (`u + u` → `2*u`, `a - a` → dropped),
 * negated terms subtracted. Terms keep their first-seen order.
 */
export function addAll(terms: readonly Expr[]): Expr {
  let c: Rational = [0, 1];
  let at = -1;
  const kept: TermParts[] = [];
  const index = new Map<string, number>();
  for (const t of flattenSum(terms)) {
    const r = asRational(t);
    const s = r && ratAdd(c, r);
    if (s) {
      c = s;
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
  const out: Expr[] = [];
  kept.forEach((e, i) => {
    if (i === at && c[0] !== 0) out.push(ratExpr(c));
    if (e.coef[0] !== 0) out.push(e.merged ? mulAll([ratExpr(e.coef), restOf(e)]) : e.term);
  });
  // The folded constant stays where the first constant was: `1 - tanh(u)^2`, `x^2 + 1`.
  if (c[0] !== 0 && (at < 0 || at >= kept.length)) out.push(ratExpr(c));
  if (out.length === 0) return num(0);
  let total = out[0] as Expr;
  for (const t of out.slice(1)) total = t.k === 'neg' ? rawBin('-', total, t.a) : rawBin('+', total, t);
  return total;
}

/** A term seen as coefficient × factors / den; `key` identifies like terms without building new nodes. */
interface TermParts {
  term: Expr;
  coef: Rational;
  factors: Expr[];
  den: Expr | null;
  key: string;
  merged: boolean;
}

function termParts(term: Expr): TermParts {
  let t = term;
  let sign = 1;
  while (t.k === 'neg') {
    sign = -sign;
    t = t.a;
  }
  const den = t.k === 'bin' && t.op === '/' ? t.b : null;
  const numer = t.k === 'bin' && t.op === '/' ? t.a : t;
  let factors = [numer];
  let coef: Rational = [sign, 1];
  if (isBin(numer, '*')) {
    const fs: Expr[] = [];
    flattenProduct(numer, fs);
    const k = asRational(fs[0] as Expr);
    if (k && fs.length > 1) {
      coef = [sign * k[0], k[1]];
      factors = fs.slice(1);
    }
  }
  const key = factors.map(keyOf).join('*') + (den ? `/${keyOf(den)}` : '');
  return { term, coef, factors, den, key, merged: false };
}

function restOf(p: TermParts): Expr {
  const top = chainMul(p.factors);
  return p.den ? rawBin('/', top, p.den) : top;
}

function flattenProduct(t: Expr, out: Expr[]): void {
  if (!isBin(t, '*')) {
    out.push(t);
    return;
  }
  flattenProduct(t.a, out);
  flattenProduct(t.b, out);
}

function flattenSum(terms: readonly Expr[]): Expr[] {
  const out: Expr[] = [];
  for (const t of terms) {
    if (isBin(t, '+')) out.push(...flattenSum([t.a, t.b]));
    else if (isBin(t, '-')) out.push(...flattenSum([t.a]), ...flattenSum([t.b]).map(neg));
    else out.push(t);
  }
  return out;
}

/** a + b, tidied (see addAll). */
export const add = (a: Expr, b: Expr): Expr => addAll([a, b]);
/** a - b, tidied (see addAll). */
export const sub = (a: Expr, b: Expr): Expr => addAll([a, neg(b)]);

/**
 * Product of factors, tidied the way a person writes a chain-rule product: the signs and rational coefficients
 * gathered in front, then the letters (x, y², e), then the other factors in the order the chain rule built them;
 * quotients split into one numerator over one denominator.
 */
export function mulAll(factors: readonly Expr[]): Expr {
  const st: ProductState = { top: [], bottom: [], coef: [1, 1] };
  for (const f of factors) takeFactor(st, f, false);
  if (st.coef[0] === 0) return num(0);
  const [top, bottom] = mergeExponentials(...mergePowers(st.top, st.bottom));
  const coef = st.coef;
  const numer = chainMul([...(Math.abs(coef[0]) === 1 && top.length > 0 ? [] : [num(Math.abs(coef[0]))]), ...lettersFirst(top)]);
  const denom = coef[1] === 1 && bottom.length === 0 ? null : chainMul([...(coef[1] === 1 ? [] : [num(coef[1])]), ...lettersFirst(bottom)]);
  const q = denom ? rawBin('/', numer, denom) : numer;
  return coef[0] < 0 ? neg(q) : q;
}

/** A letter or a constant power of one (x, y^2, e): written right after the coefficient, as on the board. */
export function isLetterFactor(e: Expr): boolean {
  if (e.k === 'var') return true;
  return e.k === 'bin' && e.op === '^' && e.a.k === 'var' && asRational(e.b) !== null;
}

/** The letter of a letter factor, for ordering: the constants π and e first, then the variables alphabetically. */
function letterKey(e: Expr): string {
  const name = e.k === 'var' ? e.name : e.k === 'bin' && e.a.k === 'var' ? e.a.name : '';
  return name === 'pi' ? '0' : name === 'e' ? '1' : `2${name}`;
}

function lettersFirst(fs: readonly Expr[]): Expr[] {
  if (fs.length < 2) return [...fs];
  const letters = fs.filter(isLetterFactor);
  if (letters.length === 0) return [...fs];
  // A stable sort: equal letters keep their order.
  letters.sort((a, b) => (letterKey(a) < letterKey(b) ? -1 : letterKey(a) > letterKey(b) ? 1 : 0));
  return [...letters, ...fs.filter((f) => !isLetterFactor(f))];
}

interface ProductState {
  top: Expr[];
  bottom: Expr[];
  coef: Rational;
}

// A module-level function rather than a closure: hot, and tsx wraps every named closure in __name.
function takeFactor(st: ProductState, f: Expr, down: boolean): void {
  const r = asRational(f);
  const scaled = r && (down ? (r[0] === 0 ? null : ratMul(st.coef, [r[1], r[0]])) : ratMul(st.coef, r));
  if (scaled) st.coef = scaled;
  else if (f.k === 'neg') {
    st.coef = [-st.coef[0], st.coef[1]];
    takeFactor(st, f.a, down);
  } else if (isBin(f, '*')) {
    takeFactor(st, f.a, down);
    takeFactor(st, f.b, down);
  } else if (isBin(f, '/')) {
    takeFactor(st, f.a, down);
    takeFactor(st, f.b, !down);
  } else (down ? st.bottom : st.top).push(f);
}

const KEYS = new WeakMap<Expr, string>();

/** A structural key: equal keys mean equal trees (used to gather sec(u)*sec(u) into sec(u)^2). Cached. */
export function keyOf(e: Expr): string {
  const cached = KEYS.get(e);
  if (cached !== undefined) return cached;
  let k: string;
  switch (e.k) {
    case 'num':
      k = String(e.v);
      break;
    case 'var':
      k = e.name;
      break;
    case 'neg':
      k = `-(${keyOf(e.a)})`;
      break;
    case 'bin':
      k = `${e.op}(${keyOf(e.a)},${keyOf(e.b)})`;
      break;
    case 'fn':
      k = `${e.name}(${e.args.map(keyOf).join(',')})`;
      break;
  }
  KEYS.set(e, k);
  return k;
}

interface PowerEntry {
  base: Expr;
  exp: Rational;
}

function putPower(seen: Map<string, PowerEntry>, f: Expr, sign: number): void {
  const r = isBin(f, '^') ? asRational(f.b) : null;
  const base = r && isBin(f, '^') ? f.a : f;
  const e: Rational = r ? [sign * r[0], r[1]] : [sign, 1];
  const key = keyOf(base);
  const old = seen.get(key);
  const s = old ? ratAdd(old.exp, e) : e;
  if (old && !s) throw new RangeError('exponent overflow');
  seen.set(key, { base, exp: s as Rational });
}

/** Gathers repeated bases across numerator and denominator: a*a → a^2, a^3/a → a^2, a/a → (dropped). */
function mergePowers(top: Expr[], bottom: Expr[]): [Expr[], Expr[]] {
  if (top.length + bottom.length < 2) return [top, bottom];
  const seen = new Map<string, PowerEntry>();
  for (const f of top) putPower(seen, f, 1);
  for (const f of bottom) putPower(seen, f, -1);
  if (seen.size === top.length + bottom.length) return [top, bottom];
  const up: Expr[] = [];
  const down: Expr[] = [];
  for (const { base, exp } of seen.values()) {
    if (exp[0] > 0) up.push(pow(base, ratExpr(exp)));
    else if (exp[0] < 0) down.push(pow(base, ratExpr([-exp[0], exp[1]])));
  }
  return [up, down];
}

const isExp = (e: Expr): e is Extract<Expr, { k: 'fn' }> => e.k === 'fn' && e.name === 'exp' && e.args.length === 1;

/** e^a / e^b → e^{a−b}: exponentials above and below the line cancel into one, as e^u/e^{2u} = e^{−u}. */
function mergeExponentials(top: Expr[], bottom: Expr[]): [Expr[], Expr[]] {
  const up = top.filter(isExp);
  const down = bottom.filter(isExp);
  if (up.length === 0 || down.length === 0) return [top, bottom];
  const exponent = addAll([...up.map((f) => f.args[0] as Expr), ...down.map((f) => neg(f.args[0] as Expr))]);
  const merged = fn('exp', exponent);
  const at = top.slice(0, top.indexOf(up[0] as Expr)).filter((f) => !isExp(f)).length;
  const rest = top.filter((f) => !isExp(f));
  const kept = merged.k === 'num' && merged.v === 1 ? rest : [...rest.slice(0, at), merged, ...rest.slice(at)];
  return [kept, bottom.filter((f) => !isExp(f))];
}

function chainMul(fs: readonly Expr[]): Expr {
  let out = fs[0] as Expr;
  for (const f of fs.slice(1)) out = rawBin('*', out, f);
  return out;
}

/** a·b, tidied (see mulAll). */
export const mul = (a: Expr, b: Expr): Expr => mulAll([a, b]);
/** a/b, tidied (see mulAll); a constant 0 denominator is kept as written, never folded. */
export const div = (a: Expr, b: Expr): Expr => {
  if (isZero(b)) return rawBin('/', a, b);
  return mulAll([a, rawBin('/', num(1), b)]);
};

/**
 * a^b with `x^1 = x`, `x^0 = 1`, exact constant powers, `(a^m)^n = a^(mn)` for integer n, negative powers as 1/a^k,
 * and `e^b` as `exp(b)` (tidied by `fn`).
 */
export function pow(a: Expr, b: Expr): Expr {
  const e = asRational(b);
  if (e && e[0] === 0) return num(1);
  if (e && e[0] === 1 && e[1] === 1) return a;
  if (isSym(a, 'e')) return fn('exp', b);
  const base = asRational(a);
  if (e && base && e[1] === 1 && Math.abs(e[0]) <= 12) {
    const v = makeRational(base[0] ** Math.abs(e[0]), base[1] ** Math.abs(e[0]));
    if (v && v[0] !== 0) return ratExpr(e[0] > 0 ? v : [v[1] * Math.sign(v[0]), Math.abs(v[0])]);
  }
  if (e && e[1] === 1 && e[0] % 2 === 0 && isFn(a, 'sqrt')) return pow(a.args[0] as Expr, ratExpr([e[0] / 2, 1]));
  if (e && e[1] === 1 && (isBin(a, '*') || isBin(a, '/'))) {
    return a.op === '*' ? mulAll([pow(a.a, b), pow(a.b, b)]) : div(pow(a.a, b), pow(a.b, b));
  }
  if (e && e[1] === 1 && a.k === 'neg') {
    const p = pow(a.a, b);
    return e[0] % 2 === 0 ? p : neg(p);
  }
  if (e && e[0] < 0) return div(num(1), pow(a, ratExpr([-e[0], e[1]])));
  if (e && e[1] === 1 && isBin(a, '^')) {
    const inner = asRational(a.b);
    const prod = inner && ratMul(inner, e);
    if (prod) return pow(a.a, ratExpr(prod));
  }
  // (e^u)^n = e^{nu}, as a textbook writes it.
  if (e && e[1] === 1 && isFn(a, 'exp') && a.args.length === 1) return fn('exp', mul(b, a.args[0] as Expr));
  return rawBin('^', a, b);
}

/** Rebuilds a tree bottom-up through the tidy constructors (for parsed strings such as `-1/x^2`). */
export function tidy(e: Expr): Expr {
  switch (e.k) {
    case 'num':
    case 'var':
      return e;
    case 'fn':
      return fn(e.name, ...e.args.map(tidy));
    case 'neg':
      return neg(tidy(e.a));
    case 'bin':
      return rebuild(e.op, tidy(e.a), tidy(e.b));
  }
}

/** The binary node with new operands, through the tidy constructors. */
function rebuild(op: BinaryOp, a: Expr, b: Expr): Expr {
  switch (op) {
    case '+':
      return addAll([a, b]);
    case '-':
      return sub(a, b);
    case '*':
      return mulAll([a, b]);
    case '/':
      return div(a, b);
    case '^':
      return pow(a, b);
  }
}

/**
 * `tidy(substituteNode(e, map))` without re-walking the replacements: the tree is rebuilt through the tidy
 * constructors while each replacement is put in as it is. Layer derivatives evaluated at a long inner
 * expression cost O(derivative), not O(derivative × inner).
 */
export function substituteTidy(e: Expr, map: Readonly<Record<string, Expr>>): Expr {
  switch (e.k) {
    case 'var':
      return Object.prototype.hasOwnProperty.call(map, e.name) ? (map[e.name] as Expr) : e;
    case 'num':
      return e;
    case 'fn':
      return fn(e.name, ...e.args.map((a) => substituteTidy(a, map)));
    case 'neg':
      return neg(substituteTidy(e.a, map));
    case 'bin':
      return rebuild(e.op, substituteTidy(e.a, map), substituteTidy(e.b, map));
  }
}
