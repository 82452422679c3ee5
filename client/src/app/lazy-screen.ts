/**
 * A phase screen whose module loads on demand (the question and reveal bring KaTeX and the diagrams): stands in
 * for the screen until it is there, passes updates on, and destroys it if the phase moved on meanwhile. Used by
 * the phone's and the party page's phase dispatchers.
 */
import { h, mountScreen } from './dom';
import type { SessionScreen } from './room-session';

/** A mounted phase screen (the one shape every session draws, app/room-session.ts). */
export type LazyScreen = SessionScreen;

/** `layout`: the screen's frame (mountScreen); `loading`: shown while it loads; `failed`: the message if it cannot. */
export function lazyScreen<S extends LazyScreen>(load: () => Promise<S>, layout: Parameters<typeof mountScreen>[0], failed: string, loading?: string): LazyScreen {
  let inner: S | null = null;
  let dead = false;
  if (loading !== undefined) mountScreen(layout, h('div', { class: 'page narrow waiting' }, h('p', { class: 'big' }, loading)));
  load().then((screen) => {
    if (dead) screen.destroy();
    else inner = screen;
  }, () => {
    mountScreen(layout, h('div', { class: 'page narrow waiting' }, h('p', { class: 'big' }, failed)));
  });
  return {
    update: () => inner?.update(),
    destroy: () => {
      dead = true;
      inner?.destroy();
    },
  };
}
