import type { MathNode } from 'mathjs';
import { math } from '../../math/engine';

/**
 * Reading and building mathjs trees without mathjs's generic noise: field accessors, plain constructors and
 * structural rewrites (substitution, replacement). The tidy algebra lives in ./nodes, exact constants in
 * ./rational.
 */

interface OpView {
  op: string;
  fn: string;
  args: MathNode[];
}

/** Operator node fields without mathjs's generic noise. */
export function opView(node: MathNode): OpView {
  return node as unknown as OpView;
}

/** Name of a FunctionNode's function ('sin', 'sigmoid', ...). */
export function fnName(node: MathNode): string {
  return (node as unknown as { fn: { name: string } }).fn.name;
}

/** A FunctionNode's or OperatorNode's arguments. */
export function fnArgs(node: MathNode): MathNode[] {
  return (node as unknown as { args: MathNode[] }).args;
}

/** A SymbolNode's name. */
export function symName(node: MathNode): string {
  return (node as unknown as { name: string }).name;
}

/** A ConstantNode's number (the engine is configured with plain numbers). */
export function constValue(node: MathNode): number {
  return (node as unknown as { value: number }).value;
}

/** Is it an operator node (optionally with this operator symbol; '-' covers unary minus too)? */
export const isOp = (n: MathNode, op?: string): boolean =>
  n.type === 'OperatorNode' && (op === undefined || opView(n).op === op);
/** Is it a unary minus? */
export const isNeg = (n: MathNode): boolean => n.type === 'OperatorNode' && opView(n).fn === 'unaryMinus';
/** Is it a call (optionally of this function)? */
export const isFn = (n: MathNode, name?: string): boolean =>
  n.type === 'FunctionNode' && (name === undefined || fnName(n) === name);
/** Is it a symbol (optionally with this name)? */
export const isSym = (n: MathNode, name?: string): boolean =>
  n.type === 'SymbolNode' && (name === undefined || symName(n) === name);

/** A number as a tree; negative numbers become a unary minus so signs print and tidy uniformly. */
export function num(value: number): MathNode {
  if (value < 0) return neg(new math.ConstantNode(-value));
  return new math.ConstantNode(value === 0 ? 0 : value);
}

/** A variable or constant name as a tree. */
export function sym(name: string): MathNode {
  return new math.SymbolNode(name);
}

/** A call of a named function. */
export function call(name: string, ...args: MathNode[]): MathNode {
  return new math.FunctionNode(new math.SymbolNode(name), args);
}

/** An operator node exactly as given, without tidying (the tidy constructors build on it). */
export function rawOp(op: string, fn: string, args: MathNode[]): MathNode {
  return new math.OperatorNode(op as never, fn as never, args);
}

/** -a, with double negation and -0 folded away. */
export function neg(a: MathNode): MathNode {
  if (isNeg(a)) return opView(a).args[0] as MathNode;
  if (a.type === 'ConstantNode' && constValue(a) === 0) return a;
  return rawOp('-', 'unaryMinus', [a]);
}

/** Does the tree mention the variable? */
export function dependsOn(node: MathNode, variable: string): boolean {
  if (node.type === 'SymbolNode') return symName(node) === variable;
  if (node.type === 'OperatorNode' || node.type === 'FunctionNode') return fnArgs(node).some((a) => dependsOn(a, variable));
  return false;
}

/** Symbols used as variables (not e, pi), sorted: the parameters an expression is written in. */
export function freeSymbols(node: MathNode, out: Set<string> = new Set()): Set<string> {
  if (node.type === 'SymbolNode' && symName(node) !== 'e' && symName(node) !== 'pi') out.add(symName(node));
  if (node.type === 'OperatorNode' || node.type === 'FunctionNode') for (const a of fnArgs(node)) freeSymbols(a, out);
  return out;
}

/** Replace symbols by subtrees (all occurrences); the result is re-tidied only where rebuilt. */
export function substituteNode(node: MathNode, map: Readonly<Record<string, MathNode>>): MathNode {
  if (node.type === 'SymbolNode') return Object.prototype.hasOwnProperty.call(map, symName(node)) ? (map[symName(node)] as MathNode) : node;
  if (node.type === 'FunctionNode') return call(fnName(node), ...fnArgs(node).map((a) => substituteNode(a, map)));
  if (node.type === 'OperatorNode') {
    const v = opView(node);
    return rawOp(v.op, v.fn, v.args.map((a) => substituteNode(a, map)));
  }
  return node;
}

/** Replace one particular subtree (by identity) with another. */
export function replaceNode(node: MathNode, target: MathNode, by: MathNode): MathNode {
  if (node === target) return by;
  if (node.type === 'FunctionNode') return call(fnName(node), ...fnArgs(node).map((a) => replaceNode(a, target, by)));
  if (node.type === 'OperatorNode') {
    const v = opView(node);
    return rawOp(v.op, v.fn, v.args.map((a) => replaceNode(a, target, by)));
  }
  return node;
}

/** Rebuild an operator node with new arguments, keeping its operator. */
export function withArgs(node: MathNode, args: MathNode[]): MathNode {
  const v = opView(node);
  return rawOp(v.op, v.fn, args);
}

