/** The correct answer of a revealed question, drawn as maths: expression, number (3 s.f.), vector or matrix. */
import type { Question } from '../../../shared/questions/types';
import { formatValue } from '../app/format';
import { loadMath } from '../app/math';
import { answerLatex } from './answer-latex';
import { h } from '../app/dom';
import { fitWide } from '../input/phone-layout';

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

/**
 * "The answer:" and the answer below it, on a phone or a laptop. A long derivative breaks between its factors; a
 * factor wider than the screen (a fraction, a deep nesting) shrinks to 60 %, then scrolls sideways inside its own
 * box, never the page.
 */
export function answerLine(q: Pick<Question, 'answer'>): HTMLElement {
  const math = h('div', { class: 'answer-math' });
  answerText(math, q);
  fitWide(math);
  return h('div', { class: 'answer-line' }, h('span', {}, 'The answer:'), math);
}
