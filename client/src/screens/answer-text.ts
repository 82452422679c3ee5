/** The correct answer of a revealed question, drawn as maths: expression, number (3 s.f.), vector or matrix. */
import type { Question } from '../../../shared/questions/types';
import { formatValue } from '../app/format';
import { loadMath } from '../app/math';
import { answerLatex } from './answer-latex';

/** Fills `el` with the question's answer (plain text until KaTeX has loaded). */
export function answerText(el: HTMLElement, q: Pick<Question, 'answer'>): void {
  const a = q.answer;
  el.textContent = a.expr ?? (a.matrix ? JSON.stringify(a.matrix) : a.value !== undefined ? formatValue(a.value) : '');
  loadMath().then(
    (m) => {
      const tex = answerLatex(a);
      if (tex !== null) m.renderLatex(el, tex, { display: false });
    },
    () => undefined,
  );
}
