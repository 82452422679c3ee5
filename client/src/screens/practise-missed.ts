/**
 * "Practise what you missed" at the end of a game (the phone's end screen, the party's end page): solo mode with
 * its review queue seeded with this player's own wrong answers from the game (review-queue.ts `seedFromGame`),
 * the one missed most often due first. Only what the game already sent this phone is used; nothing is sent.
 */
import type { PersonalReviewItem } from '../../../shared/protocol';
import { h } from '../app/dom';
import { go } from '../app/routes';
import { loadQueue, saveQueue, seedFromGame } from './solo/review-queue';

/** The button, or null when the player got nothing wrong. */
export function practiseMissedButton(review: readonly PersonalReviewItem[] | undefined): HTMLElement | null {
  const wrong = (review ?? []).filter((i) => i.outcome === 'wrong' && i.family !== undefined);
  if (wrong.length === 0) return null;
  return h('button', { type: 'button', class: 'primary', id: 'practise-missed', onclick: () => {
    const { queue } = seedFromGame(loadQueue(localStorage), review ?? [], Date.now());
    saveQueue(localStorage, queue);
    go('solo');
  } }, 'Practise what you missed');
}
