/**
 * A player's own result at a reveal, for the phone and the party page alike: the verdict words, whether it was
 * right, the points. Null while the player's `you` for this reveal has not arrived (app/seat-session.ts: the
 * room's reveal view comes first): the screen shows that the result is on its way rather than "No answer" for an
 * answer that closed the round or typing taken at time-up. After REVEAL_WAIT_MS the screen stops waiting and
 * shows what it has (a `you` lost on the way; the next one repaints).
 */
import type { AnswerState, PlayerPhaseView, YouView } from '../../../shared/protocol';
import { mistakeTitle } from '../app/mistakes';

export const REVEAL_WAIT_MS = 2000;

export interface RevealResult {
  answer: AnswerState | null;
  right: boolean;
  words: string;
  points: number;
}

export function revealResult(ctx: { state: PlayerPhaseView; you: YouView; youSettled: boolean }, waited: boolean): RevealResult | null {
  const s = ctx.state;
  if (s.phase !== 'reveal') return null;
  if (!ctx.youSettled && !waited) return null;
  const a = ctx.you.answer?.index === s.index ? ctx.you.answer : null;
  const right = a?.final?.correct === true;
  const words = !a?.final ? 'No answer' : right ? 'Right' : a.final.mistake ? mistakeTitle(a.final.mistake) : 'Wrong';
  return { answer: a, right, words, points: a?.points ?? 0 };
}
