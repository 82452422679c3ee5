import type { Expr } from '../math/ast';
import { compile, evaluateSnapped } from '../math/compile';
import { readGrid } from '../math/grid';
import { parseAnswer } from '../math/safe-parse';
import type { JacobianTask, Question } from '../questions/types';
import { correctFeedback, describePoint, GENERIC_FEEDBACK, mismatchFeedback, UNDECIDABLE_FEEDBACK, UNSAMPLABLE } from './feedback';
import { judgeFor, parseTrusted, type JudgeKey } from './judges';
import { transpose } from './numbers';
import { jacobianCellVars } from './slots';
import type { AnswerInput, Verdict } from './types';
import { checkValueAnswer } from './value-answer';

type Cells = Array<Array<string | number>>;

/**
 * Jacobian answers, entry by entry. With `at` (or numeric entries) the matrix is judged like a numeric
 * answer, to three significant figures; otherwise each entry is an expression in the inner variables (the
 * outer variables may be used and are substituted). A transposed matrix, or J_g·J_f for J_f·J_g, is
 * `wrong-order`.
 */
export function checkMatrixAnswer(q: Question, answer: AnswerInput): Verdict {
  const task = q.task as JacobianTask;
  const expected = q.answer.matrix as Cells;
  if (task.at !== undefined || expected.every((r) => r.every((c) => typeof c === 'number'))) {
    const numeric = toNumbers(expected, task);
    if (numeric === null) return { correct: false, error: 'The expected matrix cannot be evaluated.' };
    const distractors = (q.distractors ?? []).flatMap((d) => {
      const value = d.matrix ? toNumbers(d.matrix, task) : null;
      return value ? [{ ...d, value }] : [];
    });
    return checkValueAnswer({ ...q, answer: { value: numeric }, distractors }, answer);
  }
  const given = readCells(answer);
  if ('error' in given) return { correct: false, error: given.error };
  // Only shapes some candidate has are worth parsing; anything else is judged by its shape alone.
  const shapes = [expected, transpose(expected), ...(q.distractors ?? []).flatMap((d) => (d.matrix ? [d.matrix] : []))];
  if (!shapes.some((m) => sameShape(given.cells, m))) {
    return { correct: false, mistake: null, feedback: `The Jacobian is ${dims(expected)}; yours is ${dims(given.cells)}.` };
  }
  return checkExprMatrix(q, task, expected, given.cells);
}

function readCells(answer: AnswerInput): { cells: Cells } | { error: string } {
  if (typeof answer === 'string') {
    const g = readGrid(answer);
    if (g === null) return { error: 'Type the matrix as rows, e.g. [[a, b], [c, d]].' };
    if ('error' in g) return g;
    const cells = g.kind === 'vector' ? [g.cells] : g.rows;
    if (cells.length > MAX_SIDE || cells.some((r) => r.length > MAX_SIDE)) return { error: 'That matrix is too large.' };
    return { cells };
  }
  if (!Array.isArray(answer) || answer.length === 0) return { error: 'Type the matrix as rows, e.g. [[a, b], [c, d]].' };
  const cells = answer.every((r) => Array.isArray(r)) ? (answer as Cells) : [answer as Array<string | number>];
  if (cells.length > MAX_SIDE || cells.some((r) => r.length > MAX_SIDE)) return { error: 'That matrix is too large.' };
  return { cells };
}

/** No Jacobian in the game is larger; bigger input is refused before any entry is parsed. */
const MAX_SIDE = 12;

function toNumbers(m: Cells, task: JacobianTask): number[][] | null {
  const index = new Map(task.innerVars.map((v, i) => [v, i]));
  const env = Float64Array.from(task.innerVars, (v) => task.at?.[v] ?? NaN);
  const scale = env.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 1);
  const rows: number[][] = [];
  for (const r of m) {
    const row: number[] = [];
    for (const c of r) {
      // Float noise in a stored entry (cos(pi/2) = 6e-17) is snapped, as for values at a point (compile.ts).
      if (typeof c === 'number') row.push(Math.abs(c) <= 1e-12 * scale ? 0 : c);
      else {
        const p = parseTrusted(c, task.innerVars);
        if (!p.ok) return null;
        row.push(evaluateSnapped(compile(p.expr, index), env));
      }
    }
    rows.push(row);
  }
  return rows;
}

