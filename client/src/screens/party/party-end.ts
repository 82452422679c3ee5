/**
 * Standings on every party page: between questions the board (with Ready and the creator's Next), at the end the
 * podium for everyone, the full ranking, your own answers, and for the creator the reports.
 */
import type { LeaderboardEntry, PartyPlayer } from '../../../../shared/protocol';
import { podium } from '../host/podium';
import { h, mountScreen, replace } from '../../app/dom';
import { downloadReport } from '../../app/report-download';
import { personalReviewList } from '../player/player-review';
import { endButton, groupList, partyShell, type PartyContext, type PartyScreen } from './party-shell';
import { NARROW_PX } from './party-diagram';
import { readyPanel } from './party-ready';
import { practiseMissedButton } from '../practise-missed';
import { practiseButton } from '../host/host-results';
import { familyLabel } from '../family-labels';

export function renderPartyStandings(ctx: PartyContext): PartyScreen {
  return ctx.state.phase === 'finished' ? renderFinished(ctx) : renderBoard(ctx);
}

function renderBoard(ctx: PartyContext): PartyScreen {
  const s = ctx.state;
  if (s.phase !== 'leaderboard') throw new Error('renderBoard outside the leaderboard phase');
  const group = h('div', {});
  const ready = readyPanel(ctx);
  const paint = (): void => {
    replace(group, groupList(ctx, { ready: true, ranked: true }));
    ready.update();
  };
  const nextBtn = ctx.isCreator ? h('button', { type: 'button', class: 'primary', id: 'next-button', onclick: () => void ctx.advance('next') }, 'Next question ▶') : null;
  mountScreen('page', partyShell('party-board',
    [h('span', { class: 'pill' }, `After question ${s.index + 1} of ${s.total}`)], [nextBtn, endButton(ctx)],
    h('main', { class: 'party-standings' }, h('section', { class: 'card stack' }, h('h1', {}, 'Standings'), group, ready.el))));
  paint();
  return { update: paint, destroy: () => ready.destroy() };
}

function renderFinished(ctx: PartyContext): PartyScreen {
  const s = ctx.state;
  if (s.phase !== 'finished') throw new Error('renderFinished outside the finished phase');
  const ranking = rankingOf(ctx.state.party?.players ?? []);
  const stage = podium(ranking.length > 0 ? ranking : s.podium, { me: ctx.you.playerId });
  stage.el.classList.add('party-podium');
  const first = (ranking.length > 0 ? ranking : s.podium).filter((e) => e.rank === 1 && e.score > 0);
  // Your own answers fold away on a laptop (the podium and the group fill the frame); a phone page scrolls anyway.
  const reviewBody = h('div', {});
  const summary = h('summary', {});
  const review = h('details', { class: 'party-review card flat', id: 'party-review', open: window.innerWidth < NARROW_PX }, summary, reviewBody);
  const paint = (): void => {
    const hostView = ctx.host;
    if (ctx.isCreator && hostView?.phase === 'finished' && !drill.firstChild) replace(drill, practiseButton(ctx, hostView.summary, 'Practise these'));
    const items = ctx.you.review ?? [];
    const right = items.filter((i) => i.outcome === 'correct').length;
    summary.textContent = items.length > 0 ? `Your answers: ${right} of ${items.length} right (open to review each one)` : 'Your answers';
    // Drawn only while open: a closed fold's content still has boxes (content-visibility), off the frame.
    replace(reviewBody, review.open ? personalReviewList(items, { titled: false }) : null);
  };
  review.addEventListener('toggle', paint);
  // The interview drill's follow-up: the group's weakest topic, and for the creator the round aimed at its mistakes.
  const weak = s.weakTopic;
  const weakest = weak ? h('p', { id: 'weakest-topic' }, 'The group’s weakest topic: ', h('strong', {}, familyLabel(weak.topic)),
    ` (${Math.round(weak.share * 100)}% right)`) : null;
  // The creator's host view may arrive after this page is drawn: the button comes with it (paint).
  const drill = h('span', { class: 'drill-slot' });
  const practise = ctx.isCreator ? [drill] : [];
  const secret = ctx.hostSecret;
  const reports = secret === null ? [] : [
    h('button', { type: 'button', id: 'download-report', onclick: (e: Event) => void downloadReport(`/api/rooms/${ctx.code}/report.csv`, secret, `chain-rule-arena-${ctx.code}.csv`, e.currentTarget as HTMLButtonElement) }, '⬇ Report (CSV)'),
  ];
  mountScreen('page', partyShell('party-finished',
    // After an early End, the questions that were played (the review and "n of m right" count those too).
    [h('span', { class: 'pill' }, 'Final results'), h('span', { class: 'muted', id: 'questions-played' }, playedWords(s.played ?? s.total, s.total))],
    [...reports, ...practise, h('button', { type: 'button', class: 'primary', id: 'back-to-start', onclick: () => ctx.leave() }, 'Back to start')],
    h('main', { class: 'party-end' },
      h('section', { class: 'party-podium-box podium-side' }, h('h1', { id: 'party-winner' }, winnerLine(first, ctx.you.playerId)),
        stage.el),
      h('section', { class: 'party-podium-box' }, h('h2', {}, 'Everyone'), groupList(ctx, { ranked: true }), weakest, practiseMissedButton(ctx.you.review), review))));
  paint();
  return { update: paint, destroy: () => stage.destroy() };
}

/** The party's players as board entries, best first (ties share a rank, as the server ranked them). */
function rankingOf(players: readonly PartyPlayer[]): LeaderboardEntry[] {
  return players
    .filter((p) => p.rank !== null)
    .map((p) => ({ rank: p.rank ?? 0, playerId: p.playerId, nickname: p.nickname, score: p.score, streak: 0 }))
    .sort((a, b) => a.rank - b.rank);
}

/** "Ana wins!", "You win!", "Ana and Ben share first place!". */
function winnerLine(first: ReadonlyArray<{ playerId: string; nickname: string }>, me: string): string {
  if (first.length === 0) return 'Game over';
  if (first.length > 1) return `${first.map((e) => (e.playerId === me ? 'you' : e.nickname)).join(' and ')} share first place!`.replace(/^you/, 'You');
  return first[0]?.playerId === me ? 'You win!' : `${first[0]?.nickname ?? ''} wins!`;
}

/** "3 questions", or "3 of 6 questions" when the game was ended early. */
export function playedWords(played: number, total: number): string {
  return played < total ? `${played} of ${total} questions played` : `${total} question${total === 1 ? '' : 's'}`;
}

