/**
 * The open question on a phone: the prompt, the answer input, the drawing (folded: it loads, with its game engine,
 * only when the player opens it, so a question opens without downloading anything; see player-phases.ts) with the
 * active layer highlighted, and once answered the per-layer ticks and the named mistake (never the answer: that
 * comes at the reveal).
 */
import type { AnswerState } from '../../../../shared/protocol';
import { displayOrder, layerHeading } from '../../../../shared/questions/layer-label';
import { h, mountScreen, prefersReducedMotion, replace, verdictBadge } from '../../app/dom';
import { createCountdown } from '../../app/countdown';
import { mountView, renderMath } from '../../app/math';
import { mistakeTitle } from '../../app/mistakes';
import { createAnswerForm } from '../../input/answer-form';
import { fitWide, foldable } from '../../input/phone-layout';
import { errorMessage } from '../../net/connection';
import type { QuestionView, ViewState } from '../../views/contract';
import { createDraftSender } from './player-drafts';
import { playerHeader, type PhaseScreen, type PlayerContext } from './player-shell';
import { feedbackElement } from '../feedback-text';

/** Mounts the question phase for ctx.state (phase 'question'). */
export function renderPlayerQuestion(ctx: PlayerContext): PhaseScreen {
  const s = ctx.state;
  if (s.phase !== 'question') throw new Error('renderPlayerQuestion outside the question phase');
  const q = s.question;
  const countdown = createCountdown(() => ctx.conn.serverNow());
  countdown.set(s.timer);
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
  const status = h('p', { class: 'error-text', role: 'alert', id: 'answer-error' });
  let view: QuestionView | null = null;
  let mounting = false;
  /** What the drawing shows, kept while it is folded so that it opens in the current state. */
  let viewState: ViewState = {};
  const showInView = (state: ViewState): void => {
    viewState = state;
    view?.update(state);
  };
  let destroyed = false;
  let typedLayers: Array<string | null> = [];
  let sent = false;
  const layered = s.entryMode === 'layers' && (q.layers?.length ?? 0) > 1;
  const submit = h('button', { type: 'button', class: 'primary', id: 'submit-answer' }, 'Submit answer');
  let collapsedOnce = false;
  const form = createAnswerForm(q, {
    layerByLayer: layered, submit, persistKey: `arena-typed:${ctx.code}:${s.index}:${q.id}`,
    onSubmit: () => submit.click(),
    onActiveLayer: (layer) => showInView(layer === undefined ? {} : { activeLayer: layer }),
    onChange: () => {
      if (!collapsedOnce && diagram.open) diagram.open = false;
      collapsedOnce = true;
      const left = remainingMs();
      drafts.changed(left !== null && left < 3000);
    },
  });
  const drafts = createDraftSender(ctx, s.index, form);
  const remainingMs = (): number | null => {
    const now = ctx.state;
    if (now.phase !== 'question' || now.index !== s.index) return null;
    return now.timer.running ? now.timer.deadline - ctx.conn.serverNow() : null;
  };
  submit.addEventListener('click', () => {
    const ready = form.readiness();
    if (!ready.ok) return void (status.textContent = ready.reason);
    const { answer, layers } = form.read();
    typedLayers = (layers ?? []).map((l) => l ?? null);
    const payload = {
      index: s.index, final: answer,
      ...(layers ? { layers: layers.flatMap((input, layer) => (input ? [{ layer, input }] : [])) } : {}),
    };
    if (payload.layers?.length === 0) delete payload.layers;
    sent = true;
    form.setDisabled(true);
    status.textContent = '';
    void ctx.submit(payload).then((res) => {
      if (res.ok || res.error === 'already-answered') return paint();
      status.textContent = res.error === 'unreadable-answer' && res.detail ? `${res.detail} Your attempt was not used.` : errorMessage(res.error);
      if (res.error !== 'too-late' && res.error !== 'wrong-question') {
        sent = false;
        form.setDisabled(false);
      }
    });
  });
  const paint = (): void => {
    if (ctx.state.phase === 'question' && ctx.state.index === s.index) countdown.set(ctx.state.timer);
    replace(head, playerHeader(ctx.you, h('span', { class: 'pill' }, `Q ${s.index + 1}/${s.total}`)));
    const answer = ctx.you.answer;
    if (answer && answer.index === s.index && answer.done) {
      sent = true;
      drafts.stop();
      replace(answerArea, answeredPanel(answer));
      showInView(marks(answer, q.layers?.length ?? 0, typedLayers));
    }
  };
  replace(answerArea, form.el, status, form.dock);
  mountScreen('phone', h('div', { class: 'page narrow stack', id: 'player-question' },
    head, countdown.el, prompt, answerArea, diagram));
  paint();
  // `you.answer` may still be the previous question's (done) until the next `you` arrives.
  const mine = ctx.you.answer;
  if (!(mine && mine.index === s.index && mine.done)) form.focus();
  // The last 10 seconds: say plainly that the answer is not sent; at the deadline send the draft once more.
  let flushed = false;
  const warn = setInterval(() => {
    const left = remainingMs();
    if (sent || left === null) return form.setNotice(null);
    // Once, just before the deadline: the grace period covers the trip.
    if (left <= 300 && !flushed) {
      flushed = true;
      void drafts.flush();
    }
    const typed = JSON.stringify(form.draft()) !== '{}';
    form.setNotice(left < 10_000 ? notSent(left, typed, drafts.held()) : drafts.held() ? heldLine() : null);
  }, 250);
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
      clearInterval(warn);
      destroyed = true;
      drafts.stop();
      countdown.destroy();
      view?.destroy();
    },
  };
}

