import type { MathNode } from 'mathjs';
import { functionSpec } from '../../math/functions';
import { constValue, fnArgs, fnName, isFn, isNeg, isOp, opView, symName } from './nodes';

/**
 * Our own printers for expression trees. mathjs's toString puts spaces around every operator and its toTex
 * costs ~100 µs per call and knows nothing of sigmoid/softplus/relu; these print compact mathjs syntax
 * (`-2*x*sin(x^2)`) and KaTeX-ready LaTeX (`\sigma`, `\operatorname{softplus}`) in a few microseconds, adding
 * exactly the parentheses the mathjs parser needs.
 */

const PREC_SUM = 1;
const PREC_PRODUCT = 2;
const PREC_NEG = 3;
const PREC_POW = 4;
const PREC_ATOM = 5;

function prec(n: MathNode): number {
  if (n.type === 'ConstantNode') return constValue(n) < 0 ? PREC_NEG : PREC_ATOM;
  if (n.type !== 'OperatorNode') return PREC_ATOM;
  const fn = opView(n).fn;
  if (fn === 'add' || fn === 'subtract') return PREC_SUM;
  if (fn === 'multiply' || fn === 'divide') return PREC_PRODUCT;
  if (fn === 'unaryMinus') return PREC_NEG;
  return PREC_POW;
}

const wrap = (s: string, yes: boolean): string => (yes ? `(${s})` : s);

/** Compact mathjs syntax: `-2*x*sin(x^2)*cos(cos(x^2))`, `x^2 + 1`, `1/(2*sqrt(x))`. */
export function toStr(n: MathNode): string {
  switch (n.type) {
    case 'ConstantNode':
      return String(constValue(n));
    case 'SymbolNode':
      return symName(n);
    case 'FunctionNode':
      return `${fnName(n)}(${fnArgs(n).map(toStr).join(', ')})`;
    case 'OperatorNode':
      return opStr(n);
    default:
      return n.toString();
  }
}

function opStr(n: MathNode): string {
  const { fn, args } = opView(n);
  const a = args[0] as MathNode;
  const b = args[1] as MathNode;
  switch (fn) {
    case 'unaryMinus':
      return `-${wrap(toStr(a), prec(a) <= PREC_SUM || isNeg(a))}`;
    case 'add':
      return `${toStr(a)} + ${wrap(toStr(b), prec(b) === PREC_NEG)}`;
    case 'subtract':
      return `${toStr(a)} - ${wrap(toStr(b), prec(b) <= PREC_SUM || prec(b) === PREC_NEG)}`;
    case 'multiply':
      return `${wrap(toStr(a), prec(a) < PREC_PRODUCT)}*${wrap(toStr(b), prec(b) < PREC_PRODUCT || prec(b) === PREC_NEG)}`;
    case 'divide':
      return `${wrap(toStr(a), prec(a) < PREC_PRODUCT)}/${wrap(toStr(b), prec(b) < PREC_POW)}`;
    case 'pow':
      return `${wrap(toStr(a), prec(a) < PREC_ATOM)}^${wrap(toStr(b), prec(b) < PREC_ATOM)}`;
    default:
      return n.toString();
  }
}

const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'theta', 'phi', 'psi', 'omega', 'lambda', 'mu', 'rho', 'tau', 'pi']);

/** A variable name in LaTeX: `theta` → `\\theta`, `x1` → `x_{1}`, other long names upright. */
export function texSymbol(name: string): string {
  if (GREEK.has(name)) return `\\${name}`;
  const m = /^([a-zA-Z])(\d+)$/.exec(name);
  if (m) return `${m[1]}_{${m[2]}}`;
  return name.length > 1 ? `\\mathrm{${name}}` : name;
}

const paren = (s: string): string => `\\left(${s}\\right)`;

function texWrap(x: MathNode, yes: boolean): string {
  return yes ? paren(texNode(x)) : texNode(x);
}

/** KaTeX-ready LaTeX: `-2x\,\sin\left(x^{2}\right)`, `\sigma\left(3x\right)`, `\frac{1}{2\sqrt{x}}`. */
export function texNode(n: MathNode): string {
  switch (n.type) {
    case 'ConstantNode':
      return String(constValue(n));
    case 'SymbolNode':
      return texSymbol(symName(n));
    case 'FunctionNode':
      return texCall(n);
    case 'OperatorNode':
      return texOp(n);
    default:
      return n.toString();
  }
}

function texCall(n: MathNode, power?: string): string {
  const name = fnName(n);
  const arg = fnArgs(n)[0] as MathNode;
  if (name === 'sqrt') return `\\sqrt{${texNode(arg)}}`;
  if (name === 'abs') return `\\left|${texNode(arg)}\\right|`;
  if (name === 'exp') return `e^{${texNode(arg)}}`;
  if (name === 'sign' && isFn(arg, 'relu')) return `\\mathbf{1}\\left[${texNode(fnArgs(arg)[0] as MathNode)}>0\\right]`;
  // LaTeX names come from the one function table (shared/math/functions.ts), as the answer preview's do.
  const head = functionSpec(name)?.tex || `\\operatorname{${name}}`;
  return `${head}${power === undefined ? '' : `^{${power}}`}${paren(fnArgs(n).map(texNode).join(', '))}`;
}

/** A variable or a power of one (x, y^2): what a board writes side by side without a space. */
function isLetter(n: MathNode): boolean {
  if (n.type === 'SymbolNode') return symName(n).length === 1;
  if (!isOp(n, '^')) return false;
  const base = opView(n).args[0];
  return base !== undefined && base.type === 'SymbolNode' && symName(base).length === 1;
}

function startsWithDigit(s: string): boolean {
  return /^[\d.]/.test(s);
}

function texOp(n: MathNode): string {
  const { fn, args } = opView(n);
  const a = args[0] as MathNode;
  const b = args[1] as MathNode;
  switch (fn) {
    case 'unaryMinus':
      return `-${texWrap(a, prec(a) <= PREC_SUM || isNeg(a))}`;
    case 'add':
      return `${texNode(a)}+${texWrap(b, prec(b) === PREC_NEG)}`;
    case 'subtract':
      return `${texNode(a)}-${texWrap(b, prec(b) <= PREC_SUM || prec(b) === PREC_NEG)}`;
    case 'multiply': {
      const left = texWrap(a, prec(a) < PREC_PRODUCT);
      const right = texWrap(b, prec(b) < PREC_PRODUCT || prec(b) === PREC_NEG);
      // Letters multiply by juxtaposition as on the board (xy, x^2y); a thin space sets off calls and brackets.
      const sep = startsWithDigit(right) ? '\\cdot ' : (a.type === 'ConstantNode' && !isOp(b, '/')) || (isLetter(a) && isLetter(b)) ? '' : '\\,';
      return `${left}${sep}${right}`;
    }
    case 'divide':
      return `\\frac{${texNode(a)}}{${texNode(b)}}`;
    case 'pow':
      return texPow(a, b);
    default:
      return n.toString();
  }
}

function texPow(a: MathNode, b: MathNode): string {
  const exp = texNode(b);
  const trig = isFn(a) && !['sqrt', 'abs', 'exp', 'sign'].includes(fnName(a));
  if (trig && b.type === 'ConstantNode' && Number.isInteger(constValue(b))) return texCall(a, exp);
  const base = prec(a) < PREC_ATOM || isFn(a) || (a.type === 'ConstantNode' && !Number.isInteger(constValue(a)));
  if (base) return `{${paren(texNode(a))}}^{${exp}}`;
  return `${texNode(a)}^{${exp}}`;
}
