/**
 * Where a player stands, large on the phone at each reveal, leaderboard and the end: "+875 · 3rd of 12 · 120
 * behind Ana". The rank and the gap come from the server (`you.rank`, `you.gap`), ranked by the one rule of
 * shared/ranking.ts, so a tie reads the same here as on the projector's leaderboard and podium.
 */
import type { RankGap, YouView } from '../../../../shared/protocol';
import { h } from '../../app/dom';
import './player-standing.css';

export function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

/** "120 behind Ana", "40 ahead of Bo", "Tied with Ana for the lead" (plain numbers, like "+875" and "2450 pts"). */
export function gapWords(gap: RankGap): string {
  switch (gap.kind) {
    case 'behind':
      return `${gap.points} behind ${gap.nickname}`;
    case 'ahead':
      return `${gap.points} ahead of ${gap.nickname}`;
    case 'tied':
      return `Tied with ${gap.nickname} for the lead`;
  }
}

/**
 * The standing block: the points just won (at a reveal), the rank "3rd of 12" (with "tied"), and the gap; the
 * total is in the header. Before the first reveal there is no rank yet, and only the points show.
 */
export function standingBlock(you: YouView, points?: { gained: number; streakBonus?: number | null }): HTMLElement {
  const parts: string[] = [];
  const el = h('section', { class: 'standing', id: 'my-standing' });
  if (points) {
    parts.push(`+${points.gained}`);
    el.append(h('p', { class: `standing-points${points.gained > 0 ? '' : ' zero'}`, id: 'my-points' }, `+${points.gained}`, h('span', { class: 'unit' }, ' points'),
      points.streakBonus ? h('span', { class: 'bonus' }, ` incl. streak +${points.streakBonus}`) : null));
  }
  if (you.rank !== null) {
    const rank = `${ordinal(you.rank)} of ${you.playerCount}`;
    parts.push(rank);
    el.append(h('p', { class: 'standing-rank', id: 'my-rank', 'data-rank': you.rank },
      h('strong', {}, ordinal(you.rank)), ` of ${you.playerCount}`, you.tied ? h('span', { class: 'tied' }, ' (tied)') : null));
  }
  if (you.gap) {
    const words = gapWords(you.gap);
    parts.push(words);
    el.append(h('p', { class: `standing-gap ${you.gap.kind}`, id: 'my-gap', 'data-gap': you.gap.points }, words));
  }
  el.setAttribute('aria-label', parts.join(' · '));
  return el;
}
