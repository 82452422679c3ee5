/** The player's session as the phone's screens see it, a mounted screen, and the header every phone screen shows. */
import type { AnswerState, PlayerPhaseView, SubmitAnswer, YouView } from '../../../../shared/protocol';
import { h } from '../../app/dom';
import type { Connection, Result } from '../../net/connection';
import type { SessionScreen } from '../../app/room-session';

export interface PlayerContext {
  readonly conn: Connection;
  readonly code: string;
  state: PlayerPhaseView;
  you: YouView;
  /** False for the moment between a phase's view and the player's own `you` for it (app/seat-session.ts). */
  readonly youSettled: boolean;
  submit(payload: SubmitAnswer): Promise<Result<AnswerState>>;
  leave(message?: string): void;
}

/** A mounted phase screen (the one shape every session draws, app/room-session.ts). */
export type PhaseScreen = SessionScreen;

/** Header shared by every phone screen: nickname, score, streak. */
export function playerHeader(you: YouView, extra?: HTMLElement): HTMLElement {
  return h('div', { class: 'phone-head' },
    h('span', { class: 'pill', 'data-nickname': '', title: you.shownAs ? `Shown on the big screen as ${you.shownAs}` : null }, you.shownAs ? `${you.nickname} · ${you.shownAs}` : you.nickname),
    extra ?? null,
    h('span', { class: 'pill', id: 'my-score' }, `${you.score} pts`, you.streak > 1 ? ` · ${you.streak} in a row` : ''));
}
