/**
 * A verdict's feedback as a person reads it: the checker writes its maths in typed notation inside sentences,
 * the rest of the screen is typeset, so each run of maths (feedback-pieces.ts) is typeset too and the words stay
 * words. A run the expression printer cannot read (a derivative name, a prime) is set by notationTex; one that
 * neither reads stays as typed.
 */
import { h } from '../app/dom';
import { renderNotation } from '../app/math';
import { feedbackPieces } from './feedback-pieces';

/** A paragraph with the feedback's maths typeset. */
export function feedbackElement(text: string, attrs: Record<string, string> = {}): HTMLElement {
  const p = h('p', { class: 'feedback-text', ...attrs });
  for (const piece of feedbackPieces(text)) {
    if (piece.kind === 'text') {
      p.append(piece.text);
      continue;
    }
    const span = h('span', { class: 'feedback-math' });
    piece.sides.forEach((side, i) => {
      if (i > 0) span.append(` ${piece.relations[i - 1] ?? ''} `);
      const el = h('span', {});
      renderNotation(el, side);
      span.append(el);
    });
    p.append(span);
  }
  return p;
}
