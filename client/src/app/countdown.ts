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

/** A live timer element (text + bar); `serverNow` is the corrected server clock. */
export function createCountdown(serverNow: () => number, opts: { big?: boolean } = {}): Countdown {
  const text = h('span', { class: `timer${opts.big ? ' host-timer' : ''}`, role: 'timer', 'aria-label': 'Seconds left', 'data-timer': '' });
  const fill = h('div', {});
  const bar = h('div', { class: 'timer-bar', 'aria-hidden': 'true' }, fill);
  const el = h('div', { class: 'stack', style: 'gap:6px;align-items:stretch' }, text, bar);
  let timer: TimerView | null = null;
  /** The bar's drawn length, device pixels (-1: not drawn yet). */
  let barPx = -1;
  const tick = (): void => {
    if (!timer) return;
    const left = timer.running ? timer.deadline - serverNow() : timer.remainingMs;
    // Only what the eye can see changes the page (setText): the seconds when they change, the bar below.
    setText(text, formatSeconds(left) + (timer.running ? '' : ' · paused'));
    text.classList.toggle('low', left < 10_000);
    const share = timer.durationMs > 0 ? Math.max(0, Math.min(1, left / timer.durationMs)) : 0;
    // The bar moves when its end moves by a device pixel: each tick in a short round, rarely in a long one.
    const px = Math.round(share * bar.clientWidth * window.devicePixelRatio);
    if (px !== barPx) {
      barPx = px;
      fill.style.transform = `scaleX(${share})`;
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
