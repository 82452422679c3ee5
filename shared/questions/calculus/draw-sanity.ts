import type { Expr } from '../../math/ast';
import { isBin, isFn, someNode } from '../../math/algebra';
import { compileExpr } from './numeric';

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

const isTwo = (e: Expr): boolean => e.k === 'num' && e.v === 2;

/** Is n a square u^2, or a constant times one (sqrt(4*x^2) = 2|x| is no chain rule either)? */
function isSquare(n: Expr): boolean {
  if (isBin(n, '^')) return isTwo(n.b);
  if (isBin(n, '*')) return n.a.k === 'num' && isSquare(n.b);
  return false;
}

function undoes(n: Expr): boolean {
  if (n.k === 'fn') {
    const arg = n.args[0] as Expr;
    if (n.name === 'sqrt' && isSquare(arg)) return true;
    return arg.k === 'fn' && (INVERSE_OF[n.name] ?? []).includes(arg.name);
  }
  if (isBin(n, '^')) return isTwo(n.b) && isFn(n.a, 'sqrt');
  return false;
}

/** True when somewhere in the tree a function is applied directly to its inverse (asin(sin(u)), sqrt(u^2)). */
export function composesInverse(node: Expr): boolean {
  return someNode(node, undoes);
}

/**
 * True when a tanh/sigmoid/softplus/sech argument is large (|arg| > 4) at more than half of the points where
 * it is defined: tanh(x^2 + 5) has a derivative near 1e-16, which no check can tell from a wrong answer.
 */
export function saturates(node: Expr, points: ReadonlyArray<Readonly<Record<string, number>>>): boolean {
  return someNode(node, (n) => {
    if (n.k !== 'fn' || !SATURATING.has(n.name)) return false;
    const arg = compileExpr(n.args[0] as Expr);
    const vals = points.map((p) => arg(p)).filter(Number.isFinite);
    const far = vals.filter((v) => Math.abs(v) > SATURATION_LIMIT).length;
    return far * 2 > vals.length;
  });
}
