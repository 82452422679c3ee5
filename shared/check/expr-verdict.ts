import type { Expr } from '../math/ast';
import type { Judge } from '../math/equivalence';
import { normalizeInput } from '../math/normalize';
import { correctFeedback, describePoint, mismatchFeedback } from './feedback';
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
  for (const c of candidates()) {
    if (judge.compare(sampled, c.sampled).equal) return { correct: false, mistake: c.mistake, feedback: c.feedback };
  }
  const where = describePoint(judge.space.spec.params, judge.space.index, cmp.point);
  return { correct: false, mistake: null, feedback: mismatchFeedback(where, cmp) };
}

/**
 * When the expected answer is undefined at every point tried, sampling cannot decide; fall back to comparing
 * the typed text with spaces removed, so a verbatim answer is still accepted.
 */
export function judgeVerbatim(givenText: string, expectedText: string): Verdict {
  const squash = (s: string): string => normalizeInput(s).replace(/[\s*]/g, '');
  return squash(givenText) === squash(expectedText)
    ? { correct: true, feedback: correctFeedback(expectedText) }
    : { correct: false, mistake: null, feedback: 'Not equivalent to the expected answer.' };
}
