/** Dispatches the host's HostView to the screen for its phase. */
import type { HostCommand, HostView } from '../../../../shared/protocol';
import type { Connection } from '../../net/connection';
import type { BoardHistory } from './board-history';
import { renderLobby } from './host-lobby';
import { renderHostQuestion } from './host-question';
import { renderHostReveal } from './host-reveal';
import { renderHostBoard, renderHostFinished } from './host-results';

export interface HostContext {
  readonly conn: Connection;
  readonly code: string;
  readonly hostSecret: string;
  view: HostView;
  /** Standings at the previous leaderboard, for "▲2 +850" on the next one. */
  readonly history: BoardHistory;
  command(cmd: HostCommand): Promise<boolean>;
  advance(type: 'skip' | 'next'): Promise<boolean>;
  newGame(): void;
}

export interface HostScreen {
  /** The view changed within the same phase and question. */
  update(): void;
  destroy(): void;
}

/** Mounts the screen for ctx.view's phase. */
export function renderHostPhase(ctx: HostContext): HostScreen {
  switch (ctx.view.phase) {
    case 'lobby':
      return renderLobby(ctx);
    case 'question':
      return renderHostQuestion(ctx);
    case 'reveal':
      return renderHostReveal(ctx);
    case 'leaderboard':
      return renderHostBoard(ctx);
    case 'finished':
      return renderHostFinished(ctx);
  }
}
