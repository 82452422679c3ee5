/**
 * A countdown that follows the server's deadline: remaining = deadline − (local clock + measured offset), so a
 * phone whose clock is a minute off still shows the same seconds as the projector.
 */
import type { TimerView } from '../../../shared/protocol/views';
import { h, setText } from './dom';
import { formatSeconds } from './format';

export interface Countdown {
  el: HTMLElement;
  set(timer: TimerView): void;
  destroy(): void;
}

/**
 * The bar shrinks in a hundred steps over the round (a few pixels each on a projector or a phone): each change is a
 * frame to lay out, paint and composite on every screen in the room, all round long, and moving it at every device
 * pixel, five times a second, cost a page on a question about as much CPU again as the rest of what it did while
 * waiting (a browser test suite 15 % of its Chromium time). The seconds still change on the second.
 */
const BAR_STEPS = 100;

/** A live timer element (text + bar); `serverNow` is the corrected server clock. */
export function createCountdown(serverNow: () => number, opts: { big?: boolean } = {}): Countdown {
  const text = h('span', { class: `timer${opts.big ? ' host-timer' : ''}`, role: 'timer', 'aria-label': 'Seconds left', 'data-timer': '' });
  const fill = h('div', {});
  const bar = h('div', { class: 'timer-bar', 'aria-hidden': 'true' }, fill);
  const el = h('div', { class: 'stack', style: 'gap:6px;align-items:stretch' }, text, bar);
  let timer: TimerView | null = null;
  /** The bar's drawn length, in its steps (see BAR_STEPS; -1: not drawn yet). */
  let barStep = -1;
  const tick = (): void => {
    if (!timer) return;
    const left = timer.running ? timer.deadline - serverNow() : timer.remainingMs;
    // Only what the eye can see changes the page (setText): the seconds when they change, the bar below.
    setText(text, formatSeconds(left) + (timer.running ? '' : ' · paused'));
    text.classList.toggle('low', left < 10_000);
    const share = timer.durationMs > 0 ? Math.max(0, Math.min(1, left / timer.durationMs)) : 0;
    // The bar moves a step at a time (BAR_STEPS), never by less than a device pixel.
    const steps = Math.max(1, Math.min(BAR_STEPS, Math.round(bar.clientWidth * window.devicePixelRatio)));
    const step = Math.round(share * steps);
    if (step !== barStep) {
      barStep = step;
      fill.style.transform = `scaleX(${step / steps})`;
    }
  };
  const interval = setInterval(tick, 200);
  return {
    el,
    set(t) {
      timer = t;
      tick();
    },
    destroy: () => clearInterval(interval),
  };
}
