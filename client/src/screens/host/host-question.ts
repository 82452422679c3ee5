/**
 * The open question on the projector, one 16:9 frame: a top bar (question number, join code, timer, answered
 * count), the formula typeset once and shrunk to fit, the diagram in all the room left (re-laid out on every
 * size change), and the host's controls in a fixed bottom bar.
 */
import { h, mountScreen, prefersReducedMotion, replace } from '../../app/dom';
import { createCountdown } from '../../app/countdown';
import { mountView } from '../../app/math';
import type { QuestionView } from '../../views/contract';
import { familyLabel } from '../family-labels';
import type { HostContext, HostScreen } from './host-context';
import { playLink } from './host-lobby';
import { typesetFit } from './fit-math';
import { projectorPrompt } from './projector-prompt';
import { muteButton, play } from './sound';
import { bindLetterKeys, bindStepKeys, keyCap } from './step-keys';
import { extraTimePanel } from './extra-time-panel';
import { announce, timeCalls } from '../../app/announcer';
import { observeViewSize } from './view-size';

/** Seconds left at which the countdown starts ticking aloud. */
const TICK_FROM_S = 5;

/** Mounts the question phase. */
export function renderHostQuestion(ctx: HostContext): HostScreen {
  const v = ctx.view;
  if (v.phase !== 'question') throw new Error('renderHostQuestion outside the question phase');
  const countdown = createCountdown(() => ctx.conn.serverNow(), { big: true });
  const answered = h('div', { class: 'stat', id: 'answered-count' });
  const pauseBtn = h('button', { type: 'button', id: 'pause-button' });
  const prompt = h('div', { class: 'host-prompt', id: 'host-prompt', role: 'heading', 'aria-level': 1 });
  const stated = projectorPrompt(v.question);
  const stopFit = typesetFit(prompt, stated.latex, { fallback: stated.text });
  const viewHost = h('div', { class: 'view-host', hidden: true, id: 'host-view' });
  let view: QuestionView | null = null;
  let destroyed = false;
  const togglePause = (): void => void ctx.command({ type: ctx.view.paused ? 'resume' : 'pause' });
  pauseBtn.addEventListener('click', togglePause);
  pauseBtn.setAttribute('aria-keyshortcuts', 'P');
  const addTime = (): void => void ctx.command({ type: 'add-time', seconds: 30 });
  const addBtn = h('button', { type: 'button', id: 'add-time', 'aria-keyshortcuts': 'T', title: 'Add 30 seconds for everyone (T)', onclick: addTime }, '+30 s', keyCap('T'));
  const extra = extraTimePanel(ctx);
  // The one way forward on this screen, as on every projector screen: the primary button, → / Space / PageDown.
  const skipBtn = h('button', { type: 'button', class: 'primary', id: 'skip-button', 'aria-keyshortcuts': 'ArrowRight Space', onclick: () => void ctx.advance('skip') }, 'Close question ▶', keyCap('→'));
  const unbindKeys = bindStepKeys({ next: () => void ctx.advance('skip'), back: () => undefined });
  const endGame = (): void => {
    if (window.confirm('End the game for everyone now?')) void ctx.command({ type: 'end' });
  };
  const endBtn = h('button', { type: 'button', class: 'danger', id: 'end-game', 'aria-keyshortcuts': 'E', onclick: endGame }, 'End game', keyCap('E'));
  const unbindLetters = bindLetterKeys({ p: togglePause, t: addTime, x: () => extra.toggle(), e: endGame });
  const calls = timeCalls();
  let wasPaused = v.paused;
  const paint = (): void => {
    const cur = ctx.view;
    if (cur.phase !== 'question') return;
    countdown.set(cur.timer);
    // Unsent drafts count as answers at time-up, so the class sees how many are still typing one.
    const drafts = cur.drafts ?? 0;
    replace(answered, h('span', { class: 'num' }, `${cur.answered}/${cur.connectedCount}`),
      h('span', { class: 'lbl' }, drafts > 0 ? `answered · ${drafts} typing` : 'answered'));
    replace(pauseBtn, cur.paused ? 'Resume ▶' : 'Pause', keyCap('P'));
    extra.paint();
    if (cur.paused !== wasPaused) announce(cur.paused ? 'The game is paused.' : 'The clock is running again.');
    wasPaused = cur.paused;
  };
  let lastTick = Infinity;
  const ticker = setInterval(() => {
    const t = ctx.view.phase === 'question' ? ctx.view.timer : null;
    if (!t?.running) return;
    const left = t.deadline - ctx.conn.serverNow();
    const s = Math.ceil(left / 1000);
    if (s <= TICK_FROM_S && s > 0 && s < lastTick) play('tick');
    const call = calls.check(left);
    if (call) announce(call);
    lastTick = s;
  }, 200);
  mountScreen('projector', h('div', { class: 'host-shell', id: 'host-question' },
    h('header', { class: 'host-bar top' },
      h('div', { class: 'host-kicker' },
        h('span', { class: 'pill' }, `Question ${v.index + 1} of ${v.total}`),
        h('span', { class: 'muted' }, familyLabel(v.question.family)),
        h('span', { class: 'muted' }, 'Code ', h('span', { class: 'code' }, v.code))),
      h('div', { class: 'host-clock' }, countdown.el),
      answered),
    h('main', { class: 'host-main' }, prompt, viewHost),
    h('footer', { class: 'host-bar bottom', id: 'host-controls' }, skipBtn, pauseBtn, addBtn, extra.el, endBtn, playLink(v.mode),
      h('span', { class: 'spacer' }), muteButton())));
  paint();
  announce(`Question ${v.index + 1} of ${v.total}: ${v.question.prompt.text}`);
  const stopObserve = observeViewSize(viewHost, () => view?.resize());
  void mountView(viewHost, v.question, { mode: 'projector', reducedMotion: prefersReducedMotion() }).then((qv) => {
    if (destroyed) return qv?.destroy();
    view = qv;
    if (qv) {
      viewHost.hidden = false;
      qv.resize();
    }
  });
  return {
    update: paint,
    destroy: () => {
      destroyed = true;
      unbindKeys();
      unbindLetters();
      clearInterval(ticker);
      countdown.destroy();
      stopFit();
      stopObserve();
      view?.destroy();
    },
  };
}
