/** Leaderboard between questions, podium at the end, and the CSV report download. */
import { h, mountScreen } from '../../app/dom';
import { leaderboardList } from '../leaderboard-list';
import type { HostContext, HostScreen } from './host-phases';

/** Mounts the between-questions leaderboard (top 5). */
export function renderHostBoard(ctx: HostContext): HostScreen {
  const v = ctx.view;
  if (v.phase !== 'leaderboard') throw new Error('renderHostBoard outside the leaderboard phase');
  const nextBtn = h('button', { type: 'button', class: 'primary', id: 'next-button', onclick: () => void ctx.advance('next') }, 'Next question ▶');
  mountScreen('projector', h('div', { class: 'page wide', id: 'host-leaderboard' },
    h('div', { class: 'host-top' }, h('h1', { style: 'margin:0' }, 'Leaderboard'),
      h('span', { class: 'pill big' }, `After question ${v.index + 1} of ${v.total}`), nextBtn),
    h('div', { style: 'max-width:60vw;margin:2vh auto;width:100%;font-size:1.5em' }, leaderboardList(v.top.slice(0, 5)))));
  nextBtn.focus();
  return { update: () => undefined, destroy: () => undefined };
}

/** Mounts the podium, the full ranking and the report download. */
export function renderHostFinished(ctx: HostContext): HostScreen {
  const v = ctx.view;
  if (v.phase !== 'finished') throw new Error('renderHostFinished outside the finished phase');
  const sep = v.reportPath.includes('?') ? '&' : '?';
  const href = `${v.reportPath}${sep}secret=${encodeURIComponent(ctx.hostSecret)}`;
  const place = (rank: 1 | 2 | 3): HTMLElement | null => {
    const e = v.podium[rank - 1];
    if (!e) return null;
    return h('div', { class: `place p${rank}`, 'data-place': rank },
      h('span', { class: 'pname' }, e.nickname), h('span', { class: 'big' }, `${e.score} pts`),
      h('div', { class: 'block' }, String(rank)));
  };
  mountScreen('projector', h('div', { class: 'page wide', id: 'host-finished' },
    h('div', { class: 'host-top' }, h('h1', { style: 'margin:0;font-size:2.6em' }, 'Final results'),
      h('div', { class: 'row' },
        h('a', { class: 'button primary', id: 'download-report', href, download: `chain-rule-arena-${v.code}.csv` }, '⬇ Download report (CSV)'),
        h('button', { type: 'button', onclick: () => ctx.newGame() }, 'New game'))),
    h('div', { class: 'podium', 'aria-label': 'Podium' }, place(2), place(1), place(3)),
    v.ranking.length > 3
      ? h('details', { class: 'card' }, h('summary', { class: 'big' }, `Full ranking (${v.ranking.length})`), leaderboardList(v.ranking))
      : null));
  return { update: () => undefined, destroy: () => undefined };
}
