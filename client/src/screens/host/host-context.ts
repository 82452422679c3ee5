/** The host's session as its screens see it (host-screen.ts implements it), and what a mounted screen offers. */
import type { HostCommand, HostView } from '../../../../shared/protocol';
import type { Connection } from '../../net/connection';
import type { BoardHistory } from './board-history';
import type { SessionScreen } from '../../app/room-session';

export interface HostContext {
  readonly conn: Connection;
  readonly code: string;
  readonly hostSecret: string;
  readonly view: HostView;
  /** Standings at the previous leaderboard, for "▲2 +850" on the next one. */
  readonly history: BoardHistory;
  command(cmd: HostCommand): Promise<boolean>;
  advance(type: 'skip' | 'next'): Promise<boolean>;
  newGame(): void;
}

/** A mounted phase screen (the one shape every session draws, app/room-session.ts). */
export type HostScreen = SessionScreen;
