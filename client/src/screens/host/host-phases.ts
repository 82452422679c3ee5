/** Dispatches the host's HostView to the screen for its phase. */
import type { HostContext, HostScreen } from './host-context';
import { renderLobby } from './host-lobby';
import { renderHostQuestion } from './host-question';
import { renderHostReveal } from './host-reveal';
import { renderHostBoard, renderHostFinished } from './host-results';

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
