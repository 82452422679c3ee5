import type { Expr } from '../math/ast';
import type { Judge } from '../math/equivalence';
import { UNDECIDABLE_FEEDBACK, correctFeedback, describePoint, mismatchFeedback } from './feedback';
import type { Candidate } from './expr-context';
import type { Verdict } from './types';

/**
 * The verdict for a parsed expression: equivalent to the expected answer, else the first wrong-answer
 * candidate it matches (naming the mistake), else a neutral hint showing one point where they differ.
 */
export function judgeExpression(
  judge: Judge,
  given: Expr,
  expectedText: string,
  candidates: () => readonly Candidate[],
): Verdict {
  const sampled = judge.sampleExpr(given);
  const cmp = judge.compare(sampled);
  if (cmp.equal) return { correct: true, feedback: correctFeedback(expectedText) };
  if (cmp.reason !== 'differ') return { correct: false, mistake: null, feedback: UNDECIDABLE_FEEDBACK[cmp.reason] };
  for (const c of candidates()) {
    if (judge.compare(sampled, c.sampled).equal) return { correct: false, mistake: c.mistake, feedback: c.feedback };
  }
  const where = describePoint(judge.space.spec.params, judge.space.index, cmp.point);
  return { correct: false, mistake: null, feedback: mismatchFeedback(where, cmp) };
}
