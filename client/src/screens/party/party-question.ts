/**
 * The open question on a party page: on a laptop the typeset question and the diagram (the projector's views) on
 * the left, the answer panel (the phone's form and keypad) on the right, the clock and, for the creator, Pause /
 * Skip / End in the top bar. On a phone the same parts stack in one column.
 */
import type { AnswerState } from '../../../../shared/protocol';
import { h, mountScreen, replace, verdictBadge } from '../../app/dom';
import { announce } from '../../app/announcer';
import { createCountdown } from '../../app/countdown';
import { familyLabel } from '../family-labels';
import { typesetFit } from '../host/fit-math';
import { liveAnswerPanel } from '../answer-panel';
import { watchLastSeconds } from '../last-seconds';
import { verdictWords } from '../verdict-words';
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
  const answered = ctx.isCreator ? h('span', { class: 'pill', id: 'answered-count' }) : null;
  const group = h('section', { class: 'party-side-group' });
  const layered = s.entryMode === 'layers' && (q.layers?.length ?? 0) > 1;
  // The one answer panel (answer-panel.ts): the phone's boxes, keypad, submit handling and draft rule.
  const entry = liveAnswerPanel(ctx, {
    label: 'Submit answer', layerByLayer: layered,
    onActiveLayer: (layer) => diagram.update(layer === undefined ? {} : { activeLayer: layer }),
  }, () => paint());
  // The last 10 seconds: say plainly that the answer is not sent, as on the phone (last-seconds.ts).
  const stopWarning = watchLastSeconds(entry, 'Press');
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
      entry.done();
      const panel = answeredPanel(mine);
      replace(answerArea, panel);
      // The verdict said once through the page's one live region; focus follows it from the gone form.
      announce(panel.dataset.said ?? '');
      if (document.activeElement === document.body || !document.activeElement?.isConnected) panel.focus({ preventScroll: true });
    }
  };
  replace(answerArea, ...entry.parts);
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
    entry.form.focus();
    announce(`Question ${s.index + 1} of ${s.total}: ${q.prompt.text}`);
  }
  return {
    update: paint,
    destroy: () => {
      stopWarning();
      entry.destroy();
      countdown.destroy();
      stopFit();
      diagram.destroy();
    },
  };
}

function answeredPanel(answer: AnswerState): HTMLElement {
  const final = answer.final;
  const words = verdictWords(final);
  return h('section', { class: `feedback ${final?.correct ? 'right' : 'wrong'} stack`, id: 'answer-verdict', tabindex: '-1', 'data-said': `${words}. Waiting for the others.` },
    h('div', { class: 'big' }, verdictBadge(final?.correct === true, words)),
    final?.feedback ? feedbackElement(final.feedback) : null,
    h('p', { class: 'muted' }, 'Sent. Waiting for the others: the answer, the working and everyone’s results come next.'));
}
