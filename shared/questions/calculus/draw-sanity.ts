import type { MathNode } from 'mathjs';
import { constValue, fnArgs, fnName, isFn, isOp, opView } from './node-base';
import { compileNode } from './numeric';

/**
 * Checks that keep generated compositions worth asking: no function composed with its own inverse and no
 * activation driven into saturation on the sample points. Both are judged on the tree, so the printed
 * question is what was checked.
 */

/** Outer function → the inner functions it undoes (or that undo it): asin(sin(x)) is x, a silly chain. */
const INVERSE_OF: Readonly<Record<string, readonly string[]>> = {
  asin: ['sin'], sin: ['asin'], acos: ['cos'], cos: ['acos'], atan: ['tan'], tan: ['atan'],
  log: ['exp'], exp: ['log'],
};

/** Functions that flatten out: far from 0 their derivative is below what double precision can tell apart. */
const SATURATING: ReadonlySet<string> = new Set(['tanh', 'sigmoid', 'softplus', 'sech']);

/** |argument| beyond this counts as saturated: tanh'(4) ≈ 1.3e-3, and it only gets flatter. */
const SATURATION_LIMIT = 4;

const isNumber = (n: MathNode): boolean => n.type === 'ConstantNode';

/** Is n a square u^2, or a constant times one (sqrt(4*x^2) = 2|x| is no chain rule either)? */
function isSquare(n: MathNode): boolean {
  if (isOp(n, '^')) {
    const [, e] = fnArgs(n) as [MathNode, MathNode];
    return isNumber(e) && constValue(e) === 2;
  }
  if (isOp(n, '*')) {
    const args = fnArgs(n);
    return args.length === 2 && isNumber(args[0] as MathNode) && isSquare(args[1] as MathNode);
  }
  return false;
}

function undoes(n: MathNode): boolean {
  if (n.type === 'FunctionNode') {
    const arg = fnArgs(n)[0] as MathNode;
    const name = fnName(n);
    if (name === 'sqrt' && isSquare(arg)) return true;
    return arg.type === 'FunctionNode' && (INVERSE_OF[name] ?? []).includes(fnName(arg));
  }
  if (isOp(n, '^') && opView(n).fn === 'pow') {
    const [b, e] = fnArgs(n) as [MathNode, MathNode];
    return isNumber(e) && constValue(e) === 2 && isFn(b, 'sqrt');
  }
  return false;
}

/** True when somewhere in the tree a function is applied directly to its inverse (asin(sin(u)), sqrt(u^2)). */
export function composesInverse(node: MathNode): boolean {
  let found = false;
  node.traverse((n) => {
    if (!found && undoes(n)) found = true;
  });
  return found;
}

/**
 * True when a tanh/sigmoid/softplus/sech argument is large (|arg| > 4) at more than half of the points where
 * it is defined: tanh(x^2 + 5) has a derivative near 1e-16, which no check can tell from a wrong answer.
 */
export function saturates(node: MathNode, points: ReadonlyArray<Readonly<Record<string, number>>>): boolean {
  let bad = false;
  node.traverse((n) => {
    if (bad || n.type !== 'FunctionNode' || !SATURATING.has(fnName(n))) return;
    const arg = compileNode(fnArgs(n)[0] as MathNode);
    const vals = points.map((p) => arg(p)).filter(Number.isFinite);
    const far = vals.filter((v) => Math.abs(v) > SATURATION_LIMIT).length;
    if (far * 2 > vals.length) bad = true;
  });
  return bad;
}
