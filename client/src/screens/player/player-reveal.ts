/**
 * The reveal on a phone: right or wrong (with the mistake named), then large the points won, the rank and the gap
 * to the next player, then the answer and the derivation.
 */
import { h, mountScreen, verdictBadge } from '../../app/dom';
import { answerLine } from '../answer-text';
import { explainPromptBox } from '../explain-prompt';
import { workedSolution } from '../solution';
import { playerHeader, type PhaseScreen, type PlayerContext } from './player-shell';
import { standingBlock } from './player-standing';
import { feedbackElement } from '../feedback-text';
import { ownResult } from '../reveal-result';

/** Mounts the reveal phase for ctx.state (phase 'reveal'). */
export function renderPlayerReveal(ctx: PlayerContext): PhaseScreen {
  const page = h('div', { class: 'page narrow stack', id: 'player-reveal' });
  // The player's own result waits for their `you` for this reveal, and is said once known (reveal-result.ts).
  const own = ownResult(ctx, () => paint());
  const paint = (): void => {
    const s = ctx.state;
    if (s.phase !== 'reveal') return;
    const r = own.current();
    // Focus stays on the verdict through repaints (a score update redraws the page), or lands on it at first.
    const refocus = !page.isConnected || document.activeElement === document.body
      || document.activeElement?.id === 'reveal-verdict' || document.activeElement?.id === 'reveal-pending';
    const a = r?.answer ?? null;
    const verdict = r === null
      ? h('section', { class: 'feedback pending stack', id: 'reveal-pending', tabindex: '-1' }, h('div', { class: 'big muted' }, 'Your result…'))
      : h('section', { class: `feedback ${r.right ? 'right' : 'wrong'} stack`, id: 'reveal-verdict', tabindex: '-1' },
        h('div', { class: 'big' }, verdictBadge(r.right, r.words)),
        a?.final?.feedback ? feedbackElement(a.final.feedback) : null,
        a?.fromDraft ? h('p', { class: 'muted', id: 'from-draft' }, 'Not submitted: your typed answer was taken when time ran out.') : null,
        ctx.you.streak > 1 ? h('p', {}, `Streak: ${ctx.you.streak} right in a row`) : null);
    page.replaceChildren(
      playerHeader(ctx.you),
      verdict,
      r === null ? '' : standingBlock(ctx.you, { gained: r.points, streakBonus: a?.streakBonus ?? null }),
      answerLine(s.question),
      explainPromptBox(s.question) ?? '',
      h('details', { open: r !== null && !r.right }, h('summary', {}, 'Worked solution'), solution(s.question.steps)));
    if (refocus) verdict.focus({ preventScroll: true });
  };
  mountScreen('phone', page);
  paint();
  return {
    update: paint,
    destroy: () => own.stop(),
  };
}

/** The worked steps: each formula wraps within the phone's width (solution.ts), shrinking only if it must. */
function solution(steps: Parameters<typeof workedSolution>[0]): HTMLElement {
  const list = workedSolution(steps, { animate: false });
  return list;
}
