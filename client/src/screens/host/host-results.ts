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
  const fileName = `chain-rule-arena-${v.code}.csv`;
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
        h('button', { type: 'button', class: 'primary', id: 'download-report', onclick: (e: Event) => void downloadReport(v.reportPath, ctx.hostSecret, fileName, e.currentTarget as HTMLButtonElement) }, '⬇ Download report (CSV)'),
        h('button', { type: 'button', onclick: () => ctx.newGame() }, 'New game'))),
    h('div', { class: 'podium', 'aria-label': 'Podium' }, place(2), place(1), place(3)),
    v.ranking.length > 3
      ? h('details', { class: 'card' }, h('summary', { class: 'big' }, `Full ranking (${v.ranking.length})`), leaderboardList(v.ranking))
      : null));
  return { update: () => undefined, destroy: () => undefined };
}

/**
 * The report is a POST with the host secret in a header, never in a URL (where proxy logs and the browser's
 * history would keep it); the CSV comes back as a blob and is saved under `fileName`.
 */
async function downloadReport(path: string, secret: string, fileName: string, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    const res = await fetch(path, { method: 'POST', headers: { 'X-Host-Secret': secret }, cache: 'no-store' });
    if (!res.ok) throw new Error(`report: HTTP ${res.status}`);
    const url = URL.createObjectURL(await res.blob());
    const a = h('a', { href: url, download: fileName, style: 'display:none' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    console.error(err);
    button.textContent = 'Download failed: try again';
  } finally {
    button.disabled = false;
  }
}
