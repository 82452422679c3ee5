/**
 * The server's mathjs: an independent second opinion on the project's own mathematics (docs/expressions.md).
 * Only the functions it uses are imported (never `create(all)`), and it never reaches a browser chunk: the game's
 * own expression language (shared/math) parses, prints, differentiates and checks everything players see.
 *
 * Functions mathjs lacks are written in functions it has, so that its `derivative` can differentiate them too:
 * sigmoid(u) = 1/(1 + e^(−u)), softplus(u) = ln(1 + e^u), relu(u) = (u + |u|)/2, step(u) = (1 + |u|/u)/2 and
 * sign(u) = |u|/u (step and sign are undefined at 0 here, where only a kink is).
 */
import {
  absDependencies, acosDependencies, addDependencies, asinDependencies, atanDependencies, compileDependencies, cosDependencies,
  coshDependencies, cotDependencies, create, cscDependencies, derivativeDependencies, divideDependencies, eDependencies,
  evaluateDependencies, expDependencies, fractionDependencies, logDependencies, multiplyDependencies, parseDependencies,
  piDependencies, powDependencies, secDependencies, sechDependencies, signDependencies, sinDependencies, sinhDependencies,
  sqrtDependencies, subtractDependencies, tanDependencies, tanhDependencies, unaryMinusDependencies, unaryPlusDependencies,
  type FactoryFunctionMap, type MathJsInstance, type MathNode,
} from 'mathjs';

export const math: MathJsInstance = create({
  parseDependencies, compileDependencies, evaluateDependencies, derivativeDependencies, fractionDependencies,
  addDependencies, subtractDependencies, multiplyDependencies, divideDependencies, powDependencies,
  unaryMinusDependencies, unaryPlusDependencies, sinDependencies, cosDependencies, tanDependencies, secDependencies,
  cscDependencies, cotDependencies, asinDependencies, acosDependencies, atanDependencies, sinhDependencies,
  coshDependencies, tanhDependencies, sechDependencies, expDependencies, logDependencies, sqrtDependencies,
  absDependencies, signDependencies, eDependencies, piDependencies,
} as FactoryFunctionMap, { number: 'number' });

/** Our functions in mathjs's own, as text with `u` for the argument: what `derivative` can differentiate. */
const REWRITES: Readonly<Record<string, string>> = {
  sigmoid: '1 / (1 + exp(-(u)))',
  softplus: 'log(1 + exp(u))',
  relu: '((u) + abs(u)) / 2',
  step: '(1 + abs(u) / (u)) / 2',
  sign: 'abs(u) / (u)',
  ln: 'log(u)',
};

/** Our expression text (docs/notation.md) in mathjs's syntax and function set, ready for mathjs's parse. */
export function toMathjsNode(text: string): MathNode {
  return rewrite(math.parse(text));
}

function rewrite(node: MathNode): MathNode {
  return node.transform((n) => {
    if (n.type !== 'FunctionNode') return n;
    const f = n as unknown as { fn: { name: string }; args: MathNode[] };
    const template = REWRITES[f.fn.name];
    if (template === undefined || f.args.length !== 1) return n;
    const arg = rewrite(f.args[0] as MathNode);
    return math.parse(template).transform((m) => (m.type === 'SymbolNode' && (m as unknown as { name: string }).name === 'u' ? arg : m));
  });
}

/** A mathjs tree compiled into a real function: NaN where its value is complex, non-numeric or non-finite. */
export function realFunction(node: MathNode): (scope: Readonly<Record<string, number>>) => number {
  const code = node.compile();
  return (scope) => {
    try {
      const v: unknown = code.evaluate({ ...scope });
      return typeof v === 'number' && Number.isFinite(v) ? v : NaN;
    } catch {
      return NaN;
    }
  };
}

/** The real value of a mathjs tree at a point, or NaN (complex, non-numeric or non-finite). */
export function valueAt(node: MathNode, scope: Readonly<Record<string, number>>): number {
  return realFunction(node)(scope);
}
