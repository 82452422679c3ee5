import type { Expr } from '../../math/ast';
import { dependsOn, symbolsOf } from '../../math/algebra';
import { TaskError } from '../family';
import { compileExpr } from './numeric';
import { ALLOWED_FUNCTIONS, CONSTANTS, parseExpr } from './parse';

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,11}$/;

/** A variable name a person may use: letters and digits, not a function or a constant. */
export function checkVarName(name: unknown, what: string): string {
  if (typeof name !== 'string' || !NAME.test(name)) throw new TaskError(`${what} must be a variable name such as x or t.`);
  if (ALLOWED_FUNCTIONS.has(name) || CONSTANTS.has(name)) throw new TaskError(`${what} cannot be "${name}": that name is a function or a constant.`);
  return name;
}

/** Parses an expression that may only use the given variables (and e, pi). */
export function parseIn(expr: unknown, vars: readonly string[], what: string): Expr {
  if (typeof expr !== 'string') throw new TaskError(`${what} must be an expression string.`);
  const node = parseExpr(expr, vars);
  const unknown = symbolsOf(node).filter((s) => !vars.includes(s));
  if (unknown.length > 0) {
    throw new TaskError(`Unknown variable "${unknown[0]}" in ${what}: only ${vars.join(', ')} may appear.`);
  }
  return node;
}

/** Reads a `{expr, var}` task written by anyone: the expression and its variable, or a TaskError. */
export function readExprTask(task: unknown): { expr: Expr; variable: string } {
  if (task === null || typeof task !== 'object') throw new TaskError('The task must be an object {expr, var}.');
  const t = task as Record<string, unknown>;
  const variable = checkVarName(t.var ?? 'x', 'The variable');
  const expr = parseIn(t.expr, [variable], 'the expression');
  if (!dependsOn(expr, variable)) throw new TaskError(`The expression does not depend on ${variable}: its derivative is 0.`);
  return { expr, variable };
}

/** Values tried for a variable: small, both signs, a few scales (never exactly 0, ±1 or multiples of pi/2). */
export const SAMPLE_VALUES: readonly number[] = [0.37, 0.81, 1.23, -0.52, 1.61, -1.13, 0.46, 2.14, -0.27, 0.93, 1.37, -1.71];
const WIDE_VALUES: readonly number[] = [3.1, -2.7, 4.4, -4.2, 6.3, -6.9, 9.2, -8.6, 0.13, 0.07];
/** Far values, up to 1e6 as the checker's sampler: sqrt(x - 10) and ln(x^2 - 100) live only out there. */
const FAR_VALUES: readonly number[] = [12.3, -13.7, 25.1, -31.4, 103.7, -97.3, 1003.1, -1234.5, 10007.3, -23456.1, 310007.7, -770001.3];

/** Deterministic sample points over the variables: point i gives variable k a value shifted by k. */
export function samplePoints(vars: readonly string[], wide: boolean | 'far' = false): Array<Record<string, number>> {
  const values = wide === 'far' ? [...WIDE_VALUES, ...FAR_VALUES] : wide ? [...SAMPLE_VALUES, ...WIDE_VALUES] : SAMPLE_VALUES;
  return values.map((_, i) => {
    const p: Record<string, number> = {};
    vars.forEach((v, k) => {
      p[v] = values[(i + 5 * k) % values.length] as number;
    });
    return p;
  });
}

/** The sample points where every listed tree is finite (real): where a question's statements make sense. */
export function finitePoints(nodes: readonly Expr[], points: ReadonlyArray<Record<string, number>>): Array<Record<string, number>> {
  const fs = nodes.map(compileExpr);
  return points.filter((p) => fs.every((f) => Number.isFinite(f(p))));
}

/**
 * Points where every tree is real: the standard sample points, widened to larger values only when fewer
 * than `enough` of those work (asin(x/5) lives further out), so the usual case evaluates 12 points, not 22.
 */
export function domainPoints(nodes: readonly Expr[], vars: readonly string[], enough = 6): Array<Record<string, number>> {
  const pts = finitePoints(nodes, samplePoints(vars));
  if (pts.length >= enough) return pts;
  const wide = finitePoints(nodes, samplePoints(vars, true));
  return wide.length > 0 ? wide : finitePoints(nodes, samplePoints(vars, 'far'));
}