function checkExprMatrix(q: Question, task: JacobianTask, expected: Cells, given: Cells): Verdict {
  const outerOverlaps = task.outerVars.some((v) => task.innerVars.includes(v));
  const subs = outerOverlaps ? undefined : Object.fromEntries(task.outerVars.map((v, i) => [v, task.inner[i] ?? 'NaN']));
  const vars = jacobianCellVars(task);
  const keyAt = (cell: string | number): JudgeKey => ({ expected: String(cell), params: task.innerVars, subs });
  const parsed: Expr[][] = [];
  for (const [r, row] of given.entries()) {
    const out: Expr[] = [];
    for (const [c, cell] of row.entries()) {
      const p = parseAnswer(typeof cell === 'number' ? String(cell) : cell, vars);
      if (!p.ok) return { correct: false, error: `Entry (${r + 1}, ${c + 1}): ${p.error}` };
      out.push(p.expr);
    }
    parsed.push(out);
  }
  const shapeOk = sameShape(parsed, expected);
  if (shapeOk) {
    const wrong = firstMismatch(parsed, expected, keyAt);
    if (wrong === null) return { correct: true, feedback: correctFeedback(formatCells(expected)) };
    const named = nameMistake(q, parsed, expected, keyAt);
    return named ?? wrong;
  }
  const named = nameMistake(q, parsed, expected, keyAt);
  if (named) return named;
  return { correct: false, mistake: null, feedback: `The Jacobian is ${dims(expected)}; yours is ${dims(parsed)}.` };
}

/** Null when every entry matches, else the verdict for the first entry that does not. */
function firstMismatch(given: Expr[][], against: Cells, keyAt: (c: string | number) => JudgeKey): Verdict | null {
  for (const [r, row] of given.entries()) {
    for (const [c, expr] of row.entries()) {
      const j = judgeFor(keyAt(against[r]?.[c] ?? 'NaN'));
      if (!j.ok) return { correct: false, error: j.error };
      if (!j.judge.usable) return { correct: false, error: `Entry (${r + 1}, ${c + 1}): ${UNSAMPLABLE}` };
      const cmp = j.judge.compare(j.judge.sampleExpr(expr));
      if (!cmp.equal && cmp.reason !== 'differ') {
        return { correct: false, mistake: null, feedback: `Entry (${r + 1}, ${c + 1}): ${UNDECIDABLE_FEEDBACK[cmp.reason]}` };
      }
      if (!cmp.equal) {
        const where = describePoint(j.judge.space.spec.params, j.judge.space.index, cmp.point);
        return { correct: false, mistake: null, feedback: `Entry (${r + 1}, ${c + 1}): ${mismatchFeedback(where, cmp)}` };
      }
    }
  }
  return null;
}

function nameMistake(q: Question, given: Expr[][], expected: Cells, keyAt: (c: string | number) => JudgeKey): Verdict | null {
  for (const d of q.distractors ?? []) {
    if (d.matrix && sameShape(given, d.matrix) && firstMismatch(given, d.matrix, keyAt) === null) {
      return { correct: false, mistake: d.mistake, feedback: d.feedback };
    }
  }
  const t = transpose(expected);
  if (expected.length > 1 || (expected[0]?.length ?? 0) > 1) {
    if (sameShape(given, t) && firstMismatch(given, t, keyAt) === null) {
      return { correct: false, mistake: 'wrong-order', feedback: GENERIC_FEEDBACK.transposed };
    }
  }
  return null;
}

function sameShape(a: readonly unknown[][], b: readonly unknown[][]): boolean {
  return a.length === b.length && a.every((r, i) => r.length === (b[i]?.length ?? -1));
}

function dims(m: readonly unknown[][]): string {
  return `${m.length}×${m[0]?.length ?? 0}`;
}

function formatCells(m: Cells): string {
  return `[${m.map((r) => `[${r.join(', ')}]`).join(', ')}]`;
}
