/**
 * The open question on a phone: the prompt, the answer panel (answer-panel.ts, the same on the party page and in
 * solo), the drawing (folded: it loads, with its game engine, only when the player opens it, so a question opens
 * without downloading anything; see player-phases.ts) with the active layer highlighted, and once answered the
 * per-layer ticks and the named mistake (never the answer: that comes at the reveal).
 */
import type { AnswerState } from '../../../../shared/protocol';
import { displayOrder, layerHeading } from '../../../../shared/questions/layer-label';
import { h, mountScreen, prefersReducedMotion, replace, verdictBadge } from '../../app/dom';
import { createCountdown } from '../../app/countdown';
import { announce } from '../../app/announcer';
import { extraLabel, ownTimer } from '../../app/extra-time';
import { mountView, renderMath } from '../../app/math';
import { mistakeTitle } from '../../app/mistakes';
import { fitWide, foldable } from '../../input/phone-layout';
import type { QuestionView, ViewState } from '../../views/contract';
import { liveAnswerPanel } from '../answer-panel';
import { watchLastSeconds } from '../last-seconds';
import { verdictWords } from '../verdict-words';
import { playerHeader, type PhaseScreen, type PlayerContext } from './player-shell';
import { feedbackElement } from '../feedback-text';

/** Mounts the question phase for ctx.state (phase 'question'). */
export function renderPlayerQuestion(ctx: PlayerContext): PhaseScreen {
  const s = ctx.state;
  if (s.phase !== 'question') throw new Error('renderPlayerQuestion outside the question phase');
  const q = s.question;
  const countdown = createCountdown(() => ctx.conn.serverNow());
  // The student's own clock: the class's plus the extra time the host gave them (server-owned, in `you`).
  countdown.set(ownTimer(s.timer, ctx.you.extraMs));
  const head = h('div', {});
  // The task is public (not the answer): exposing it lets tools and tests read the question precisely.
  const prompt = h('div', { class: 'prompt', id: 'question-prompt', 'data-family': q.family, 'data-task': JSON.stringify(q.task) });
  // Display-style maths set inline, so a prompt wider than the phone breaks where it may (after a definition,
  // a relation) before it shrinks (fitWide) or scrolls inside its box.
  renderMath(prompt, `\\displaystyle ${q.prompt.latex}`, false, q.prompt.text);
  const viewHost = h('div', { class: 'view-host' });
  // The drawing comes after the answer box (the box is above the fold), folded until the player opens it.
  const diagram = h('details', { class: 'diagram', id: 'diagram' }, h('summary', {}, 'Diagram'), viewHost);
  foldable(diagram, () => openView());
  fitWide(prompt);
  const answerArea = h('div', { class: 'stack', id: 'answer-area' });
  let view: QuestionView | null = null;
  let mounting = false;
  /** What the drawing shows, kept while it is folded so that it opens in the current state. */
  let viewState: ViewState = {};
  const showInView = (state: ViewState): void => {
    viewState = state;
    view?.update(state);
  };
  let destroyed = false;
  const layered = s.entryMode === 'layers' && (q.layers?.length ?? 0) > 1;
  let collapsedOnce = false;
  // The one answer panel (screens/answer-panel.ts): boxes, keypad, preview, Submit and the draft rule.
  const entry = liveAnswerPanel(ctx, {
    label: 'Submit answer', layerByLayer: layered,
    onActiveLayer: (layer) => showInView(layer === undefined ? {} : { activeLayer: layer }),
    onChange: () => {
      if (!collapsedOnce && diagram.open) diagram.open = false;
      collapsedOnce = true;
    },
  }, () => paint());
  let spokenDone = false;
  let wasPaused = !s.timer.running;
  const paint = (): void => {
    const cur = ctx.state;
    if (cur.phase === 'question' && cur.index === s.index) {
      countdown.set(ownTimer(cur.timer, ctx.you.extraMs));
      const paused = !cur.timer.running;
      // A pause stops the clock, not the typing: an answer sent meanwhile counts at the paused time.
      if (paused !== wasPaused && !entry.sent()) announce(paused ? 'The game is paused. You can keep typing and send your answer.' : 'The clock is running again.');
      if (!paused) entry.clearRefusal('paused');
      wasPaused = paused;
    }
    const extra = extraLabel(ctx.you.extraTime);
    replace(head, playerHeader(ctx.you, h('span', { class: 'pill' }, `Q ${s.index + 1}/${s.total}`)),
      extra ? h('p', { class: 'muted extra-note', id: 'my-extra-time' }, `Your own clock: ${extra} time`) : null);
    const answer = ctx.you.answer;
    if (answer && answer.index === s.index && answer.done) {
      entry.done();
      const panel = answeredPanel(answer);
      replace(answerArea, panel);
      showInView(marks(answer, q.layers?.length ?? 0, entry.sentLayers()));
      // The verdict first, once (docs/accessibility.md#announcements); focus follows it from the gone form.
      if (!spokenDone) {
        spokenDone = true;
        announce(`${verdictWords(answer.final)}. ${WAITING}`);
        if (!document.activeElement || document.activeElement === document.body || !document.body.contains(document.activeElement)) panel.focus({ preventScroll: true });
      }
    }
  };
  replace(answerArea, ...entry.parts);
  mountScreen('phone', h('div', { class: 'page narrow stack', id: 'player-question' },
    head, countdown.el, prompt, answerArea, diagram));
  paint();
  // `you.answer` may still be the previous question's (done) until the next `you` arrives.
  const mine = ctx.you.answer;
  if (!(mine && mine.index === s.index && mine.done)) {
    entry.form.focus();
    announce(`Question ${s.index + 1} of ${s.total}: ${q.prompt.text}`);
  }
  // The last 10 seconds: say plainly that the answer is not sent (last-seconds.ts).
  const stopWarning = watchLastSeconds(entry, 'Tap');
  // The first box is the innermost (the diagram's order, shared/questions/layer-label.ts).
  if (layered && viewState.activeLayer === undefined && viewState.layerMarks === undefined) viewState = { activeLayer: (q.layers?.length ?? 1) - 1 };
  function openView(): void {
    if (view || mounting) return view?.resize();
    mounting = true;
    void mountView(viewHost, q, { mode: 'phone', reducedMotion: prefersReducedMotion() }).then((v) => {
      if (destroyed) return v?.destroy();
      view = v;
      if (!v) diagram.hidden = true;
      v?.resize();
      v?.update(viewState);
    });
  }
  const onResize = (): void => view?.resize();
  window.addEventListener('resize', onResize);
  return {
    update: paint,
    destroy: () => {
      window.removeEventListener('resize', onResize);
      stopWarning();
      destroyed = true;
      entry.destroy();
      countdown.destroy();
      view?.destroy();
    },
  };
}

