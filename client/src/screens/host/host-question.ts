/** The open question on the projector: the composition drawn large, a big timer, how many have answered. */
import { h, mountScreen, prefersReducedMotion, replace } from '../../app/dom';
import { createCountdown } from '../../app/countdown';
import { mountView, renderMath } from '../../app/math';
import type { QuestionView } from '../../views/contract';
import type { HostContext, HostScreen } from './host-phases';
import { playLink } from './host-lobby';

/** Mounts the question phase. */
export function renderHostQuestion(ctx: HostContext): HostScreen {
  const v = ctx.view;
  if (v.phase !== 'question') throw new Error('renderHostQuestion outside the question phase');
  const countdown = createCountdown(() => ctx.conn.serverNow(), { big: true });
  const answered = h('div', { class: 'stat', id: 'answered-count' });
  const pauseBtn = h('button', { type: 'button', id: 'pause-button' });
  const prompt = h('div', { class: 'prompt' });
  renderMath(prompt, v.question.prompt.latex, true, v.question.prompt.text);
  const viewHost = h('div', { class: 'view-host', hidden: true });
  let view: QuestionView | null = null;
  let destroyed = false;
  pauseBtn.addEventListener('click', () => void ctx.command({ type: ctx.view.paused ? 'resume' : 'pause' }));
  const skipBtn = h('button', { type: 'button', id: 'skip-button', onclick: () => void ctx.advance('skip') }, 'Close question');
  const endBtn = h('button', { type: 'button', class: 'danger', onclick: () => {
    if (window.confirm('End the game for everyone now?')) void ctx.command({ type: 'end' });
  } }, 'End game');
  const paint = (): void => {
    const cur = ctx.view;
    if (cur.phase !== 'question') return;
    countdown.set(cur.timer);
    replace(answered, h('span', { class: 'num' }, `${cur.answered}/${cur.connectedCount}`), h('span', { class: 'lbl' }, 'answered'));
    pauseBtn.textContent = cur.paused ? 'Resume ▶' : 'Pause';
  };
  const onResize = (): void => view?.resize();
  window.addEventListener('resize', onResize);
  mountScreen('projector', h('div', { class: 'page wide', id: 'host-question' },
    h('div', { class: 'host-top' },
      h('div', { class: 'stack', style: 'gap:0.3em' },
        h('span', { class: 'pill big' }, `Question ${v.index + 1} of ${v.total}`),
        h('span', { class: 'muted' }, `Join with code `, h('strong', { style: 'color:var(--yellow);font-family:var(--mono)' }, v.code))),
      h('div', { style: 'min-width:22vw' }, countdown.el),
      answered),
    h('div', { class: 'host-question' }, h('p', { class: 'muted big', style: 'margin:0' }, v.question.prompt.text), prompt, viewHost),
    h('div', { class: 'host-controls' }, pauseBtn, skipBtn, endBtn, playLink(v.mode))));
  paint();
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
      countdown.destroy();
      window.removeEventListener('resize', onResize);
      view?.destroy();
    },
  };
}
