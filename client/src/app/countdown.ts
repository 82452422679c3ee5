/**
 * A countdown that follows the server's deadline: remaining = deadline − (local clock + measured offset), so a
 * phone whose clock is a minute off still shows the same seconds as the projector.
 */
import type { TimerView } from '../../../shared/protocol/views';
import { h } from './dom';
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
  const tick = (): void => {
    if (!timer) return;
    const left = timer.running ? timer.deadline - serverNow() : timer.remainingMs;
    text.textContent = formatSeconds(left) + (timer.running ? '' : ' · paused');
    text.classList.toggle('low', left < 10_000);
    const share = timer.durationMs > 0 ? Math.max(0, Math.min(1, left / timer.durationMs)) : 0;
    fill.style.transform = `scaleX(${share})`;
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
