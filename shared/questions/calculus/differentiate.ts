import type { Expr } from '../../math/ast';
import { substituteNode, tidy } from '../../math/algebra';
import { DerivativeError, differentiate as derive } from '../../math/derivative';
import { exprToTex } from '../../math/latex';
import { toText } from '../../math/text';
import { TaskError } from '../family';
import { parseExpr } from './parse';

/**
 * The symbolic differentiator (shared/math/derivative.ts, whose function rules are a column of the function
 * table) for the question code: a task outside the language is a TaskError with a message for a person, and
 * string helpers for the CLI and the tests.
 */

/** d(e)/d(variable); other symbols are constants. Throws TaskError outside the allowed function set. */
export function differentiate(e: Expr, variable: string): Expr {
  try {
    return derive(e, variable);
  } catch (err) {
    if (err instanceof DerivativeError) throw new TaskError(err.message);
    throw err;
  }
}

/** d(expr)/d(variable) as text: `differentiateExpr("sin(x^2)", "x")` → `2*x*cos(x^2)`. */
export function differentiateExpr(expr: string, variable: string): string {
  return toText(differentiate(parseExpr(expr), variable));
}

/**
 * Replace variables by expressions, parenthesised as needed and lightly tidied:
 * `substitute("u^2", {u: "x+1"})` → `(x + 1)^2`, `substitute("2*u", {u: "3"})` → `6`.
 */
export function substitute(expr: string, map: Readonly<Record<string, string>>): string {
  const nodes: Record<string, Expr> = {};
  for (const [k, e] of Object.entries(map)) nodes[k] = parseExpr(e);
  return toText(tidy(substituteNode(parseExpr(expr), nodes)));
}

/** LaTeX of an expression string or tree (the one printer, shared/math/latex.ts), tidied first when a string. */
export function toTex(expr: string | Expr): string {
  return exprToTex(typeof expr === 'string' ? tidy(parseExpr(expr)) : expr);
}