/** The player's own layer answers marked right/wrong in the drawing (typed text is only known on this page). */
function marks(answer: AnswerState, n: number, typed: Array<string | null>): { layerMarks: Array<{ expr: string; correct: boolean } | null> } {
  return { layerMarks: Array.from({ length: n }, (_, i) => {
    const v = answer.layers[i];
    const expr = typed[i];
    return v && expr ? { expr, correct: v.correct } : null;
  }) };
}

const WAITING = 'Waiting for the others… the answer and your points come at the reveal.';

/**
 * The player's own verdict: the product's first, then the boxes. A box left empty in box-by-box mode is not
 * wrong: the product alone counts (shared/scoring.ts), so it reads "product only", never "no answer".
 */
function answeredPanel(answer: AnswerState): HTMLElement {
  const final = answer.final;
  const panel = h('section', { class: `feedback ${final?.correct ? 'right' : 'wrong'} stack`, id: 'answer-verdict', tabindex: '-1' });
  if (final) {
    panel.append(h('div', { class: 'big' }, verdictBadge(final.correct, verdictWords(final))));
    if (final.feedback) panel.append(feedbackElement(final.feedback));
  } else panel.append(h('p', { class: 'big' }, 'Time is up.'));
  const boxes = boxVerdicts(answer.layers);
  if (boxes) panel.append(boxes);
  panel.append(h('p', { class: 'muted' }, WAITING));
  return panel;
}

/** Each box's verdict, innermost first; boxes left empty are the product only (one line when all are). */
function boxVerdicts(layers: AnswerState['layers']): HTMLElement | null {
  const n = layers.length;
  if (n === 0) return null;
  if (layers.every((v) => !v)) return h('p', { class: 'muted', id: 'product-only' }, 'Product only: the boxes were left empty, which costs nothing.');
  return h('ul', { class: 'steps', 'aria-label': 'Boxes' }, displayOrder(n).map((i) => {
    const v = layers[i];
    return h('li', { 'data-layer-verdict': i }, `${layerHeading(i, n)}: `, v ? verdictBadge(v.correct, v.correct ? 'Right' : v.mistake ? mistakeTitle(v.mistake) : 'Wrong') : h('span', { class: 'muted', 'data-empty': '' }, 'left empty (product only)'));
  }));
}
