/**
 * The open question on a party page: on a laptop the typeset question and the diagram (the projector's views) on
 * the left, the answer panel (the phone's form and keypad) on the right, the clock and, for the creator, Pause /
 * Skip / End in the top bar. On a phone the same parts stack in one column.
 */
import type { AnswerState } from '../../../../shared/protocol';
import { h, mountScreen, replace, verdictBadge } from '../../app/dom';
import { announce } from '../../app/announcer';
import { createCountdown } from '../../app/countdown';
import { mistakeTitle } from '../../app/mistakes';
import { createAnswerForm } from '../../input/answer-form';
import { errorMessage } from '../../net/connection';
import { familyLabel } from '../family-labels';
import { typesetFit } from '../host/fit-math';
import { createDraftSender } from '../answer-drafts';
import { projectorPrompt } from '../host/projector-prompt';
import { diagramSlot } from './party-diagram';
import { endButton, groupList, partyShell, type PartyContext, type PartyScreen } from './party-shell';
import { feedbackElement } from '../feedback-text';

export function renderPartyQuestion(ctx: PartyContext): PartyScreen {
  const s = ctx.state;
  if (s.phase !== 'question') throw new Error('renderPartyQuestion outside the question phase');
  const q = s.question;
  const countdown = createCountdown(() => ctx.conn.serverNow());
  const prompt = h('div', { class: 'party-prompt', id: 'question-prompt', role: 'heading', 'aria-level': 1, 'data-family': q.family, 'data-task': JSON.stringify(q.task) });
  // As on the projector: a network's numbers are on its drawing, so only the loss and the target are stated; a
  // prompt that still cannot fit at the legible floor (a Jacobian's definitions) takes room from the drawing.
  const stated = projectorPrompt(q);
  const stopFit = typesetFit(prompt, stated.latex, { fallback: stated.text, minScale: 0.35, onTight: () => !prompt.classList.contains('tall') && prompt.classList.toggle('tall', true) });
  const viewHost = h('div', { class: 'view-host', id: 'party-view' });
  const answerArea = h('div', { class: 'stack', id: 'answer-area' });
  const status = h('p', { class: 'error-text', role: 'alert', id: 'answer-error' });
  const answered = ctx.isCreator ? h('span', { class: 'pill', id: 'answered-count' }) : null;
  const group = h('section', { class: 'party-side-group' });
  const layered = s.entryMode === 'layers' && (q.layers?.length ?? 0) > 1;
  const submit = h('button', { type: 'button', class: 'primary', id: 'submit-answer' }, 'Submit answer');
  const form = createAnswerForm(q, {
    layerByLayer: layered, submit, persistKey: `arena-typed:${ctx.code}:${s.index}:${q.id}`,
    onSubmit: () => submit.click(),
    onActiveLayer: (layer) => diagram.update(layer === undefined ? {} : { activeLayer: layer }),
    onChange: () => drafts.changed(),
  });
  // The phone's draft rule (answer-drafts.ts): sooner as time runs out, once more at the deadline.
  let sent = false;
  const remainingMs = (): number | null => {
    const now = ctx.state;
    if (now.phase !== 'question' || now.index !== s.index) return null;
    return now.timer.running ? now.timer.deadline + (ctx.you.extraMs ?? 0) - ctx.conn.serverNow() : null;
  };
  const drafts = createDraftSender(ctx.conn, s.index, form, { remainingMs, sent: () => sent || done });
  submit.addEventListener('click', () => {
    const ready = form.readiness();
    if (!ready.ok) return void (status.textContent = ready.reason);
    const { answer, layers } = form.read();
    const parts = layers ? layers.flatMap((input, layer) => (input ? [{ layer, input }] : [])) : [];
    sent = true;
    form.setDisabled(true);
    status.textContent = '';
    void ctx.submit({ index: s.index, final: answer, ...(parts.length > 0 ? { layers: parts } : {}) }).then((res) => {
      if (res.ok || res.error === 'already-answered') return paint();
      status.textContent = res.error === 'unreadable-answer' && res.detail ? `${res.detail} Your attempt was not used.` : errorMessage(res.error);
      if (res.error !== 'too-late' && res.error !== 'wrong-question') {
        sent = false;
        form.setDisabled(false);
      }
    });
  });
  const pauseBtn = ctx.isCreator ? h('button', { type: 'button', id: 'pause-button', onclick: () => void ctx.command({ type: ctx.host?.paused ? 'resume' : 'pause' }) }) : null;
  const skipBtn = ctx.isCreator ? h('button', { type: 'button', id: 'skip-button', title: 'Close the question now and show the answer', onclick: () => void ctx.advance('skip') }, 'Skip') : null;
  let done = false;
  const paint = (): void => {
    const cur = ctx.state;
    if (cur.phase === 'question' && cur.index === s.index) countdown.set(cur.timer);
    const host = ctx.host;
    if (answered) answered.textContent = host?.phase === 'question' ? `${host.answered}/${host.connectedCount} answered` : '';
    replace(group, h('h2', {}, 'The party'), groupList(ctx, { answered: true }));
    if (pauseBtn) pauseBtn.textContent = host?.paused ? 'Resume ▶' : 'Pause';
    const mine = ctx.you.answer;
    if (!done && mine && mine.index === s.index && mine.done) {
      done = true;
      drafts.stop();
      const panel = answeredPanel(mine);
      replace(answerArea, panel);
      // The verdict said once through the page's one live region; focus follows it from the gone form.
      announce(panel.dataset.said ?? '');
      if (document.activeElement === document.body || !document.activeElement?.isConnected) panel.focus({ preventScroll: true });
    }
  };
  replace(answerArea, form.el, status, form.dock);
  const slot = diagramSlot(viewHost, q, layered ? { activeLayer: 0 } : {});
  const diagram = slot.diagram;
  const body = h('main', { class: 'party-play' },
    h('section', { class: 'party-left' }, prompt, slot.el),
    h('aside', { class: 'party-answer' }, answerArea, group));
  mountScreen('page', partyShell('party-question',
    [h('span', { class: 'pill' }, `Question ${s.index + 1} of ${s.total}`), h('span', { class: 'muted family' }, familyLabel(q.family))],
    [answered, h('div', { class: 'party-clock' }, countdown.el), pauseBtn, skipBtn, endButton(ctx)], body));
  paint();
  if (!done) {
    form.focus();
    announce(`Question ${s.index + 1} of ${s.total}: ${q.prompt.text}`);
  }
  return {
    update: paint,
    destroy: () => {
      drafts.stop();
      countdown.destroy();
      stopFit();
      diagram.destroy();
    },
  };
}

function answeredPanel(answer: AnswerState): HTMLElement {
  const final = answer.final;
  const words = !final ? 'Time is up' : final.correct ? 'Right' : final.error ? 'Could not read that' : final.mistake ? mistakeTitle(final.mistake) : 'Wrong';
  return h('section', { class: `feedback ${final?.correct ? 'right' : 'wrong'} stack`, id: 'answer-verdict', tabindex: '-1', 'data-said': `${words}. Waiting for the others.` },
    h('div', { class: 'big' }, verdictBadge(final?.correct === true, words)),
    final?.feedback ? feedbackElement(final.feedback) : null,
    h('p', { class: 'muted' }, 'Sent. Waiting for the others: the answer, the working and everyone’s results come next.'));
}
