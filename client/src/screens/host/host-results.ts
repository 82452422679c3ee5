/**
 * Leaderboard between questions (who moved, points gained) and the final podium, revealed 3rd, 2nd, then 1st,
 * with tied players sharing a step: the same competition ranking the phones show.
 */
import type { LeaderboardEntry } from '../../../../shared/protocol/views';
import { h, mountScreen, prefersReducedMotion } from '../../app/dom';
import { downloadReport } from '../../app/report-download';
import type { HostContext, HostScreen } from './host-context';
import { bindLetterKeys, bindStepKeys, keyCap } from './step-keys';
import { muteButton, play } from './sound';
import { podium } from './podium';
import { fitSummary, summaryMain } from './summary-slide';
import type { ClassSummary } from '../../../../shared/report/class-summary';

/** Players on the between-questions board: five read from the back row. */
const BOARD_ROWS = 5;

/** Mounts the between-questions leaderboard (top 5) with movement and points gained. */
export function renderHostBoard(ctx: HostContext): HostScreen {
  const v = ctx.view;
  if (v.phase !== 'leaderboard') throw new Error('renderHostBoard outside the leaderboard phase');
  ctx.history.seen(v.index, v.players);
  const nextBtn = h('button', { type: 'button', class: 'primary', id: 'next-button', 'aria-keyshortcuts': 'ArrowRight Space', onclick: () => void ctx.advance('next') }, 'Next question ▶', keyCap('→'));
  const animate = !prefersReducedMotion();
  const rows = v.top.slice(0, BOARD_ROWS).map((e, i) => boardRow(e, ctx.history.delta(e), animate ? i : -1));
  const unbind = bindStepKeys({ next: () => void ctx.advance('next'), back: () => undefined });
  mountScreen('projector', h('div', { class: 'host-shell', id: 'host-leaderboard' },
    h('header', { class: 'host-bar top' }, h('h1', { style: 'margin:0;font-size:1.8em' }, 'Leaderboard'),
      h('span', { class: 'pill' }, `After question ${v.index + 1} of ${v.total}`)),
    h('main', { class: 'host-main', style: 'justify-content:center' }, h('ol', { class: 'board', 'aria-label': 'Leaderboard' }, rows)),
    h('footer', { class: 'host-bar bottom', id: 'host-controls' }, nextBtn, h('span', { class: 'spacer' }), muteButton())));
  play('board');
  nextBtn.focus();
  return { update: () => undefined, destroy: unbind };
}

function boardRow(e: LeaderboardEntry, d: { gained: number; moved: number }, order: number): HTMLElement {
  const move = d.moved > 0 ? ['up', `▲${d.moved}`, `up ${d.moved}`] : d.moved < 0 ? ['down', `▼${-d.moved}`, `down ${-d.moved}`] : ['same', '–', 'same place'];
  const li = h('li', { 'data-player': e.playerId, 'data-rank': e.rank, class: order >= 0 ? 'anim' : null },
    h('span', { class: 'rank' }, `#${e.rank}`),
    h('span', { class: `move ${move[0]}`, 'aria-label': move[2] }, move[1]),
    h('span', { class: 'name' }, e.nickname),
    h('span', { class: 'gain' }, d.gained > 0 ? `+${d.gained}` : ''),
    h('span', { class: 'score' }, String(e.score)));
  if (order >= 0) li.style.animationDelay = `${order * 120}ms`;
  return li;
}

/**
 * Mounts the podium (3rd, 2nd, 1st in turn) with the report download, and one key or click further the class's
 * summary (summary-slide.ts); ← goes back to the podium.
 */
