import type { Expr } from './ast';
import {
  add, addAll, dependsOn, div, fn, isSym, mul, mulAll, neg, num, pow, sub, substituteTidy,
} from './algebra';
import { functionSpec } from './functions';
import { Refusal, parseOpen } from './safe-parse';

/**
 * The symbolic differentiator of the one expression language: sums, products, quotients and powers by their
 * rules, and every function by the `derivative` column of the function table (shared/math/functions.ts), the
 * chain rule multiplying in the argument's own derivative. Results are built through the tidy constructors
 * (algebra.ts), so a derivative reads as the chain-rule product a person writes. mathjs's own `derivative`
 * knows nothing of sigmoid/softplus/relu and its simplify can change values (mathjs issue 3329); it is kept on
 * the server as an independent cross-check of these rules (server/math/cross-check.ts).
 */
export class DerivativeError extends Error {}

const TEMPLATES = new Map<string, Expr>();

/**
 * f'(arg) for a named function of one argument: the local derivative a chain-rule layer uses. With `arg = u` it
 * is the layer's derivative "in u"; with the inner expression it is the evaluated one.
 */
export function fnDerivative(name: string, arg: Expr): Expr {
  let rule = TEMPLATES.get(name);
  if (rule === undefined) {
    const spec = functionSpec(name);
    if (!spec) throw new DerivativeError(`Cannot differentiate the function "${name}".`);
    try {
      rule = parseOpen(spec.derivative);
    } catch (err) {
      throw new Error(`functions.ts: the derivative of ${name} does not parse: ${err instanceof Refusal ? err.message : String(err)}`, { cause: err });
    }
    TEMPLATES.set(name, rule);
  }
  return substituteTidy(rule, { u: arg });
}

/** d(e)/d(variable); other symbols (and e, pi) are constants. Throws DerivativeError outside the function table. */
export function differentiate(e: Expr, variable: string): Expr {
  if (!dependsOn(e, variable)) return num(0);
  switch (e.k) {
    case 'var':
      return num(1);
    case 'num':
      return num(0);
    case 'neg':
      return neg(differentiate(e.a, variable));
    case 'fn': {
      const arg = e.args[0] as Expr;
      if (e.args.length !== 1) {
        if (e.name === 'log' && e.args.length === 2) return differentiate(div(fn('log', arg), fn('log', e.args[1] as Expr)), variable);
        throw new DerivativeError(`${e.name} takes one argument.`);
      }
      return mulAll([differentiate(arg, variable), fnDerivative(e.name, arg)]);
    }
    case 'bin':
      return diffBin(e, variable);
  }
}

function diffBin(e: Extract<Expr, { k: 'bin' }>, v: string): Expr {
  const { a, b } = e;
  switch (e.op) {
    case '+':
      return addAll([differentiate(a, v), differentiate(b, v)]);
    case '-':
      return sub(differentiate(a, v), differentiate(b, v));
    case '*':
      return diffProduct(e, v);
    case '/':
      return diffQuotient(a, b, v);
    case '^':
      return diffPow(a, b, v);
  }
}

function diffProduct(e: Extract<Expr, { k: 'bin' }>, v: string): Expr {
  const args = [e.a, e.b];
  const terms: Expr[] = [];
  args.forEach((f, i) => {
    if (!dependsOn(f, v)) return;
    terms.push(mulAll(args.map((g, j) => (i === j ? differentiate(f, v) : g))));
  });
  return addAll(terms);
}

const sq = (a: Expr): Expr => pow(a, num(2));

function diffQuotient(a: Expr, b: Expr, v: string): Expr {
  if (!dependsOn(b, v)) return div(differentiate(a, v), b);
  const db = differentiate(b, v);
  if (!dependsOn(a, v)) return neg(div(mul(a, db), sq(b)));
  return div(sub(mul(differentiate(a, v), b), mul(a, db)), sq(b));
}

function diffPow(a: Expr, b: Expr, v: string): Expr {
  if (!dependsOn(b, v)) return mulAll([b, differentiate(a, v), pow(a, sub(b, num(1)))]);
  const logA = isSym(a, 'e') ? num(1) : fn('log', a);
  if (!dependsOn(a, v)) return mulAll([differentiate(b, v), pow(a, b), logA]);
  // a^b with both varying: a^b * (b' ln a + b a'/a).
  return mul(pow(a, b), add(mul(differentiate(b, v), logA), div(mul(b, differentiate(a, v)), a)));
}
