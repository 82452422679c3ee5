/**
 * The podium as a show: the other places first, then a drum roll before each of third, second and first, and
 * confetti with the fanfare for the winner (confetti.ts respects reduced motion; so does the staging: with it,
 * every place is shown at once). Only places with points stand on it: a student who scored nothing is never put
 * up first and alone in front of the class; when nobody scored, the screen says so plainly.
 */
import type { LeaderboardEntry } from '../../../../shared/protocol/views';
import { podiumPlaces } from '../../../../shared/ranking';
import { h, prefersReducedMotion } from '../../app/dom';
import { confetti } from '../../app/confetti';
import { play } from './sound';

/** Time for a drum roll and its place. */
const PLACE_MS = 1800;
const FIRST_DELAY_MS = 700;

export interface Podium {
  el: HTMLElement;
  destroy(): void;
}

/** The podium for `ranking` (best first, competition ranks); `me` marks a player's own entry ("(you)"). */
export function podium(ranking: readonly LeaderboardEntry[], opts: { me?: string; staged?: boolean; onWinner?: (names: string[]) => void } = {}): Podium {
  const places = podiumPlaces(ranking.filter((e) => e.score > 0));
  const shown = new Map<number, HTMLElement>();
  const slot = (pos: 1 | 2 | 3): HTMLElement | null => {
    const place = places[pos - 1];
    // An empty step keeps the podium's shape (first in the middle) without being a place.
    if (!place) return h('div', { class: `place-empty p${pos}`, 'aria-hidden': 'true' });
    const el = h('div', { class: `place p${pos}`, 'data-place': place.rank },
      h('div', { class: 'names' }, place.entries.slice(0, 3).map((e) => h('span', {}, e.nickname, e.playerId === opts.me ? ' (you)' : '')),
        place.entries.length > 3 ? h('span', {}, `+${place.entries.length - 3} more`) : null),
      h('span', { class: 'pts' }, `${place.entries[0]?.score ?? 0} pts`),
      h('div', { class: 'block' }, ordinal(place.rank)));
    shown.set(pos, el);
    return el;
  };
  const row = h('div', { class: 'host-podium', id: 'podium', 'aria-label': 'Podium', 'data-places': places.length }, slot(2), slot(1), slot(3));
  const el = places.length === 0
    ? h('div', { class: 'podium-none', id: 'podium' }, h('p', { class: 'big' }, 'No points this time.'), h('p', { class: 'muted' }, 'The report shows every answer: a good place to start the next lesson.'))
    : row;
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  let stopConfetti: () => void = () => undefined;
  const reveal = (pos: 1 | 2 | 3): void => {
    const place = shown.get(pos);
    if (!place) return;
    place.classList.add('shown');
    if (pos === 1) {
      play('podium');
      opts.onWinner?.((places[0]?.entries ?? []).map((e) => e.nickname));
      stopConfetti = confetti();
      row.dataset.done = 'true';
    } else play('step');
  };
  const order = ([3, 2, 1] as const).filter((p) => shown.has(p));
  if (opts.staged === false || prefersReducedMotion()) {
    order.forEach(reveal);
    if (!shown.has(1)) row.dataset.done = 'true';
  } else {
    // Third, second, first: each after a drum roll, the winner after a longer pause.
    order.forEach((pos, i) => {
      const at = FIRST_DELAY_MS + i * PLACE_MS + (pos === 1 ? 600 : 0);
      timers.push(setTimeout(() => play('drumroll'), Math.max(0, at - 950)));
      timers.push(setTimeout(() => reveal(pos), at));
    });
  }
  row.dataset.staged = 'true';
  return {
    el,
    destroy: () => {
      timers.forEach(clearTimeout);
      stopConfetti();
    },
  };
}

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}
