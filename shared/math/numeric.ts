import { compile, evaluateSnapped } from './compile';
import { parseAnswer } from './safe-parse';

/** The rule for typed numbers, for the UI to show next to a number input (docs/answer-checking.md#rule-5-numbers). */
export const NUMERIC_RULE_TEXT =
  'A number is right when it matches the exact value to 3 significant figures (for -0.049744 type -0.0497); ' +
  'more correct digits are fine, and so are forms like 1/4 or 2e-3.';

export const SIGNIFICANT_FIGURES = 3;

/**
 * True when `given` agrees with `exact` to three significant figures: within half a unit of the third
 * significant digit of the exact value. More digits that are right stay inside that interval, so they pass.
 */
export function numbersAgree(given: number, exact: number): boolean {
  if (!Number.isFinite(given) || !Number.isFinite(exact)) return false;
  if (exact === 0) return Math.abs(given) < 1e-12;
  const unit = Math.pow(10, Math.floor(Math.log10(Math.abs(exact))) - (SIGNIFICANT_FIGURES - 1));
  return Math.abs(given - exact) <= 0.5 * unit * (1 + 1e-9);
}

/** Shows a number the way a person would write it (4 significant figures, no float noise). */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'undefined' : v > 0 ? 'infinity' : '-infinity';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}

export type NumberResult = { ok: true; value: number } | { ok: false; error: string };

/**
 * Reads a typed number: a JS number, or a string such as "-0.0497", "1/4", "2e-3", "sqrt(2)/2" through the
 * safe parser with no variables allowed. Never throws.
 */
export function readNumber(input: unknown): NumberResult {
  if (typeof input === 'number') {
    return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, error: 'That is not a finite number.' };
  }
  const parsed = parseAnswer(input, []);
  if (!parsed.ok) return parsed;
  const value = compile(parsed.expr, new Map())(new Float64Array(0));
  if (!Number.isFinite(value)) return { ok: false, error: 'That value is undefined or too large.' };
  return { ok: true, value };
}

/**
 * The exact value of a stored answer expression at a point, float noise snapped to 0 (cos'(π) = -1.2e-16 is
 * stored as 0, so a typed 0 is right). `fallback` when the expression cannot be read by the answer parser.
 */
export function exactValueAt(src: string, point: Readonly<Record<string, number>>, fallback: number): number {
  const names = Object.keys(point);
  const parsed = parseAnswer(src, names, { maxChars: 4000, maxDepth: 60 });
  if (!parsed.ok) return fallback;
  const index = new Map(names.map((n, i) => [n, i]));
  return evaluateSnapped(compile(parsed.expr, index), Float64Array.from(names, (n) => point[n] as number));
}
