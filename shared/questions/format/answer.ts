import type { Answer } from '../types';
import { toTex } from '../calculus/differentiate';
import { fmtNum, fmtValue, texNum, texValue } from './number';
import { escapeLatexText } from './latex';

/** Answers for worksheets and the terminal: more figures than a step shows, since this is the key. */
export const ANSWER_SIG_FIGS = 6;

function exprTex(expr: string): string {
  try {
    return toTex(expr);
  } catch {
    // An expression our own printer cannot read is still shown, verbatim, rather than breaking the worksheet.
    return `\\texttt{${escapeLatexText(expr)}}`;
  }
}

/** The answer as plain text: an expression, a number/vector/matrix, or matrix rows. */
export function answerText(answer: Answer): string {
  if (answer.expr !== undefined) return answer.expr;
  if (answer.matrix !== undefined) {
    return `[${answer.matrix.map((row) => `[${row.map((c) => (typeof c === 'number' ? fmtNum(c, ANSWER_SIG_FIGS) : c)).join(', ')}]`).join(', ')}]`;
  }
  if (answer.value !== undefined) return fmtValue(answer.value, ANSWER_SIG_FIGS);
  return '';
}

/** The answer as LaTeX math (no delimiters). */
export function answerTex(answer: Answer): string {
  if (answer.expr !== undefined) return exprTex(answer.expr);
  if (answer.matrix !== undefined) {
    const rows = answer.matrix.map((row) => row.map((c) => (typeof c === 'number' ? texNum(c, ANSWER_SIG_FIGS) : exprTex(c))).join(' & '));
    return `\\begin{pmatrix} ${rows.join(' \\\\ ')} \\end{pmatrix}`;
  }
  if (answer.value !== undefined) return texValue(answer.value, ANSWER_SIG_FIGS);
  return '';
}
