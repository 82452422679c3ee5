/**
 * The reveal on every party page: the worked solution one step at a time beside the diagram (as the projector
 * teaches it: ← / → step, the step's layer lit), and alongside it your verdict, the answer, the group's results,
 * the drill's explain-it prompt and the Ready signal that stands in for a big screen. The creator also has
 * Next; the game moves on by itself once every connected player is ready.
 */
import type { Question, Step } from '../../../../shared/questions/types';
import { toPublicQuestion } from '../../../../shared/questions/public';
import { h, mountScreen, replace, verdictBadge } from '../../app/dom';
import { announce } from '../../app/announcer';
import { spoken } from '../../views/describe';
import { loadMath } from '../../app/math';
import { answerLatex } from '../answer-latex';
import { explainPromptBox } from '../explain-prompt';
import { familyLabel } from '../family-labels';
import { typesetFit, typesetProse } from '../host/fit-math';
import { bindStepKeys } from '../host/step-keys';
import { endButton, groupList, partyShell, type PartyContext, type PartyScreen } from './party-shell';
import { diagramSlot, type PartyDiagram } from './party-diagram';
import { readyPanel } from './party-ready';
import { ownResult, type RevealResult } from '../reveal-result';

export function renderPartyReveal(ctx: PartyContext): PartyScreen {
  const s = ctx.state;
  if (s.phase !== 'reveal') throw new Error('renderPartyReveal outside the reveal phase');
  const q = s.question;
  const steps = q.steps;
  let step = steps.length > 0 ? 1 : 0;
  let stopFits: Array<() => void> = [];
  const viewHost = h('div', { class: 'view-host', id: 'party-view' });
  const slide = h('section', { class: 'slide party-slide', id: 'reveal-slide' });
  const backBtn = h('button', { type: 'button', id: 'step-back', onclick: () => go(step - 1) }, '← Back');
  const stepBtn = h('button', { type: 'button', id: 'step-next', onclick: () => go(step + 1) }, 'Next step →');
  const verdict = h('div', {});
  const group = h('div', { class: 'party-group-box' });
  const ready = readyPanel(ctx);
  let destroyed = false;

  const go = (to: number): void => {
    if (to < 1 || to > steps.length) return;
    step = to;
    paintStep();
  };
  const paintStep = (): void => {
    stopFits.forEach((f) => f());
    stopFits = [];
    const cur = steps[step - 1];
    backBtn.disabled = step <= 1;
    stepBtn.disabled = step >= steps.length;
    if (!cur) return void replace(slide, h('p', { class: 'muted' }, 'No worked solution for this question.'));
    // Each step said as it comes (the page's one live region), after the verdict on the first.
    if (step > 1) announce(`Step ${step} of ${steps.length}: ${spoken(cur.text)}`);
    const prose = h('p', { class: 'step-prose', id: 'step-prose' });
    if (cur.prose) typesetProse(prose, cur.prose);
    const formula = h('div', { class: 'step-formula', id: 'step-formula' });
    replace(slide,
      h('div', { class: 'step-count' }, h('h2', {}, `Worked solution · step ${step} of ${steps.length}`),
        h('div', { class: 'step-dots', 'aria-hidden': 'true' }, steps.map((_, i) => h('span', { class: i < step ? 'on' : null })))),
      cur.prose ? prose : null, formula,
      h('div', { class: 'row step-nav' }, backBtn, stepBtn, h('span', { class: 'muted small' }, '← / → to step')));
    stopFits.push(typesetFit(formula, cur.latex, { fallback: cur.text, minScale: 0.25 }));
    diagram.update({ revealed: q, noProduct: true, ...activeLayerOf(q, cur) });
  };
  // The player's own result waits for their `you` for this reveal, and is said once known (reveal-result.ts).
  const own = ownResult(ctx, () => paint());
  const paint = (): void => {
    const cur = ctx.state;
    if (cur.phase !== 'reveal') return;
    replace(verdict, yourVerdict(own.current()));
    replace(group, h('h2', {}, 'The group'), groupList(ctx, { results: true, ready: true }));
    ready.update();
  };
  const answerBox = h('div', { class: 'party-answer-tex', id: 'reveal-answer' });
  void loadMath().then(() => {
    if (destroyed) return;
    const tex = answerLatex(q.answer);
    if (tex !== null) stopFits.push(typesetFit(answerBox, tex, { minScale: 0.3 }));
  });
  // A network's reveal drops the prompt, as the projector's does: every number it gives is on the graph.
  const prompt = q.family === 'backprop' ? null : h('div', { class: 'party-prompt small', id: 'question-prompt' });
  const stopPrompt = prompt ? typesetFit(prompt, q.prompt.latex, { fallback: q.prompt.text, minScale: 0.3 }) : () => undefined;
  const nextBtn = ctx.isCreator
    ? h('button', { type: 'button', class: 'primary', id: 'next-button', onclick: () => void ctx.advance('next') }, s.index + 1 >= s.total ? 'Final results ▶' : 'Next ▶')
    : null;
  const slot = diagramSlot(viewHost, toPublicQuestion(q), { revealed: q, noProduct: true, ...activeLayerOf(q, steps[step - 1]) });
  const diagram: PartyDiagram = slot.diagram;
  const body = h('main', { class: 'party-play reveal' },
    h('section', { class: 'party-left' }, prompt, slot.el, slide),
    h('aside', { class: 'party-side' }, verdict,
      h('div', { class: 'party-answer-line' }, h('span', { class: 'muted' }, 'The answer'), answerBox),
      group, explainPromptBox(q), ready.el));
  mountScreen('page', partyShell('party-reveal',
    [h('span', { class: 'pill' }, `Question ${s.index + 1} of ${s.total}`), h('span', { class: 'muted family' }, familyLabel(q.family))],
    [nextBtn, endButton(ctx)], body));
  paint();
  paintStep();
  const unbind = bindStepKeys({ next: () => go(step + 1), back: () => go(step - 1) });
  return {
    update: paint,
    destroy: () => {
      own.stop();
      destroyed = true;
      unbind();
      ready.destroy();
      stopPrompt();
      stopFits.forEach((f) => f());
      diagram.destroy();
    },
  };
}

/** Your verdict beside the slide ("Your result…" until your `you` for this reveal has come). */
function yourVerdict(r: RevealResult | null): HTMLElement {
  if (r === null) return h('section', { class: 'feedback pending party-verdict', id: 'reveal-pending' }, h('span', { class: 'big muted' }, 'Your result…'));
  const a = r.answer;
  return h('section', { class: `feedback ${r.right ? 'right' : 'wrong'} party-verdict`, id: 'reveal-verdict' },
    h('span', { class: 'big' }, verdictBadge(r.right, r.words)),
    h('span', { class: 'big', id: 'my-points' }, `+${r.points}`, a?.streakBonus ? ` (streak +${a.streakBonus})` : ''),
    a?.fromDraft ? h('span', { class: 'muted', id: 'from-draft' }, 'Your unsent typing was taken at time-up.') : null);
}

/** The chain layer or path a worked step is about (lit in the diagram), if any. */
function activeLayerOf(q: Question, step: Step | undefined): { activeLayer?: number; activePath?: number } {
  if (step?.layer !== undefined && q.layers) return { activeLayer: step.layer };
  if (step?.path !== undefined && q.paths) return { activePath: step.path };
  return {};
}
