/** What every party phase shows: the session the screens see, the top bar, the group and the creator's controls. */
import type { AnswerState, HostCommand, HostView, PartyPlayer, PlayerPhaseView, SubmitAnswer, YouView } from '../../../../shared/protocol';
import { h, type Child } from '../../app/dom';
import type { Connection, Result } from '../../net/connection';
import type { SessionScreen } from '../../app/room-session';

export interface PartyContext {
  readonly conn: Connection;
  readonly code: string;
  state: PlayerPhaseView;
  you: YouView;
  /** False for the moment between a phase's view and the player's own `you` for it (app/seat-session.ts). */
  readonly youSettled: boolean;
  /** The creator's host view (null on a friend's page). */
  readonly host: HostView | null;
  readonly isCreator: boolean;
  /** The creator's host key (report downloads); null on a friend's page. */
  readonly hostSecret: string | null;
  submit(payload: SubmitAnswer): Promise<Result<AnswerState>>;
  /** Sends Ready for the reveal or board on screen. */
  ready(): Promise<boolean>;
  command(cmd: HostCommand): Promise<boolean>;
  advance(type: 'skip' | 'next'): Promise<boolean>;
  leave(message?: string): void;
}

/** A mounted phase screen (the one shape every session draws, app/room-session.ts). */
export type PartyScreen = SessionScreen;

/** The page frame: a top bar (what and where, then `right`), the phase's body, nothing below the fold. */
export function partyShell(id: string, left: Child[], right: Child[], body: HTMLElement): HTMLElement {
  return h('div', { class: 'party-shell', id },
    h('header', { class: 'party-bar' }, h('div', { class: 'party-kicker' }, ...left), h('div', { class: 'party-actions' }, ...right)),
    body);
}

/** The group, from the party block: who, score, and (by phase) ready marks or this question's outcome. */
export function groupList(ctx: PartyContext, opts: { results?: boolean; ready?: boolean; scores?: boolean; ranked?: boolean; answered?: boolean } = {}): HTMLElement {
  const all = ctx.state.party?.players ?? [];
  // Ranked: best first, with the rank (ties share it); otherwise join order, the creator first.
  const players = opts.ranked ? [...all].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity)) : all;
  return h('ol', { class: 'party-group', id: 'party-group', 'aria-label': 'Players' }, players.map((p) => groupRow(p, ctx.you.playerId, opts)));
}

const OUTCOME: Record<NonNullable<PartyPlayer['result']>['outcome'], [string, string]> = {
  correct: ['✓', 'right'], wrong: ['✗', 'wrong'], 'no answer': ['–', 'no answer'],
};

function groupRow(p: PartyPlayer, me: string, opts: { results?: boolean; ready?: boolean; scores?: boolean; ranked?: boolean; answered?: boolean }): HTMLElement {
  const outcome = opts.results && p.result ? OUTCOME[p.result.outcome] : null;
  // Every number says what it is ("+1000 this round", "1000 total") and every mark is words, not a bare "…".
  const facts: Child[] = [
    outcome && p.result ? h('span', { class: `outcome ${p.result.outcome === 'correct' ? 'right' : 'wrong'}`, 'aria-label': `${outcome[1]}, +${p.result.points} this round` }, outcome[0], p.result.outcome === 'no answer' ? ' no answer' : ` +${p.result.points} this round`) : null,
    opts.answered ? h('span', { class: `ready-mark${p.answered ? ' on' : ''}`, 'data-answered': String(p.answered === true) }, p.answered ? '✓ answered' : p.connected ? 'thinking…' : 'away') : null,
    opts.scores === false ? null : h('span', { class: 'score' }, `${p.score} total`),
    opts.ready ? h('span', { class: `ready-mark${p.ready ? ' on' : ''}` }, p.ready ? '✓ ready' : p.connected ? 'not ready yet' : 'away') : null,
  ].filter((f) => f !== null);
  const joined = facts.flatMap((f, i) => (i === 0 ? [f] : [h('span', { class: 'sep', 'aria-hidden': 'true' }, '·'), f]));
  return h('li', { 'data-player': p.playerId, 'data-ready': String(p.ready), 'data-outcome': p.result?.outcome ?? '', class: `${p.playerId === me ? 'me' : ''}${p.connected ? '' : ' away'}`.trim() || null },
    h('span', { class: 'name' }, opts.ranked && p.rank !== null ? h('span', { class: 'rank' }, `#${p.rank} `) : null, p.nickname, p.creator ? h('span', { class: 'muted', title: 'Created the party' }, ' ★') : null, p.playerId === me ? h('span', { class: 'muted' }, ' (you)') : null),
    h('span', { class: 'facts' }, joined));
}

/** The creator, by nickname, for "waiting for Ana". */
export function creatorName(state: PlayerPhaseView): string {
  return state.party?.players.find((p) => p.creator)?.nickname ?? 'the creator';
}

/** "2 of 3 ready" over connected players. */
export function readyCount(state: PlayerPhaseView): { ready: number; of: number } {
  const here = (state.party?.players ?? []).filter((p) => p.connected);
  return { ready: here.filter((p) => p.ready).length, of: here.length };
}

/** The creator's End button (confirmation first: it ends the game for everyone). */
export function endButton(ctx: PartyContext): HTMLElement | null {
  if (!ctx.isCreator) return null;
  return h('button', { type: 'button', class: 'danger', id: 'end-button', onclick: () => {
    if (window.confirm('End the game for everyone now?')) void ctx.command({ type: 'end' });
  } }, 'End');
}
