import type { MathNode } from 'mathjs';
import type { Expr } from '../../math/ast';
import { CONSTANT_VALUES, FUNCTION_TABLE, LOG10_NAMES } from '../../math/functions';
import { Refusal, listVars, parseOpen } from '../../math/safe-parse';
import { TaskError } from '../family';
import { call, div, fnArgs, num, rawOp, sym, symName } from './nodes';

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

const MAX_LENGTH = 400;
const MAX_DEPTH = 30;

/**
 * Parses a teacher's or a generator's expression with THE expression parser (shared/math/parser.ts, the one
 * answers go through, same notation: `2xcos(x^2)`, `sin^2 x`, `|x|`) and adapts the tree to the mathjs nodes
 * the generators work on: `ln` → `log`, `log(a, b)` → `log(a)/log(b)`, parentheses dropped. With `vars`,
 * letter runs split into those variables (`xy` → x·y); without, any other name is one variable. Anything
 * outside the language is a TaskError with a message for a person.
 */
export function parseExpr(expr: string, vars?: readonly string[]): MathNode {
  if (typeof expr !== 'string' || expr.trim() === '') throw new TaskError('The expression is empty.');
  if (expr.length > MAX_LENGTH) throw new TaskError(`The expression is too long (over ${MAX_LENGTH} characters).`);
  try {
    return toNode(parseOpen(expr, { maxChars: MAX_LENGTH, maxDepth: MAX_DEPTH }, vars ?? null));
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
  const fn = /^Unknown function "([^"]*)": (.*)$/.exec(message);
  if (fn) return `The function "${fn[1]}" is not supported: ${fn[2]}`;
  if (expr.includes('=')) return `"${shown}" is not an allowed expression: write an expression without "=".`;
  return `Could not read "${shown}": ${message}`;
}

const OPS: Readonly<Record<string, string>> = { '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '^': 'pow' };

/** The adapter from the checker's tree to mathjs nodes: the generators' internal type until they move off it. */
export function toNode(e: Expr): MathNode {
  switch (e.k) {
    case 'num':
      return num(e.v);
    case 'var':
      return sym(e.name);
    case 'neg':
      return rawOp('-', 'unaryMinus', [toNode(e.a)]);
    case 'bin':
      return rawOp(e.op, OPS[e.op] as string, [toNode(e.a), toNode(e.b)]);
    case 'fn': {
      const args = e.args.map(toNode);
      if (e.name === 'log' && args.length === 2) return div(call('log', args[0] as MathNode), call('log', args[1] as MathNode));
      return call(e.name, args[0] as MathNode);
    }
  }
}

/** Symbols in the tree other than e and pi, in order of first appearance. */
export function symbolsOf(node: MathNode): string[] {
  const out: string[] = [];
  const walk = (n: MathNode): void => {
    if (n.type === 'SymbolNode' && !CONSTANTS.has(symName(n)) && !out.includes(symName(n))) out.push(symName(n));
    if (n.type === 'OperatorNode' || n.type === 'FunctionNode') fnArgs(n).forEach(walk);
  };
  walk(node);
  return out;
}
