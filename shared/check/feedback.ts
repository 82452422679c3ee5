import type { Comparison } from '../math/equivalence';
import { formatNumber } from '../math/numeric';

/**
 * Feedback sentences shared by the verdict builders. They are read by students in a timed game: short,
 * concrete, and never blaming the input format when the math is the problem.
 */
export const GENERIC_FEEDBACK = {
  sign: 'Your answer has the wrong sign: check each minus sign (the derivative of cos, of 1/u and of e^(-u) each bring one).',
  reciprocal: 'You gave the reciprocal of the answer (dx/dy instead of dy/dx?).',
  composed:
    "You put the inner derivative inside the outer derivative, f'(g'(x)); the chain rule multiplies: f'(g(x)) · g'(x).",
  transposed: 'Your matrix is transposed: row i holds the derivatives of output i, column j those with respect to input j.',
} as const;

export function correctFeedback(expected: string): string {
  return `Correct: equivalent to ${expected}.`;
}

/** "x = 0.7, y = -1.2" for the drawn (not derived) variables of a point. */
export function describePoint(names: readonly string[], index: ReadonlyMap<string, number>, point: Float64Array): string {
  return names.map((n) => `${n} = ${formatNumber(point[index.get(n) as number] as number)}`).join(', ');
}

/** The neutral hint when no known mistake matches: where the two differ and by how much. */
export function mismatchFeedback(where: string, diff: Extract<Comparison, { equal: false }>): string {
  if (diff.ratio !== undefined && Number.isFinite(diff.ratio)) {
    return `Close: your answer is ${formatNumber(diff.ratio)} times the expected one everywhere, so a constant factor is off (check the coefficients the inner derivatives bring).`;
  }
  const yours = Number.isFinite(diff.given) ? `yours gives ${formatNumber(diff.given)}` : 'yours is undefined there';
  return `Not equivalent to the expected answer; compare at ${where}: ${yours}, expected ${formatNumber(diff.expected)}.`;
}
