import type { Expr } from '../../math/ast';
import { div, fn } from '../../math/algebra';
import { CONSTANT_VALUES, FUNCTION_TABLE, LOG10_NAMES } from '../../math/functions';
import { ANSWER_MAX_CHARS } from '../../limits';
import { Refusal, listVars, parseOpen } from '../../math/safe-parse';
import { TaskError } from '../family';

/**
 * Every name a task may call, from the one function table (shared/math/functions.ts): canonical names and
 * their aliases (`ln`, `arcsin`, `log10`).
 */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  ...FUNCTION_TABLE.flatMap((f) => [f.name, ...f.aliases]),
  ...LOG10_NAMES,
]);

/** Constants that are not variables. */
export const CONSTANTS: ReadonlySet<string> = new Set(CONSTANT_VALUES.keys());

const MAX_DEPTH = 30;

/**
 * Parses a teacher's or a generator's expression with THE expression parser (shared/math/parser.ts, the one
 * answers go through, same notation: `2xcos(x^2)`, `sin^2 x`, `|x|`) into the one tree the generators, the
 * solvers and the printers share. `log(a, b)` becomes `log(a)/log(b)`, so the symbolic code sees one-argument
 * functions only, and `e^u` is `exp(u)`, one function with one derivative rule; `e` and `pi` stay names. With `vars`, letter runs split into those variables (`xy` → x·y);
 * without, any other name is one variable. Anything outside the language is a TaskError with a message for a person.
 */
export function parseExpr(expr: string, vars?: readonly string[]): Expr {
  if (typeof expr !== 'string' || expr.trim() === '') throw new TaskError('The expression is empty.');
  if (expr.length > ANSWER_MAX_CHARS) throw new TaskError(`The expression is too long (over ${ANSWER_MAX_CHARS} characters).`);
  try {
    return canonical(parseOpen(expr, { maxChars: ANSWER_MAX_CHARS, maxDepth: MAX_DEPTH }, vars ?? null));
  } catch (err) {
    if (err instanceof Refusal) throw new TaskError(taskMessage(expr, err.message, vars));
    throw new TaskError(`Could not read "${expr.slice(0, 80)}".`);
  }
}

/** The parser's message, worded for a teacher writing a task rather than a student answering. */
function taskMessage(expr: string, message: string, vars: readonly string[] | undefined): string {
  const shown = expr.slice(0, 80);
  const unknown = /^Unknown symbol "([^"]*)"/.exec(message);
  if (unknown) return `Unknown variable "${unknown[1]}" in "${shown}": only ${listVars(vars ?? [])} may appear.`;
  const fnMessage = /^Unknown function "([^"]*)": (.*)$/.exec(message);
  if (fnMessage) return `The function "${fnMessage[1]}" is not supported: ${fnMessage[2]}`;
  if (expr.includes('=')) return `"${shown}" is not an allowed expression: write an expression without "=".`;
  return `Could not read "${shown}": ${message}`;
}

/** e^b as a call; e^1 is e, as a textbook writes it (a task's own e^{ln u} is left as the teacher typed it). */
function exp(b: Expr): Expr {
  return b.k === 'num' && b.v === 1 ? { k: 'var', name: 'e' } : { k: 'fn', name: 'exp', args: [b] };
}

/** One form for one function: `log(a, b)` as `log(a)/log(b)`, and `e^b` as `exp(b)` (a layer of its own). */
function canonical(e: Expr): Expr {
  switch (e.k) {
    case 'num':
    case 'var':
      return e;
    case 'neg':
      return { k: 'neg', a: canonical(e.a) };
    case 'bin':
      if (e.op === '^' && e.a.k === 'var' && e.a.name === 'e') return exp(canonical(e.b));
      return { k: 'bin', op: e.op, a: canonical(e.a), b: canonical(e.b) };
    case 'fn': {
      const args = e.args.map(canonical);
      if (e.name === 'log' && args.length === 2) return div(fn('log', args[0] as Expr), fn('log', args[1] as Expr));
      if (e.name === 'exp' && args.length === 1) return exp(args[0] as Expr);
      return { k: 'fn', name: e.name, args };
    }
  }
}

