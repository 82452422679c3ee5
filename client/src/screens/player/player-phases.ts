/** What a phone shows in each phase of the room: lobby, question, reveal, leaderboard, finished. */
import type { YouView } from '../../../../shared/protocol';
import { h, mountScreen, replace } from '../../app/dom';
import { lazyScreen } from '../../app/lazy-screen';
import { mistakeName } from '../../app/mistakes';
import { prefetchMath } from '../../app/math';
import { leaderboardList } from '../leaderboard-list';
import { personalReviewList } from './player-review';
import { practiseMissedButton } from '../practise-missed';
import { playerHeader, type PhaseScreen, type PlayerContext } from './player-shell';
import { standingBlock } from './player-standing';

/** Mounts the screen for ctx.state's phase. */
export function renderPhase(ctx: PlayerContext): PhaseScreen {
  const s = ctx.state;
  switch (s.phase) {
    case 'lobby':
      return simple(ctx, () => lobby(ctx));
    case 'question':
      return lazy((m) => m.renderPlayerQuestion(ctx));
    case 'reveal':
      return lazy((m) => m.renderPlayerReveal(ctx));
    case 'leaderboard':
      return simple(ctx, () => board(ctx));
    case 'finished':
      return simple(ctx, () => finished(ctx));
  }
}

let phaseModules: Promise<typeof import('./player-live')> | null = null;

/**
 * The question and reveal screens, KaTeX and its fonts: everything a question screen needs loads after joining,
 * while the player waits in the lobby, so the join itself stays light and opening a question downloads nothing
 * (30 phones on one access point must not all fetch at the moment the clock starts). The diagram's engine is not
 * among them: it loads when a player opens the diagram (player-question.ts).
 */
export function loadPhaseModules(): Promise<typeof import('./player-live')> {
  phaseModules ??= Promise.all([import('./player-live'), prefetchMath()]).then(([m]) => m).catch((err: unknown) => {
    phaseModules = null;
    throw err;
  });
  return phaseModules;
}

function lazy(render: (module: typeof import('./player-live')) => PhaseScreen): PhaseScreen {
  return lazyScreen(loadPhaseModules, render, 'phone', 'Could not load the question. Check your connection.', 'Loading…');
}

function simple(ctx: PlayerContext, draw: () => HTMLElement): PhaseScreen {
  const page = h('div', { class: 'page narrow' });
  const paint = (): void => replace(page, playerHeader(ctx.you), draw());
  mountScreen('phone', page);
  paint();
  return { update: paint, destroy: () => undefined };
}

function lobby(ctx: PlayerContext): HTMLElement {
  const s = ctx.state;
  const count = s.phase === 'lobby' ? s.playerCount : ctx.you.playerCount;
  return h('section', { class: 'waiting stack', id: 'player-lobby' },
    h('div', { class: 'big-icon', 'aria-hidden': 'true' }, '✓'),
    h('h1', {}, 'You’re in!'),
    h('p', { class: 'big' }, 'Playing as ', h('strong', {}, ctx.you.nickname)),
    // Hidden names: the class sees a made-up name; the player needs to know which one is theirs.
    ctx.you.shownAs ? h('p', { class: 'shown-as', id: 'shown-as' }, 'On the big screen you are ', h('strong', {}, ctx.you.shownAs)) : null,
    s.phase === 'lobby' && s.settings.followUp && s.settings.followUp.mistakes.length > 0
      ? h('p', { id: 'follow-up-note' }, `A practice round on: ${s.settings.followUp.mistakes.map((m) => mistakeName(m)).join(', ')}.`) : null,
    h('p', { class: 'muted' }, `${count} player${count === 1 ? '' : 's'} in game ${ctx.code}. Watch the big screen: the game starts soon.`),
    h('button', { type: 'button', class: 'ghost small', onclick: () => ctx.leave() }, 'Leave game'));
}

function board(ctx: PlayerContext): HTMLElement {
  const s = ctx.state;
  if (s.phase !== 'leaderboard') return h('div');
  return h('section', { class: 'stack', id: 'player-leaderboard' },
    h('h1', {}, `After question ${s.index + 1} of ${s.total}`),
    rankLine(ctx.you),
    leaderboardList(s.top.slice(0, 5), ctx.you.playerId));
}

function finished(ctx: PlayerContext): HTMLElement {
  const s = ctx.state;
  if (s.phase !== 'finished') return h('div');
  return h('section', { class: 'stack center', id: 'player-finished' },
    h('h1', {}, 'Game over'),
    rankLine(ctx.you),
    leaderboardList(s.podium, ctx.you.playerId),
    practiseMissedButton(ctx.you.review),
    personalReviewList(ctx.you.review),
    h('button', { type: 'button', class: 'primary', onclick: () => ctx.leave() }, 'Back to start'));
}

/** Rank, gap and total (player-standing.ts); kept under this name for screens that show a player's standing. */
export function rankLine(you: YouView): HTMLElement {
  return standingBlock(you);
}
