/**
 * A verdict's feedback as a person reads it: the checker writes its maths in typed notation ("you wrote 4*x^2,
 * the derivative is 8*x"), the rest of the screen is typeset, so each run of maths in the sentence is typeset
 * too (as `renderExpr` reads it; a run it cannot read stays as typed) and the words stay words.
 */
import { h } from '../app/dom';
import { renderExpr } from '../app/math';

/** A word that is maths: operators, powers, calls, or a number glued to a letter ("2x"). */
const MATHY = /[\^*/=]|\d[a-zA-Z]|[a-zA-Z]\(|^\(.*\)$|^[+\-−·]$/;
/** Punctuation that ends a sentence or clause, kept outside the typeset run. */
const TRAIL = /[.,;:!?]+$/;

/** A paragraph with the feedback's maths typeset. */
export function feedbackElement(text: string, attrs: Record<string, string> = {}): HTMLElement {
  const p = h('p', { class: 'feedback-text', ...attrs });
  const words = text.split(/(\s+)/);
  let run: string[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const expr = run.join(' ');
    const span = h('span', { class: 'feedback-math' });
    renderExpr(span, expr);
    p.append(span);
    run = [];
  };
  for (const w of words) {
    if (/^\s+$/.test(w)) {
      if (run.length === 0) p.append(w);
      continue;
    }
    const trail = TRAIL.exec(w)?.[0] ?? '';
    const core = trail ? w.slice(0, -trail.length) : w;
    // After an operator ("x^2 +"), the next short term belongs to the same run ("1", "x").
    const continues = run.length > 0 && /^[+\-−·*/=]$/.test(run[run.length - 1] ?? '') && /^[\w.]{1,6}$/.test(core);
    if (core !== '' && (MATHY.test(core) || continues) && !/'/.test(core)) {
      run.push(core);
      if (trail) {
        flush();
        p.append(trail);
      }
      continue;
    }
    if (run.length > 0) {
      flush();
      p.append(' ');
    }
    p.append(w);
  }
  flush();
  return p;
}
