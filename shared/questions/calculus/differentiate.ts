import type { MathNode } from 'mathjs';
import { TaskError } from '../family';
import {
  add, addAll, call, dependsOn, div, fnArgs, fnName, isSym, mul, mulAll, neg, num, opView, pow, sub, substituteNode, sym, tidy,
} from './nodes';
import { parseExpr } from './parse';
import { texNode, toStr } from './print';

/**
 * A small symbolic differentiator for the function set of docs/question-format.md#expressions. mathjs's own
 * `derivative` knows nothing of sigmoid/softplus/relu and its simplify is slow and can change values (mathjs issue
 * 3329), so the rules are written here, with the tidy constructors of ./nodes keeping results readable.
 * Stable API (the implicit-family helper imports it): differentiate, differentiateExpr, fnDerivative,
 * substitute, toTex, parseExpr, toStr.
 */

const U = sym('u');

/**
 * f'(arg) for a named function of one argument: the local derivative a chain-rule layer uses. With
 * `arg = u` it is the layer's derivative "in u"; with the inner expression it is the evaluated one.
 */
export function fnDerivative(name: string, arg: MathNode): MathNode {
  const rule = RULES[name];
  if (!rule) throw new TaskError(`Cannot differentiate the function "${name}".`);
  return rule(arg);
}

const one = (): MathNode => num(1);
const sq = (a: MathNode): MathNode => pow(a, num(2));

const RULES: Readonly<Record<string, (u: MathNode) => MathNode>> = {
  sin: (u) => call('cos', u),
  cos: (u) => neg(call('sin', u)),
  tan: (u) => sq(call('sec', u)),
  sec: (u) => mul(call('sec', u), call('tan', u)),
  csc: (u) => neg(mul(call('csc', u), call('cot', u))),
  cot: (u) => neg(sq(call('csc', u))),
  asin: (u) => div(one(), call('sqrt', sub(one(), sq(u)))),
  acos: (u) => neg(div(one(), call('sqrt', sub(one(), sq(u))))),
  atan: (u) => div(one(), add(one(), sq(u))),
  sinh: (u) => call('cosh', u),
  cosh: (u) => call('sinh', u),
  tanh: (u) => sub(one(), sq(call('tanh', u))),
  sech: (u) => neg(mul(call('sech', u), call('tanh', u))),
  exp: (u) => call('exp', u),
  log: (u) => div(one(), u),
  ln: (u) => div(one(), u),
  sqrt: (u) => div(one(), mul(num(2), call('sqrt', u))),
  abs: (u) => call('sign', u),
  sigmoid: (u) => mul(call('sigmoid', u), sub(one(), call('sigmoid', u))),
  softplus: (u) => call('sigmoid', u),
  // 1 where u > 0 and 0 elsewhere (the subgradient frameworks use at 0); printed as an indicator in LaTeX.
  relu: (u) => call('sign', call('relu', u)),
  sign: () => num(0),
};

/** d(node)/d(variable); other symbols are constants. Throws TaskError outside the allowed function set. */
export function differentiate(node: MathNode, variable: string): MathNode {
  if (!dependsOn(node, variable)) return num(0);
  switch (node.type) {
    case 'SymbolNode':
      return num(1);
    case 'FunctionNode': {
      const arg = fnArgs(node)[0] as MathNode;
      if (fnArgs(node).length !== 1) throw new TaskError(`${fnName(node)} takes one argument.`);
      return mulAll([differentiate(arg, variable), fnDerivative(fnName(node), arg)]);
    }
    case 'OperatorNode':
      return diffOp(node, variable);
    default:
      throw new TaskError(`Cannot differentiate "${node.toString()}".`);
  }
}

function diffOp(node: MathNode, v: string): MathNode {
  const { fn, args } = opView(node);
  const a = args[0] as MathNode;
  const b = args[1] as MathNode;
  switch (fn) {
    case 'unaryMinus':
      return neg(differentiate(a, v));
    case 'unaryPlus':
      return differentiate(a, v);
    case 'add':
      return addAll(args.map((x) => differentiate(x, v)));
    case 'subtract':
      return sub(differentiate(a, v), differentiate(b, v));
    case 'multiply':
      return diffProduct(args, v);
    case 'divide':
      return diffQuotient(a, b, v);
    case 'pow':
      return diffPow(a, b, v);
    default:
      throw new TaskError(`Cannot differentiate the operator "${opView(node).op}".`);
  }
}

function diffProduct(args: MathNode[], v: string): MathNode {
  const terms: MathNode[] = [];
  args.forEach((f, i) => {
    if (!dependsOn(f, v)) return;
    terms.push(mulAll(args.map((g, j) => (i === j ? differentiate(f, v) : g))));
  });
  return addAll(terms);
}

function diffQuotient(a: MathNode, b: MathNode, v: string): MathNode {
  if (!dependsOn(b, v)) return div(differentiate(a, v), b);
  const db = differentiate(b, v);
  if (!dependsOn(a, v)) return neg(div(mul(a, db), sq(b)));
  return div(sub(mul(differentiate(a, v), b), mul(a, db)), sq(b));
}

function diffPow(a: MathNode, b: MathNode, v: string): MathNode {
  if (!dependsOn(b, v)) return mulAll([b, differentiate(a, v), pow(a, sub(b, num(1)))]);
  const logA = isSym(a, 'e') ? num(1) : call('log', a);
  if (!dependsOn(a, v)) return mulAll([differentiate(b, v), pow(a, b), logA]);
  // a^b with both varying: a^b * (b' ln a + b a'/a).
  return mul(pow(a, b), add(mul(differentiate(b, v), logA), div(mul(b, differentiate(a, v)), a)));
}

/** d(expr)/d(variable) as a compact mathjs string: `differentiateExpr("sin(x^2)", "x")` → `2*x*cos(x^2)`. */
export function differentiateExpr(expr: string, variable: string): string {
  return toStr(differentiate(parseExpr(expr), variable));
}

/**
 * Replace variables by expressions, parenthesised as needed and lightly tidied:
 * `substitute("u^2", {u: "x+1"})` → `(x + 1)^2`, `substitute("2*u", {u: "3"})` → `6`.
 */
export function substitute(expr: string, map: Readonly<Record<string, string>>): string {
  const nodes: Record<string, MathNode> = {};
  for (const [k, e] of Object.entries(map)) nodes[k] = parseExpr(e);
  return toStr(tidy(substituteNode(parseExpr(expr), nodes)));
}

/** LaTeX of an expression string or tree, with `\sigma`, `\operatorname{softplus}`, `\operatorname{ReLU}`. */
export function toTex(expr: string | MathNode): string {
  return texNode(typeof expr === 'string' ? tidy(parseExpr(expr)) : expr);
}

export { parseExpr, toStr, texNode, U };
