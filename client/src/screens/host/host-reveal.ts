/**
 * The reveal on the projector, taught as a lesson in one 16:9 frame: first the answer and what the class did,
 * then, one key away, the worked solution one step at a time (↓ opens it and steps on, ↑ goes back), the current
 * step large and typeset, its layer lit in the diagram. There is one way forward on every slide: → / Space /
 * PageDown (a presenter clicker) and the one primary button move the game on, so a teacher who wants to move on
 * never has to read the screen to find out which key does it. The number of steps shows only inside the working.
 */
import type { Family, Question, Step } from '../../../../shared/questions/types';
import { toPublicQuestion } from '../../../../shared/questions/public';
import { h, mountScreen, prefersReducedMotion, replace } from '../../app/dom';
import { loadMath, mountView } from '../../app/math';
import type { QuestionView } from '../../views/contract';
import { answerLatex } from '../answer-latex';
import { familyLabel } from '../family-labels';
import type { HostContext, HostScreen } from './host-context';
import { classStats } from './class-stats';
import { generalMethod } from '../../../../shared/questions/general-method';
import { fitBlock, floorPx, typesetFit, typesetProse } from './fit-math';
import { bindStepKeys } from './step-keys';
import { muteButton, play } from './sound';
import { observeViewSize } from './view-size';
import { announce } from '../../app/announcer';
import { spoken, spokenAnswer } from '../../views/describe';

