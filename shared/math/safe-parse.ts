import type { MathNode } from 'mathjs';
import { isFunctionName, usedVars, type BinaryOp, type Expr } from './ast';
import { MAX_ANSWER_CHARS, checkBounds, normalizeInput, type ParseLimits } from './normalize';
import { parseBounded } from './safe-mathjs';

export type ParseResult = { ok: true; expr: Expr; vars: Set<string> } | { ok: false; error: string };

/** A structured refusal; its message is shown to a student as is. */
class Refusal extends Error {}

const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['e', Math.E],
  ['pi', Math.PI],
]);
const BINARY: ReadonlyMap<string, BinaryOp> = new Map([
  ['add', '+'],
  ['subtract', '-'],
  ['multiply', '*'],
  ['divide', '/'],
  ['pow', '^'],
] as const);
const COMPARISONS = new Set(['equal', 'unequal', 'smaller', 'larger', 'smallerEq', 'largerEq']);

/**
 * Reads a hostile answer string into an allow-listed tree: numbers, the given variables, `e`, `pi`,
 * `+ - * / ^`, unary signs, parentheses, implicit multiplication and the listed functions. Anything else
 * (units, strings, assignments, arrays, `derivative(...)`, `t` when only x is allowed) is refused with a
 * message for a student. Never throws; bounded work whatever the input.
 */
export function parseAnswer(src: unknown, vars: readonly string[], limits: ParseLimits = {}): ParseResult {
  if (typeof src !== 'string') return { ok: false, error: 'The answer must be text, such as 2x cos(x^2).' };
  const maxChars = limits.maxChars ?? MAX_ANSWER_CHARS;
  // Normalising never shortens much, so refuse absurd lengths before spending time on them.
  if (src.length > 2 * maxChars) return { ok: false, error: 'That answer is too long.' };
  const text = normalizeInput(src);
  const bounds = checkBounds(text, limits);
  if (bounds) return { ok: false, error: bounds };
  let node: MathNode;
  try {
    node = parseBounded(text);
  } catch (err) {
    return { ok: false, error: syntaxMessage(err) };
  }
  try {
    const expr = convert(node, new Walker(vars));
    return { ok: true, expr, vars: usedVars(expr) };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, error: err.message };
    // A RangeError from an absurd tree is still the player's input, not our bug.
    return { ok: false, error: 'That answer could not be read.' };
  }
}

function syntaxMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : '';
  const at = /char (\d+)/.exec(msg);
  if (/Parenthesis|parenthesis/.test(msg)) return 'Unbalanced parentheses.';
  return at ? `That answer could not be read near character ${at[1]}.` : 'That answer could not be read.';
}

class Walker {
  private readonly allowed: ReadonlySet<string>;
  constructor(readonly vars: readonly string[]) {
    this.allowed = new Set(vars);
  }
  isVar(name: string): boolean {
    return this.allowed.has(name);
  }
  unknownSymbol(name: string): Refusal {
    if (name === 'ln' || isFunctionName(name)) {
      return new Refusal(`Write ${name} with its argument in parentheses, e.g. ${name}(${this.vars[0] ?? 'x'}).`);
    }
    const shown = name.length > 20 ? `${name.slice(0, 20)}…` : name;
    if (this.vars.length === 0) return new Refusal(`Unknown symbol "${shown}": this answer must be a number.`);
    return new Refusal(`Unknown symbol "${shown}": this answer may use only ${listVars(this.vars)}.`);
  }
}

/** "x", "x and y", "x, y and t". */
export function listVars(vars: readonly string[]): string {
  if (vars.length <= 1) return vars.join('');
  return `${vars.slice(0, -1).join(', ')} and ${vars[vars.length - 1]}`;
}

type Loose = { type: string; [key: string]: unknown };

function convert(node: MathNode, w: Walker): Expr {
  const n = node as unknown as Loose;
  switch (n.type) {
    case 'ConstantNode':
      return constant(n.value);
    case 'SymbolNode':
      return symbol(String(n.name), w);
    case 'ParenthesisNode':
      return convert(n.content as MathNode, w);
    case 'OperatorNode':
      return operator(String(n.fn), String(n.op), n.args as MathNode[], w);
    case 'FunctionNode':
      return call(n.fn as MathNode, n.args as MathNode[], w);
    case 'AssignmentNode':
    case 'FunctionAssignmentNode':
      throw new Refusal('Write an expression, not an assignment.');
    case 'ArrayNode':
    case 'IndexNode':
    case 'AccessorNode':
      throw new Refusal('Square brackets and indexing are not allowed here: use ( ).');
    case 'BlockNode':
      throw new Refusal('Write a single expression.');
    case 'RelationalNode':
      throw new Refusal('Write an expression, not an equation or comparison.');
    default:
      throw new Refusal(`Only numbers, ${listVars([...w.vars, 'e', 'pi'])}, + - * / ^ and functions like sin( ) are allowed.`);
  }
}

function constant(value: unknown): Expr {
  if (typeof value !== 'number') throw new Refusal('Text in quotes is not allowed in an answer.');
  if (!Number.isFinite(value)) throw new Refusal('That number is too large.');
  return { k: 'num', v: value };
}

function symbol(name: string, w: Walker): Expr {
  if (w.isVar(name)) return { k: 'var', name };
  const c = CONSTANTS.get(name);
  if (c !== undefined) return { k: 'num', v: c };
  throw w.unknownSymbol(name);
}

function operator(fn: string, op: string, args: MathNode[], w: Walker): Expr {
  if (fn === 'unaryMinus' && args.length === 1) return { k: 'neg', a: convert(args[0] as MathNode, w) };
  if (fn === 'unaryPlus' && args.length === 1) return convert(args[0] as MathNode, w);
  const bin = BINARY.get(fn);
  if (bin && args.length >= 2) {
    const parts = args.map((a) => convert(a, w));
    return parts.slice(1).reduce<Expr>((a, b) => ({ k: 'bin', op: bin, a, b }), parts[0] as Expr);
  }
  if (fn === 'factorial') throw new Refusal('Factorials ("!") are not allowed in an answer.');
  if (COMPARISONS.has(fn)) throw new Refusal('Write an expression, not an equation or comparison.');
  throw new Refusal(`The operator "${op}" is not allowed in an answer.`);
}

function call(fnNode: MathNode, args: MathNode[], w: Walker): Expr {
  const f = fnNode as unknown as Loose;
  if (f.type !== 'SymbolNode') throw new Refusal('That answer could not be read.');
  const raw = String(f.name);
  const name = raw === 'ln' ? 'log' : raw;
  // `x(x+1)` and `pi(x)` mean multiplication to a person, though mathjs reads them as calls.
  if ((w.isVar(raw) || CONSTANTS.has(raw)) && args.length === 1) {
    return { k: 'bin', op: '*', a: symbol(raw, w), b: convert(args[0] as MathNode, w) };
  }
  if (name === 'derivative' || name === 'diff') {
    throw new Refusal('Write the derivative itself, not derivative(...).');
  }
  if (!isFunctionName(name)) {
    const shown = raw.length > 20 ? `${raw.slice(0, 20)}…` : raw;
    throw new Refusal(`Unknown function "${shown}".`);
  }
  const maxArgs = name === 'log' ? 2 : 1;
  if (args.length < 1 || args.length > maxArgs) {
    throw new Refusal(name === 'log' ? 'log takes one argument (or two: log(x, base)).' : `${raw} takes one argument.`);
  }
  return { k: 'fn', name, args: args.map((a) => convert(a, w)) };
}