export function renderHostFinished(ctx: HostContext): HostScreen {
  const v = ctx.view;
  if (v.phase !== 'finished') throw new Error('renderHostFinished outside the finished phase');
  const fileName = `chain-rule-arena-${v.code}.csv`;
  // The winner's name, large, fills the frame above the podium once first place is revealed.
  const winner = h('p', { class: 'podium-winner', id: 'podium-winner', 'aria-live': 'polite' });
  const stage = podium(v.ranking.length > 0 ? v.ranking : v.podium, {
    onWinner: (names) => {
      winner.textContent = names.length > 1 ? `${names.join(' and ')} share first place!` : `${names[0] ?? ''} wins!`;
      winner.classList.add('shown');
    },
  });
  const newGameButton = (): HTMLElement => h('button', { type: 'button', id: 'new-game', 'aria-keyshortcuts': 'N', onclick: () => ctx.newGame() }, 'New game', keyCap('N'));
  const questions = `${(v.played ?? v.total) < v.total ? `${v.played} of ${v.total}` : v.total} question${v.total === 1 ? '' : 's'}`;
  const showPodium = (): void => {
    mountScreen('projector', h('div', { class: 'host-shell', id: 'host-finished' },
      h('header', { class: 'host-bar top' }, h('h1', { style: 'margin:0;font-size:1.8em' }, 'Final results'),
        h('span', { class: 'pill' }, `${v.ranking.length} players · ${questions}`)),
      h('main', { class: 'finished-main' }, winner, stage.el),
      h('footer', { class: 'host-bar bottom', id: 'host-controls' },
        h('button', { type: 'button', class: 'primary', id: 'summary-button', 'aria-keyshortcuts': 'ArrowRight Space', onclick: () => show('summary') }, 'Class summary ▶', keyCap('→')),
        h('button', { type: 'button', id: 'download-report', 'aria-keyshortcuts': 'R', title: 'Download the report: a CSV file of every answer', onclick: (e: Event) => void downloadReport(v.reportPath, ctx.hostSecret, fileName, e.currentTarget as HTMLButtonElement) }, '⬇ Report', keyCap('R')),
        // The per-question summary (share right, top mistakes) and the report page for past games.
        h('button', { type: 'button', id: 'download-summary', 'aria-keyshortcuts': 'S', title: 'Download the summary: a CSV file, one line per question', onclick: (e: Event) => void downloadReport(v.reportPath.replace(/report\.csv$/, 'summary.csv'), ctx.hostSecret, fileName.replace(/\.csv$/, '-summary.csv'), e.currentTarget as HTMLButtonElement) }, '⬇ Summary', keyCap('S')),
        h('a', { href: '#/reports', target: '_blank', rel: 'noopener', class: 'muted', id: 'open-reports-page' }, 'All reports'),
        newGameButton(), h('span', { class: 'spacer' }), muteButton())));
  };
  let unfit: () => void = () => undefined;
  const showSummary = (): void => {
    const main = summaryMain(v.summary);
    mountScreen('projector', h('div', { class: 'host-shell', id: 'host-summary' },
      h('header', { class: 'host-bar top' }, h('h1', { style: 'margin:0;font-size:1.8em' }, 'What the class got wrong'),
        h('span', { class: 'pill' }, `${v.summary.students} ${v.summary.students === 1 ? 'student' : 'students'} · ${questions}`)),
      main,
      h('footer', { class: 'host-bar bottom', id: 'host-controls' },
        h('button', { type: 'button', id: 'podium-button', 'aria-keyshortcuts': 'ArrowLeft', onclick: () => show('podium') }, '◀ Podium', keyCap('←')),
        practiseButton(ctx, v.summary, 'Practise these ▶', 'P'),
        newGameButton(), h('span', { class: 'spacer' }), muteButton())));
    unfit = fitSummary(main);
  };
  let slide: 'podium' | 'summary' = 'podium';
  const show = (which: 'podium' | 'summary'): void => {
    slide = which;
    unfit();
    if (which === 'podium') showPodium();
    else showSummary();
    document.getElementById(which === 'podium' ? 'summary-button' : 'podium-button')?.focus();
  };
  show('podium');
  const unbind = bindStepKeys({ next: () => slide === 'podium' && show('summary'), back: () => slide === 'summary' && show('podium') });
  // Every action has a key (docs/accessibility.md#keyboard): each presses its button when the slide shows it.
  const press = (id: string) => (): void => document.querySelector<HTMLButtonElement>(`#${id}:not([disabled])`)?.click();
  const unbindLetters = bindLetterKeys({ r: press('download-report'), s: press('download-summary'), p: press('practise-button'), n: press('new-game') });
  return { update: () => undefined, destroy: () => {
    unbind();
    unbindLetters();
    unfit();
    stage.destroy();
  } };
}

/**
 * "Practise these": a follow-up round in the same room, aimed at the class's top mistakes (or, with none named,
 * its weakest topics); the phones move to its lobby by themselves. Absent when every answer was right.
 */
export function practiseButton(ctx: Pick<HostContext, 'command'>, summary: ClassSummary, label = 'Practise these ▶', key: string | null = null): HTMLElement | null {
  if (summary.mistakes.length === 0 && summary.weakTopics.length === 0) return null;
  const button = h('button', { type: 'button', class: 'primary', id: 'practise-button', 'aria-keyshortcuts': key }, label, key ? keyCap(key) : null);
  button.addEventListener('click', () => {
    button.disabled = true;
    void ctx.command({ type: 'follow-up' }).finally(() => {
      button.disabled = false;
    });
  });
  return button;
}
