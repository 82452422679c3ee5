import { formatNumber, numbersAgree } from '../math/numeric';
import type { Question } from '../questions/types';
import { GENERIC_FEEDBACK } from './feedback';
import { flat, readNumbers, shapeOf, transpose, valueToGrid, type NumGrid } from './numbers';
import type { AnswerInput, MistakeCode, Verdict } from './types';

/**
 * Numeric answers (backprop, gradient flow, implicit at a point): right when every entry agrees with the
 * exact value to three significant figures. A vector may be typed as a row or a column; a transposed
 * matrix is named `wrong-order`.
 */
export function checkValueAnswer(q: Question, answer: AnswerInput): Verdict {
  const exact = valueToGrid(q.answer.value as number | number[] | number[][]);
  const read = readNumbers(answer);
  if (!read.ok) return { correct: false, error: read.error };
  const given = read.grid;
  const aligned = align(given, exact);
  if (aligned === null) {
    const named = matchDistractor(q, given);
    if (named) return named;
    if (sameShape(transposeGrid(given), exact) && gridsAgree(transposeGrid(given), exact)) {
      return { correct: false, mistake: 'wrong-order', feedback: GENERIC_FEEDBACK.transposed };
    }
    return { correct: false, mistake: null, feedback: `The answer has ${shapeOf(exact)}; yours has ${shapeOf(given)}.` };
  }
  if (gridsAgree(aligned, exact)) return { correct: true, feedback: `Correct: ${describe(exact)}.` };
  return diagnose(q, aligned, exact);
}

function matchDistractor(q: Question, given: NumGrid): Verdict | null {
  for (const d of q.distractors ?? []) {
    if (d.value === undefined) continue;
    const g = valueToGrid(d.value);
    const a = align(given, g);
    if (a && gridsAgree(a, g)) return { correct: false, mistake: d.mistake, feedback: d.feedback };
  }
  return null;
}

function diagnose(q: Question, given: NumGrid, exact: NumGrid): Verdict {
  const named = matchDistractor(q, given);
  if (named) return named;
  const generic: Array<[MistakeCode, string, NumGrid]> = [
    ['sign-error', GENERIC_FEEDBACK.sign, mapGrid(exact, (v) => -v)],
    ['reciprocal', GENERIC_FEEDBACK.reciprocal, mapGrid(exact, (v) => 1 / v)],
  ];
  if (exact.rows.length > 1 && sameShape(transposeGrid(exact), exact)) {
    generic.push(['wrong-order', GENERIC_FEEDBACK.transposed, transposeGrid(exact)]);
  }
  for (const [mistake, feedback, g] of generic) {
    if (flat(g).some((v) => v !== 0) && gridsAgree(given, g)) return { correct: false, mistake, feedback };
  }
  const wrongAt = flat(given).findIndex((v, i) => !numbersAgree(v, flat(exact)[i] as number));
  const which = flat(exact).length > 1 ? ` (entry ${wrongAt + 1} in reading order)` : '';
  return { correct: false, mistake: null, feedback: `Not within 3 significant figures of the exact value${which}.` };
}

/**
 * The given grid in the exact one's shape, or null when the shapes cannot be the same answer. A flat list
 * (or a single number) fits a row or a column; a 2-D row never fits a 2-D column: that is a transposition.
 */
function align(given: NumGrid, exact: NumGrid): NumGrid | null {
  if (sameShape(given, exact)) return given;
  const isLine = (g: NumGrid): boolean => g.vector || g.rows.length === 1 || (g.rows[0]?.length ?? 0) === 1;
  const flexible = given.vector || exact.vector || flat(given).length === 1;
  if (flexible && isLine(given) && isLine(exact) && flat(given).length === flat(exact).length) {
    const values = flat(given);
    let k = 0;
    return { rows: exact.rows.map((r) => r.map(() => values[k++] as number)), vector: exact.vector };
  }
  return null;
}

function sameShape(a: NumGrid, b: NumGrid): boolean {
  return a.rows.length === b.rows.length && (a.rows[0]?.length ?? 0) === (b.rows[0]?.length ?? 0);
}

function gridsAgree(a: NumGrid, b: NumGrid): boolean {
  const fb = flat(b);
  const fa = flat(a);
  return fa.length === fb.length && fa.every((v, i) => numbersAgree(v, fb[i] as number));
}

function transposeGrid(g: NumGrid): NumGrid {
  return { rows: transpose(g.rows), vector: false };
}

function mapGrid(g: NumGrid, f: (v: number) => number): NumGrid {
  return { rows: g.rows.map((r) => r.map(f)), vector: g.vector };
}

function describe(g: NumGrid): string {
  const f = flat(g);
  if (f.length === 1) return formatNumber(f[0] as number);
  return g.vector || g.rows.length === 1
    ? `[${f.map(formatNumber).join(', ')}]`
    : `[${g.rows.map((r) => `[${r.map(formatNumber).join(', ')}]`).join(', ')}]`;
}
