/** A ranked list of players; nicknames are text nodes, never HTML. */
import type { LeaderboardEntry } from '../../../shared/protocol/views';
import { h } from '../app/dom';

/** The list, with `me` (a playerId) marked for the phone that owns it. */
export function leaderboardList(entries: readonly LeaderboardEntry[], me?: string): HTMLElement {
  return h('ol', { class: 'leaderboard', 'aria-label': 'Leaderboard' },
    entries.map((e) => h('li', { 'data-player': e.playerId, class: e.playerId === me ? 'me' : null, 'aria-current': e.playerId === me ? 'true' : null },
      h('span', { class: 'rank' }, `#${e.rank}`),
      h('span', { class: 'name' }, e.nickname, e.playerId === me ? ' (you)' : ''),
      h('span', { class: 'score' }, String(e.score)))));
}
