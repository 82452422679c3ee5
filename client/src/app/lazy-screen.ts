/**
 * A phase screen whose module loads on demand (the question and reveal bring KaTeX and the diagrams): stands in
 * for the screen until it is there, passes updates on, and draws nothing if the phase moved on meanwhile. Used by
 * the phone's and the party page's phase dispatchers.
 */
import { h, mountScreen } from './dom';
import type { SessionScreen } from './room-session';

/** A mounted phase screen (the one shape every session draws, app/room-session.ts). */
export type LazyScreen = SessionScreen;

/**
 * `load` fetches the module, `render` draws the screen from it, only while this screen is still the page's: a
 * module that arrives after the phase moved on (a slow chunk, a quick host) must not draw over the phase that
 * replaced it, and the renderers read the session's current phase. `layout`: the screen's frame (mountScreen);
 * `loading`: shown while it loads; `failed`: the message if it cannot.
 */
export function lazyScreen<M, S extends LazyScreen>(
  load: () => Promise<M>, render: (module: M) => S, layout: Parameters<typeof mountScreen>[0], failed: string, loading?: string,
): LazyScreen {
  let inner: S | null = null;
  let dead = false;
  const say = (text: string): void => {
    mountScreen(layout, h('div', { class: 'page narrow waiting' }, h('p', { class: 'big' }, text)));
  };
  if (loading !== undefined) say(loading);
  load().then((module) => {
    if (dead) return;
    try {
      inner = render(module);
    } catch (err) {
      // A bug, not the network: the player still gets a message, and the error goes where tests and logs see it.
      say(failed);
      reportError(err);
    }
  }, () => {
    if (!dead) say(failed);
  });
  return {
    update: () => inner?.update(),
    destroy: () => {
      dead = true;
      inner?.destroy();
    },
  };
}
