/**
 * A verdict's feedback as a person reads it: the checker writes its maths in typed notation ("you wrote 4*x^2,
 * the derivative is 8*x", "compare at x = -0.223"), the rest of the screen is typeset, so each run of maths in
 * the sentence is typeset too (as `renderExpr` reads it; a run it cannot read stays as typed) and the words stay
 * words.
 */
import { h } from '../app/dom';
import { renderExpr } from '../app/math';

/** A word that is maths on its own: operators, powers, calls, or a number glued to a letter ("2x"). */
const MATHY = /[\^*/]|\d[a-zA-Z]|[a-zA-Z]\(|^\(.*\)$/;
/** An operator standing alone between two terms ("x = -0.2", "u + 1"). */
const OPERATOR = /^(=|\+|-|−|·|\*|\/|<|>|≤|≥)$/;
const RELATION = /^(=|<|>|≤|≥)$/;
/** A short term an operator joins into the run: a number, a variable, a short expression. */
const TERM = /^[\w.\-−()^*/]{1,12}$/;
/** Punctuation that ends a sentence or clause, kept outside the typeset run. */
const TRAIL = /[.,;:!?]+$/;

interface Token {
  text: string;
  trail: string;
  math: boolean;
}

/** A paragraph with the feedback's maths typeset. */
export function feedbackElement(text: string, attrs: Record<string, string> = {}): HTMLElement {
  const tokens: Token[] = text.split(/\s+/).filter((w) => w !== '').map((w) => {
    const trail = TRAIL.exec(w)?.[0] ?? '';
    const core = trail && trail !== w ? w.slice(0, -trail.length) : w;
    return { text: core, trail: core === w ? '' : trail, math: MATHY.test(core) && !core.includes("'") };
  });
  // An operator makes maths of the terms on either side of it, and of itself.
  tokens.forEach((t, i) => {
    if (!OPERATOR.test(t.text)) return;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (!before || !after || before.trail || !TERM.test(before.text) || !TERM.test(after.text)) return;
    before.math = true;
    t.math = true;
    after.math = true;
  });
  const p = h('p', { class: 'feedback-text', ...attrs });
  let run: string[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const span = h('span', { class: 'feedback-math' });
    // Expressions are typeset one by one; a relation between them ("x = -0.2") is not an expression.
    let side: string[] = [];
    const sideDone = (): void => {
      if (side.length === 0) return;
      const el = h('span', {});
      renderExpr(el, side.join(' '));
      span.append(el);
      side = [];
    };
    for (const t of run) {
      if (RELATION.test(t)) {
        sideDone();
        span.append(` ${t} `);
      } else side.push(t);
    }
    sideDone();
    p.append(span);
    run = [];
  };
  tokens.forEach((t, i) => {
    if (i > 0 && run.length === 0) p.append(' ');
    if (t.math) {
      run.push(t.text);
      if (t.trail || !tokens[i + 1]?.math) {
        flush();
        if (t.trail) p.append(t.trail);
      }
      return;
    }
    p.append(t.text + t.trail);
  });
  flush();
  return p;
}
