/**
 * The worked derivation: each step's words and KaTeX, appearing one after another (all at once when the
 * player prefers reduced motion).
 */
import type { Step } from '../../../shared/questions/types';
import { h, prefersReducedMotion } from '../app/dom';
import { renderMath } from '../app/math';

/** A list of the steps; with `animate`, each appears `stepMs` after the previous one. */
export function workedSolution(steps: readonly Step[], opts: { animate?: boolean; stepMs?: number } = {}): HTMLElement {
  const list = h('ol', { class: 'steps', 'aria-label': 'Worked solution' });
  const animate = (opts.animate ?? true) && !prefersReducedMotion();
  steps.forEach((step, i) => {
    const math = h('div', { class: 'step-math' });
    if (step.latex) renderMath(math, step.latex, true);
    const li = h('li', { 'data-step': i }, step.text ? h('div', { class: 'step-text' }, step.text) : null, math);
    if (animate) {
      li.classList.add('anim-in');
      li.style.animationDelay = `${i * (opts.stepMs ?? 700)}ms`;
    }
    list.append(li);
  });
  return list;
}
