/**
 * The party page's phases: which screen each phase shows, each loaded on demand. What every phase shows (the top
 * bar, the group, the creator's controls) is in party-shell.ts, which the screens import instead of this file.
 */
import { lazyScreen } from '../../app/lazy-screen';
import type { PartyContext, PartyScreen } from './party-shell';
import '../host/host.css';
import './party.css';

/** Mounts the page for ctx.state's phase; the question and reveal (mathjs, KaTeX, Phaser) load on demand. */
export function renderPartyPhase(ctx: PartyContext): PartyScreen {
  switch (ctx.state.phase) {
    case 'lobby':
      return lazy(() => import('./party-lobby'), (m) => m.renderPartyLobby(ctx));
    case 'question':
      return lazy(() => import('./party-question'), (m) => m.renderPartyQuestion(ctx));
    case 'reveal':
      return lazy(() => import('./party-reveal'), (m) => m.renderPartyReveal(ctx));
    case 'leaderboard':
    case 'finished':
      return lazy(() => import('./party-end'), (m) => m.renderPartyStandings(ctx));
  }
}

function lazy<M>(load: () => Promise<M>, render: (module: M) => PartyScreen): PartyScreen {
  return lazyScreen(load, render, 'page', 'Could not load the game. Check your connection and reload.');
}
