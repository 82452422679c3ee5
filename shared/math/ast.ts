import { FUNCTION_NAMES, functionSpec } from './functions';
/**
 * The checker's own expression tree: only what an answer may contain, so every later stage (compile,
 * substitute, print) handles a closed, small set of cases instead of mathjs's open node zoo.
 */

export type BinaryOp = '+' | '-' | '*' | '/' | '^';

/** Canonical function names come from the one table (functions.ts). */
export const FUNCTIONS = FUNCTION_NAMES;
export type FunctionName = string;

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'var'; name: string }
  | { k: 'neg'; a: Expr }
  | { k: 'bin'; op: BinaryOp; a: Expr; b: Expr }
  /** `log` may carry a second argument, the base (mathjs semantics); every other function takes one. */
  | { k: 'fn'; name: FunctionName; args: Expr[] };

/** True when `name` is the canonical name of a function in the table (aliases such as `ln` are not). */
export function isFunctionName(name: string): name is FunctionName {
  return functionSpec(name)?.name === name;
}

/** The variables an expression uses, in first-seen order. */
export function usedVars(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.k) {
    case 'num':
      return out;
    case 'var':
      out.add(e.name);
      return out;
    case 'neg':
      return usedVars(e.a, out);
    case 'bin':
      usedVars(e.a, out);
      return usedVars(e.b, out);
    case 'fn':
      for (const a of e.args) usedVars(a, out);
      return out;
  }
}

/** Replaces variables by expressions (e.g. `u` by the inner function); other nodes are copied by reference. */
export function substitute(e: Expr, by: ReadonlyMap<string, Expr>): Expr {
  switch (e.k) {
    case 'num':
      return e;
    case 'var':
      return by.get(e.name) ?? e;
    case 'neg':
      return { k: 'neg', a: substitute(e.a, by) };
    case 'bin':
      return { k: 'bin', op: e.op, a: substitute(e.a, by), b: substitute(e.b, by) };
    case 'fn':
      return { k: 'fn', name: e.name, args: e.args.map((a) => substitute(a, by)) };
  }
}

/** Small constructors used by the diagnosis code to build wrong answers from right pieces. */
export const neg = (a: Expr): Expr => ({ k: 'neg', a });
export const mul = (a: Expr, b: Expr): Expr => ({ k: 'bin', op: '*', a, b });
export const add = (a: Expr, b: Expr): Expr => ({ k: 'bin', op: '+', a, b });
export const recip = (a: Expr): Expr => ({ k: 'bin', op: '/', a: { k: 'num', v: 1 }, b: a });

/** The product of factors (1 when empty). */
export function product(factors: readonly Expr[]): Expr {
  return factors.reduce<Expr>((acc, f) => mul(acc, f), { k: 'num', v: 1 });
}

/** The sum of terms (0 when empty). */
export function sum(terms: readonly Expr[]): Expr {
  return terms.reduce<Expr>((acc, t) => add(acc, t), { k: 'num', v: 0 });
}
