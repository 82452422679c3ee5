/**
 * A player's own result at a reveal, for the phone and the party page alike: the verdict words, whether it was
 * right, the points. Null while the player's `you` for this reveal has not arrived (app/seat-session.ts: the
 * room's reveal view comes first): the screen shows that the result is on its way rather than "No answer" for an
 * answer that closed the round or typing taken at time-up. After REVEAL_WAIT_MS the screen stops waiting and
 * shows what it has (a `you` lost on the way; the next one repaints).
 */
import type { AnswerState, PlayerPhaseView, YouView } from '../../../shared/protocol';
import { announce } from '../app/announcer';
import { mistakeTitle } from '../app/mistakes';

export const REVEAL_WAIT_MS = 2000;

export interface RevealResult {
  answer: AnswerState | null;
  right: boolean;
  words: string;
  points: number;
}

type Seat = { state: PlayerPhaseView; you: YouView; youSettled: boolean };

/**
 * The reveal screen's own result, as both reveal screens use it: `current()` is the result (null while waiting),
 * `repaint` runs once the wait is over without a `you`, and the verdict is said through the live region once it is
 * known ("Right, +835 points."), 300 ms later so that a change within that moment replaces it rather than adding a
 * second sentence. `stop()` on destroy.
 */
export function ownResult(ctx: Seat, repaint: () => void): { current(): RevealResult | null; stop(): void } {
  let waited = false;
  let said = '';
  let saying: ReturnType<typeof setTimeout> | null = null;
  const wait = setTimeout(() => {
    waited = true;
    repaint();
  }, REVEAL_WAIT_MS);
  return {
    current() {
      const r = revealResult(ctx, waited);
      const words = r === null ? '' : `${r.words}, ${r.points > 0 ? `+${r.points} points` : 'no points'}.`;
      if (words !== '' && words !== said) {
        said = words;
        if (saying) clearTimeout(saying);
        saying = setTimeout(() => announce(words), 300);
      }
      return r;
    },
    stop() {
      clearTimeout(wait);
      if (saying) clearTimeout(saying);
    },
  };
}

function revealResult(ctx: Seat, waited: boolean): RevealResult | null {
  const s = ctx.state;
  if (s.phase !== 'reveal') return null;
  if (!ctx.youSettled && !waited) return null;
  const a = ctx.you.answer?.index === s.index ? ctx.you.answer : null;
  const right = a?.final?.correct === true;
  const words = !a?.final ? 'No answer' : right ? 'Right' : a.final.mistake ? mistakeTitle(a.final.mistake) : 'Wrong';
  return { answer: a, right, words, points: a?.points ?? 0 };
}
