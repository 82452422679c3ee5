/**
 * The worked derivation (phone reveal, solo feedback): each step's words and KaTeX, appearing one after another
 * (all at once when the player prefers reduced motion). A step's `prose` (words with its maths as `\( … \)`) is
 * typeset; older steps without it fall back to their plain text.
 */
import type { Step } from '../../../shared/questions/types';
import { h, prefersReducedMotion } from '../app/dom';
import { renderMath } from '../app/math';
import { prosePieces } from '../app/prose';
import { fitWide } from '../input/phone-layout';

/** Words with inline maths: text stays text, each `\( … \)` is typeset. */
export function proseElement(prose: string): HTMLElement {
  const el = h('div', { class: 'step-text' });
  for (const piece of prosePieces(prose)) {
    if ('text' in piece) {
      el.append(piece.text);
      continue;
    }
    // An inline-block as wide as the line at most: a formula longer than the phone's width shrinks to the line
    // (fitWide) instead of pushing its step past the screen; KaTeX cannot break inside brackets.
    const math = h('span', { class: 'prose-math' });
    renderMath(math, piece.latex, false);
    el.append(piece.after ? h('span', { class: 'prose-math-run' }, math, piece.after) : math);
    fitWide(math, el);
  }
  return el;
}

/** A list of the steps; with `animate`, each appears `stepMs` after the previous one. */
export function workedSolution(steps: readonly Step[], opts: { animate?: boolean; stepMs?: number } = {}): HTMLElement {
  const list = h('ol', { class: 'steps', 'aria-label': 'Worked solution' });
  const animate = (opts.animate ?? true) && !prefersReducedMotion();
  steps.forEach((step, i) => {
    const math = h('div', { class: 'step-math' });
    // Inline mode with \displaystyle: looks like display maths but breaks after a top-level = or ⇒ or operator,
    // so a long step wraps within a phone's width instead of running off its box; fitWide shrinks what cannot.
    if (step.latex) renderMath(math, `\\displaystyle ${step.latex}`, false, step.text);
    fitWide(math);
    const words = step.prose ? proseElement(step.prose) : step.text ? h('div', { class: 'step-text' }, step.text) : null;
    const li = h('li', { 'data-step': i }, words, math);
    if (animate) {
      li.classList.add('anim-in');
      li.style.animationDelay = `${i * (opts.stepMs ?? 700)}ms`;
    }
    list.append(li);
  });
  return list;
}
