/** The correct answer of a revealed question, drawn as maths (expression), numbers (3 s.f.) or a matrix. */
import type { Question } from '../../../shared/questions/types';
import { formatValue } from '../app/format';
import { renderExpr, renderMath } from '../app/math';

/** Fills `el` with the question's answer. */
export function answerText(el: HTMLElement, q: Pick<Question, 'answer'>): void {
  const a = q.answer;
  if (a.expr !== undefined) renderExpr(el, a.expr);
  else if (a.matrix) {
    const rows = a.matrix.map((r) => r.map((c) => String(c)).join(' & ')).join(' \\\\ ');
    renderMath(el, `\\begin{bmatrix} ${rows} \\end{bmatrix}`, false, JSON.stringify(a.matrix));
  } else if (a.value !== undefined) el.textContent = formatValue(a.value);
}
