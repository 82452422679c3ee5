import type { MathNode } from 'mathjs';
import { math } from '../../math/engine';
import { TaskError } from '../family';
import { fastParse } from './fast-parse';
import { call, div, fnArgs, fnName, opView, symName, withArgs } from './nodes';

/** Functions of question-format.md, each with one argument (`log` also takes a base). */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'sech',
  'exp', 'log', 'ln', 'sqrt', 'abs', 'sigmoid', 'softplus', 'relu', 'sign',
]);

const ALLOWED_OPS: ReadonlySet<string> = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus']);

/** Constants that are not variables. */
export const CONSTANTS: ReadonlySet<string> = new Set(['e', 'pi']);

const MAX_LENGTH = 400;

/**
 * Parses a trusted-or-teacher expression into a normalised tree: parentheses dropped (the printer puts back
 * the needed ones), `ln` → `log`, `log(a, b)` → `log(a)/log(b)`, unary plus dropped. Anything outside the
 * allowed set (question-format.md) is a TaskError with a message for a person. Player answers never come here:
 * they go through the checker's hardened parser.
 */
export function parseExpr(expr: string): MathNode {
  if (typeof expr !== 'string' || expr.trim() === '') throw new TaskError('The expression is empty.');
  if (expr.length > MAX_LENGTH) throw new TaskError(`The expression is too long (over ${MAX_LENGTH} characters).`);
  let depth = 0;
  for (const ch of expr) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth > 30) throw new TaskError('The expression is nested too deeply.');
  }
  let node: MathNode;
  try {
    node = fastParse(expr) ?? math.parse(expr);
  } catch (err) {
    throw new TaskError(`Could not read "${expr}": ${(err as Error).message}.`);
  }
  return normalize(node);
}

function normalize(node: MathNode): MathNode {
  switch (node.type) {
    case 'ConstantNode': {
      const v = (node as unknown as { value: unknown }).value;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new TaskError('Only numbers may appear as constants.');
      return node;
    }
    case 'SymbolNode':
      if (ALLOWED_FUNCTIONS.has(symName(node))) throw new TaskError(`"${symName(node)}" is a function: write ${symName(node)}(...).`);
      return node;
    case 'ParenthesisNode':
      return normalize((node as unknown as { content: MathNode }).content);
    case 'OperatorNode': {
      const v = opView(node);
      if (!ALLOWED_OPS.has(v.fn)) throw new TaskError(`The operator "${v.op}" is not allowed; use + - * / ^.`);
      const args = v.args.map(normalize);
      if (v.fn === 'unaryPlus') return args[0] as MathNode;
      return withArgs(node, args);
    }
    case 'FunctionNode':
      return normalizeCall(node);
    default:
      throw new TaskError(`"${node.toString()}" is not an allowed expression (only numbers, variables, + - * / ^ and the listed functions).`);
  }
}

function normalizeCall(node: MathNode): MathNode {
  const fnNode = (node as unknown as { fn: MathNode }).fn;
  const name = fnNode.type === 'SymbolNode' ? fnName(node) : '';
  if (!ALLOWED_FUNCTIONS.has(name)) throw new TaskError(`The function "${name || fnNode.toString()}" is not supported.`);
  const args = fnArgs(node).map(normalize);
  const fn = name === 'ln' ? 'log' : name;
  if (fn === 'log' && args.length === 2) return div(call('log', args[0] as MathNode), call('log', args[1] as MathNode));
  if (args.length !== 1) throw new TaskError(`${name} takes one argument.`);
  return call(fn, args[0] as MathNode);
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