/** Mounts the reveal phase. */
export function renderHostReveal(ctx: HostContext): HostScreen {
  const v = ctx.view;
  if (v.phase !== 'reveal') throw new Error('renderHostReveal outside the reveal phase');
  const q = v.question;
  const variantGame = v.settings.variants === 'per-player';
  const steps = q.steps;
  let slide = 0;
  let stopFits: Array<() => void> = [];
  const prompt = h('div', { class: 'host-prompt', id: 'host-prompt' });
  // A network's reveal drops the prompt: every number it gives is on the graph, which needs the width.
  // A prompt too long for its corner at the legible floor moves above the diagram (wide drawings), and failing
  // that steps aside for the reveal: the question was on screen all round, and the diagram shows it.
  const promptTight = (): boolean => {
    if (WIDE.has(q.family) && !main.classList.contains('prompt-top')) return addClass('prompt-top');
    return addClass('no-prompt');
  };
  /** Adds a layout class to the lesson area; false when it was there already (no more room to give that way). */
  const addClass = (name: string): boolean => {
    if (main.classList.contains(name)) return false;
    main.classList.add(name);
    return true;
  };
  let stopPrompt: () => void = () => undefined;
  const viewHost = h('div', { class: 'view-host', hidden: true, id: 'host-view' });
  const panel = h('section', { class: 'slide', id: 'reveal-slide' });
  const counter = h('span', { class: 'pill', id: 'step-counter', 'data-steps': steps.length });
  const backBtn = h('button', { type: 'button', id: 'step-back', onclick: () => go(slide - 1) }, '↑ Back');
  const stepBtn = h('button', { type: 'button', id: 'step-next', onclick: () => go(slide + 1) });
  const nextBtn = h('button', { type: 'button', class: 'primary', id: 'next-button', 'aria-keyshortcuts': 'ArrowRight Space', onclick: () => void ctx.advance('next') },
    v.index + 1 >= v.total ? 'Final results ▶' : 'Next question ▶');
  let view: QuestionView | null = null;
  let destroyed = false;
  // A formula or the results that cannot fit at the legible floor get the whole lesson area for this slide:
  // the prompt and diagram step aside until the next slide (fewer things on screen at once). An answer that still
  // does not fit (a fraction or matrix no line break can split) then gets the slide's whole width, the results
  // below it. Past that the formula shrinks below the floor rather than be cut off (fit-math.ts).
  const main = h('main', { class: `reveal-main${WIDE.has(q.family) ? ' stacked' : ''}`, 'data-family': q.family },
    h('div', { class: 'reveal-left' }, q.family === 'backprop' ? null : prompt, viewHost), panel);
  const makeRoom = (): boolean => addClass('roomy') || (slide === 0 && addClass('answer-wide'));
  // The results are held by their height: the whole area helps them, the answer's full width would not.
  const statsRoom = (): boolean => addClass('roomy');
  // A diagram whose smallest label the audience sees under the floor gets a larger share of the screen, in two
  // steps (the view re-lays out after each, which sets the attribute again): a big network may need the second.
  const diagramWatch = new MutationObserver(() => {
    const px = Number(viewHost.querySelector<HTMLElement>('.cra-view')?.dataset.minLabelPx ?? '0');
    if (!(px > 0 && px < floorPx() && viewHost.clientWidth > 0)) return;
    main.classList.add(main.classList.contains('diagram-room') ? 'diagram-max' : 'diagram-room');
  });
  diagramWatch.observe(viewHost, { attributes: true, subtree: true, attributeFilter: ['data-min-label-px'] });
  if (q.family !== 'backprop') stopPrompt = typesetFit(prompt, q.prompt.latex, { fallback: q.prompt.text, onTight: promptTight });

  const lastSlide = steps.length;
  const go = (to: number): void => {
    if (to < 0 || to > lastSlide) return;
    if (to !== slide) play('step');
    slide = to;
    paint();
  };
  const paint = (): void => {
    stopFits.forEach((f) => f());
    stopFits = [];
    main.classList.remove('roomy', 'answer-wide');
    panel.classList.remove('enter');
    void panel.offsetWidth;
    if (!prefersReducedMotion()) panel.classList.add('enter');
    panel.dataset.slide = String(slide);
    if (slide === 0) paintAnswer();
    else paintStep(slide);
    counter.textContent = slide === 0 ? '' : `Step ${slide} of ${steps.length}`;
    // Styled elements (.pill, buttons) set their own display, which [hidden] alone would not override.
    counter.style.display = slide === 0 ? 'none' : '';
    backBtn.style.display = slide === 0 ? 'none' : '';
    stepBtn.style.display = slide >= lastSlide ? 'none' : '';
    stepBtn.textContent = slide === 0 ? 'Show the working ↓' : 'Next step ↓';
    view?.update({ revealed: q, noProduct: true, ...activeLayerOf(q, steps[slide - 1]) });
    // Each slide is said once as it comes (the one live region, app/announcer.ts), the answer and results first.
    const step = steps[slide - 1];
    announce(slide === 0
      ? `The answer: ${variantGame ? generalMethod(q.family).text : spokenAnswer(q.answer)}. ${v.stats.correct} of ${v.stats.players} got it right.`
      : `Step ${slide} of ${steps.length}: ${spoken(step?.text ?? '')}`);
  };
  const paintAnswer = (): void => {
    const box = h('div', { class: 'answer-box', id: 'reveal-answer' });
    const stats = classStats(v.stats, q, variantGame);
    if (variantGame) {
      // No one student's numbers are the class's answer: the general solution first, the steps then an example.
      const method = generalMethod(q.family);
      const prose = h('p', { class: 'step-prose', id: 'general-prose' });
      typesetProse(prose, method.prose);
      replace(panel,
        h('h2', {}, '✓ The general solution'),
        prose,
        box,
        h('p', { class: 'variant-note', id: 'variant-note' }, 'Variant game: every player had their own numbers. The working that follows is one student\'s variant, for example.'),
        stats);
      stopFits.push(fitBlock(stats, statsRoom), typesetFit(box, method.latex, { fallback: method.text, onTight: makeRoom }));
      return;
    }
    replace(panel, h('h2', {}, '✓ The answer'), box, stats);
    stopFits.push(fitBlock(stats, statsRoom));
    void loadMath().then(() => {
      if (destroyed || slide !== 0) return;
      const tex = answerLatex(q.answer);
      if (tex !== null) stopFits.push(typesetFit(box, tex, { onTight: makeRoom }));
    });
  };
  const paintStep = (k: number): void => {
    const step = steps[k - 1];
    if (!step) return;
    const prose = h('p', { class: 'step-prose', id: 'step-prose' });
    typesetProse(prose, step.prose ?? '');
    const formula = h('div', { class: 'step-formula', id: 'step-formula' });
    replace(panel,
      h('div', { class: 'step-count' }, h('h2', {}, `Step ${k} of ${steps.length}`),
        variantGame ? h('span', { class: 'variant-tag', id: 'variant-tag' }, 'For example, one student\'s variant') : null,
        h('div', { class: 'step-dots', 'aria-hidden': 'true' }, steps.map((_, i) => h('span', { class: i < k ? 'on' : null })))),
      step.prose ? prose : null,
      formula);
    stopFits.push(typesetFit(formula, step.latex, { fallback: step.text, onTight: makeRoom }));
  };

  const unbind = bindStepKeys({ next: () => void ctx.advance('next'), back: () => go(slide - 1), down: () => go(slide + 1), up: () => go(slide - 1) });
  mountScreen('projector', h('div', { class: 'host-shell', id: 'host-reveal' },
    h('header', { class: 'host-bar top' },
      h('div', { class: 'host-kicker' },
        h('span', { class: 'pill' }, `Question ${v.index + 1} of ${v.total}`),
        h('span', { class: 'muted' }, familyLabel(q.family)),
        variantGame ? h('span', { class: 'pill', id: 'variant-pill' }, 'Variant game') : null),
      counter),
    // Wide drawings (a chain of boxes, a network, a gradient's layers) get a full-width strip above the lesson;
    // square ones (trees, matrices, curves) sit beside it.
    main,
    h('footer', { class: 'host-bar bottom', id: 'host-controls' }, nextBtn, stepBtn, backBtn,
      h('span', { class: 'muted', id: 'reveal-keys' }, '→ next · ↓ working · ↑ back · M sound'), h('span', { class: 'spacer' }), muteButton())));
  paint();
  play('reveal');
  nextBtn.focus();
  const stopObserve = observeViewSize(viewHost, () => view?.resize());
  void mountView(viewHost, toPublicQuestion(q), { mode: 'projector', reducedMotion: prefersReducedMotion() }).then((qv) => {
    if (destroyed) return qv?.destroy();
    view = qv;
    if (qv) {
      viewHost.hidden = false;
      qv.resize();
      qv.update({ revealed: q, noProduct: true, ...activeLayerOf(q, steps[slide - 1]) });
    }
  });
  return {
    update: () => undefined,
    destroy: () => {
      destroyed = true;
      diagramWatch.disconnect();
      unbind();
      stopPrompt();
      stopFits.forEach((f) => f());
      stopObserve();
      view?.destroy();
    },
  };
}

const WIDE = new Set<Family>(['chain', 'nested', 'higher-order', 'activation', 'backprop', 'gradient-flow']);

/** The chain layer a worked step is about (lit in the diagram), if it is about one. */
function activeLayerOf(q: Question, step: Step | undefined): { activeLayer?: number; activePath?: number } {
  if (step?.layer !== undefined && q.layers) return { activeLayer: step.layer };
  if (step?.path !== undefined && q.paths) return { activePath: step.path };
  return {};
}
