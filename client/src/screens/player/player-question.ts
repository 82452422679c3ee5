/**
 * The open question on a phone: the prompt, the drawing with the active layer highlighted, the answer input,
 * and once answered the per-layer ticks and the named mistake (never the answer: that comes at the reveal).
 */
import type { AnswerState } from '../../../../shared/protocol';
import { validateExpression } from '../../../../shared/check/index';
import { h, mountScreen, prefersReducedMotion, replace, verdictBadge } from '../../app/dom';
import { createCountdown } from '../../app/countdown';
import { mountView, renderMath } from '../../app/math';
import { mistakeTitle } from '../../app/mistakes';
import { createAnswerForm } from '../../input/answer-form';
import { errorMessage } from '../../net/connection';
import type { QuestionView } from '../../views/contract';
import { playerHeader, type PhaseScreen, type PlayerContext } from './player-phases';

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
  renderMath(prompt, q.prompt.latex, true, q.prompt.text);
  const viewHost = h('div', { class: 'view-host', hidden: true });
  const answerArea = h('div', { class: 'stack', id: 'answer-area' });
  const status = h('p', { class: 'error-text', role: 'alert', id: 'answer-error' });
  let view: QuestionView | null = null;
  let destroyed = false;
  let typedLayers: Array<string | null> = [];
  const layered = s.entryMode === 'layers' && (q.layers?.length ?? 0) > 1;
  const submit = h('button', { type: 'button', class: 'primary', id: 'submit-answer' }, 'Submit answer');
  const form = createAnswerForm(q, {
    validate: validateExpression, layerByLayer: layered,
    onSubmit: () => submit.click(),
    onActiveLayer: (layer) => view?.update(layer === undefined ? {} : { activeLayer: layer }),
  });
  submit.addEventListener('click', () => {
    if (!form.complete()) return void (status.textContent = 'Type your answer first.');
    const { answer, layers } = form.read();
    typedLayers = (layers ?? []).map((l) => l ?? null);
    const payload = {
      index: s.index, final: answer,
      ...(layers ? { layers: layers.flatMap((input, layer) => (input ? [{ layer, input }] : [])) } : {}),
    };
    if (payload.layers?.length === 0) delete payload.layers;
    submit.disabled = true;
    form.setDisabled(true);
    status.textContent = '';
    void ctx.submit(payload).then((res) => {
      if (res.ok || res.error === 'already-answered') return paint();
      status.textContent = errorMessage(res.error);
      if (res.error !== 'too-late' && res.error !== 'wrong-question') {
        submit.disabled = false;
        form.setDisabled(false);
      }
    });
  });
  const paint = (): void => {
    replace(head, playerHeader(ctx.you, h('span', { class: 'pill' }, `Q ${s.index + 1}/${s.total}`)));
    const answer = ctx.you.answer;
    if (answer && answer.index === s.index && answer.done) {
      replace(answerArea, answeredPanel(answer));
      view?.update(marks(answer, q.layers?.length ?? 0, typedLayers));
    }
  };
  replace(answerArea, form.el, status, h('div', { class: 'sticky-submit' }, submit));
  mountScreen('phone', h('div', { class: 'page narrow stack', id: 'player-question' },
    head, countdown.el, h('p', { class: 'muted', style: 'margin:0' }, q.prompt.text), prompt, viewHost, answerArea));
  paint();
  if (!ctx.you.answer?.done) form.focus();
  void mountView(viewHost, q, { mode: 'phone', reducedMotion: prefersReducedMotion() }).then((v) => {
    if (destroyed) return v?.destroy();
    view = v;
    if (v) {
      viewHost.hidden = false;
      v.resize();
      v.update(layered ? { activeLayer: 0 } : {});
    }
  });
  const onResize = (): void => view?.resize();
  window.addEventListener('resize', onResize);
  return {
    update: paint,
    destroy: () => {
      window.removeEventListener('resize', onResize);
      destroyed = true;
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

function answeredPanel(answer: AnswerState): HTMLElement {
  const final = answer.final;
  const panel = h('section', { class: `feedback ${final?.correct ? 'right' : 'wrong'} stack`, id: 'answer-verdict', role: 'status' });
  if (answer.layers.length > 0) {
    panel.append(h('ul', { class: 'steps', 'aria-label': 'Layers' }, answer.layers.map((v, i) =>
      h('li', { 'data-layer-verdict': i }, `Layer ${i + 1}: `, v ? verdictBadge(v.correct, v.correct ? 'Right' : v.mistake ? mistakeTitle(v.mistake) : 'Wrong') : 'no answer'))));
  }
  if (final) {
    const words = final.correct ? 'Right' : final.error ? 'Could not read that' : final.mistake ? mistakeTitle(final.mistake) : 'Wrong';
    panel.append(h('div', { class: 'big' }, verdictBadge(final.correct, words)));
    if (final.feedback) panel.append(h('p', {}, final.feedback));
  } else panel.append(h('p', { class: 'big' }, 'Time is up.'));
  panel.append(h('p', { class: 'muted' }, 'Waiting for the others… the answer and your points come at the reveal.'));
  return panel;
}