function notSent(left: number, typed: boolean, held: boolean): HTMLElement {
  const secs = Math.max(0, Math.ceil(left / 1000));
  return h('p', { class: 'not-sent', id: 'not-sent-warning', role: 'status' },
    typed ? `${secs} s left: your answer is not sent. Tap Submit.` : `${secs} s left: type your answer and tap Submit.`,
    typed && held ? ' Your draft counts at time-up.' : '');
}

function heldLine(): HTMLElement {
  return h('p', { class: 'draft-held', id: 'draft-held' }, 'Draft saved: it counts at time-up.');
}

/** The player's own layer answers marked right/wrong in the drawing (typed text is only known on this page). */
function marks(answer: AnswerState, n: number, typed: Array<string | null>): { layerMarks: Array<{ expr: string; correct: boolean } | null> } {
  return { layerMarks: Array.from({ length: n }, (_, i) => {
    const v = answer.layers[i];
    const expr = typed[i];
    return v && expr ? { expr, correct: v.correct } : null;
  }) };
}

function answeredPanel(answer: AnswerState): HTMLElement {
  const final = answer.final;
  const panel = h('section', { class: `feedback ${final?.correct ? 'right' : 'wrong'} stack`, id: 'answer-verdict', role: 'status' });
  if (answer.layers.length > 0) {
    const n = answer.layers.length;
    panel.append(h('ul', { class: 'steps', 'aria-label': 'Boxes' }, displayOrder(n).map((i) => {
      const v = answer.layers[i];
      return h('li', { 'data-layer-verdict': i }, `${layerHeading(i, n)}: `, v ? verdictBadge(v.correct, v.correct ? 'Right' : v.mistake ? mistakeTitle(v.mistake) : 'Wrong') : 'no answer');
    })));
  }
  if (final) {
    const words = final.correct ? 'Right' : final.error ? 'Could not read that' : final.mistake ? mistakeTitle(final.mistake) : 'Wrong';
    panel.append(h('div', { class: 'big' }, verdictBadge(final.correct, words)));
    if (final.feedback) panel.append(feedbackElement(final.feedback));
  } else panel.append(h('p', { class: 'big' }, 'Time is up.'));
  panel.append(h('p', { class: 'muted' }, 'Waiting for the others… the answer and your points come at the reveal.'));
  return panel;
}
