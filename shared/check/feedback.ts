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

/** When no point could decide: the answer is not accepted, and the student is told what to simplify. */
export const UNDECIDABLE_FEEDBACK = {
  imprecise: 'Your answer has huge terms that cancel, so it cannot be checked precisely: simplify it and submit again.',
  overflow: 'Part of your answer overflows (a number too large or too small to compute, such as 9^999): simplify it.',
} as const;

/** The refusal when an expected answer cannot be sampled; solveTask refuses such tasks before a round starts. */
export const UNSAMPLABLE = 'This question cannot be checked: its answer is defined (as a real number) at too few points.';

export function correctFeedback(expected: string): string {
  return `Correct: equivalent to ${expected}.`;
}

/** "x = 0.7, y = -1.2" for the drawn (not derived) variables of a point; "" when there are none (a constant). */
export function describePoint(names: readonly string[], index: ReadonlyMap<string, number>, point: Float64Array): string {
  return names
    .filter((n) => index.has(n) && (index.get(n) as number) < point.length)
    .map((n) => `${n} = ${formatNumber(point[index.get(n) as number] as number)}`)
    .join(', ');
}

/**
 * Two numbers shown with enough significant digits to tell them apart (10.64 vs 10.64 becomes 10.6401 vs
 * 10.6399), at least 4 and at most 17.
 */
export function formatPair(a: number, b: number): [string, string] {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return [formatNumber(a), formatNumber(b)];
  for (let digits = 4; digits <= 17; digits++) {
    const x = formatDigits(a, digits);
    const y = formatDigits(b, digits);
    if (x !== y) return [x, y];
  }
  return [formatDigits(a, 17), formatDigits(b, 17)];
}

function formatDigits(v: number, digits: number): string {
  if (digits <= 4) return formatNumber(v);
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e6 || abs < 1e-4) return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(digits)));
}

/** The neutral hint when no known mistake matches: where the two differ and by how much. */
export function mismatchFeedback(where: string, diff: Extract<Comparison, { equal: false }>): string {
  if (diff.ratio !== undefined && Number.isFinite(diff.ratio)) {
    return `Close: your answer is ${formatPair(diff.ratio, 1)[0]} times the expected one everywhere, so a constant factor is off (check the coefficients the inner derivatives bring).`;
  }
  const [yours, expected] = formatPair(diff.given, diff.expected);
  const gives = Number.isFinite(diff.given) ? `yours gives ${yours}` : 'yours is undefined there';
  const at = where === '' ? '' : `; compare at ${where}`;
  return `Not equivalent to the expected answer${at}: ${gives}, expected ${expected}.`;
}
