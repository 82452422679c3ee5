/**
 * The reveal on the projector: the answer, the worked derivation appearing step by step, and what the class
 * did: "12 of 30 forgot the inner derivative".
 */
import type { RevealStats } from '../../../../shared/protocol';
import { toPublicQuestion } from '../../../../shared/questions/public';
import { h, mountScreen, prefersReducedMotion } from '../../app/dom';
import { mountView, renderMath } from '../../app/math';
import { mistakeName } from '../../app/mistakes';
import type { QuestionView } from '../../views/contract';
import { answerText } from '../answer-text';
import { workedSolution } from '../solution';
import type { HostContext, HostScreen } from './host-phases';

/** Mounts the reveal phase. */
export function renderHostReveal(ctx: HostContext): HostScreen {
  const v = ctx.view;
  if (v.phase !== 'reveal') throw new Error('renderHostReveal outside the reveal phase');
  const q = v.question;
  const prompt = h('div', { class: 'prompt' });
  renderMath(prompt, q.prompt.latex, true, q.prompt.text);
  const answer = h('span', { class: 'big' });
  answerText(answer, q);
  const viewHost = h('div', { class: 'view-host', hidden: true, style: 'min-height:30vh' });
  let view: QuestionView | null = null;
  let destroyed = false;
  const nextBtn = h('button', { type: 'button', class: 'primary', id: 'next-button', onclick: () => void ctx.advance('next') },
    v.index + 1 >= v.total ? 'Final results ▶' : 'Next ▶');
  mountScreen('projector', h('div', { class: 'page wide', id: 'host-reveal' },
    h('div', { class: 'host-top' }, h('span', { class: 'pill big' }, `Question ${v.index + 1} of ${v.total}: the answer`), nextBtn),
    h('div', { class: 'grid-2 host-reveal-grid', style: 'grid-template-columns: 1.3fr 1fr; gap: 2.5vw; flex: 1' },
      h('div', { class: 'stack' }, prompt,
        h('div', { class: 'feedback right row' }, h('span', { class: 'verdict right' }, h('span', { class: 'icon' }, '✓'), 'Answer'), answer),
        viewHost),
      h('div', { class: 'stack' }, classStats(v.stats), h('h2', { style: 'margin:1vh 0 0' }, 'Worked solution'),
        workedSolution(q.steps, { stepMs: 900 })))));
  nextBtn.focus();
  void mountView(viewHost, toPublicQuestion(q), { mode: 'projector', reducedMotion: prefersReducedMotion() }).then((qv) => {
    if (destroyed) return qv?.destroy();
    view = qv;
    if (qv) {
      viewHost.hidden = false;
      qv.resize();
      qv.update({ revealed: q });
    }
  });
  return { update: () => undefined, destroy: () => ((destroyed = true), view?.destroy()) };
}

/** The class's results: right count, per-layer right counts, the mistake histogram. */
function classStats(s: RevealStats): HTMLElement {
  const total = Math.max(1, s.players);
  const row = (label: string, count: number, cls: string, attrs: Record<string, string> = {}): HTMLElement =>
    h('div', { class: 'bar-row', ...attrs },
      h('span', {}, label),
      h('div', { class: `bar ${cls}`, style: `width:${Math.round((count / total) * 100)}%`, 'aria-hidden': 'true' }),
      h('strong', {}, `${count}`));
  const wrong = s.mistakes.filter((m) => m.count > 0);
  return h('section', { class: 'card stack', id: 'class-stats' },
    h('h2', {}, `${s.correct} of ${s.players} got it right`),
    h('p', { class: 'muted' }, `${s.answered} answered`),
    h('div', { class: 'histogram' },
      row('✓ Right', s.correct, 'right'),
      s.layerCorrect.map((n, i) => row(`✓ Layer ${i + 1}`, n, 'right')),
      wrong.map((m) => row(`✗ ${m.mistake === null ? 'other mistakes' : mistakeName(m.mistake)}`, m.count, '', { 'data-mistake': m.mistake ?? 'other' }))),
    wrong.length > 0
      ? h('ul', { class: 'mistake-sentences', id: 'mistake-sentences' }, wrong.map((m) =>
        h('li', { class: 'big' }, `${m.count} of ${s.players} ${m.mistake === null ? 'made another mistake' : mistakeName(m.mistake)}`)))
      : null);
}
