import type { Expr } from '../../math/ast';
import { toText } from '../../math/text';
import type { MistakeCode } from '../../check/types';
import type { Distractor } from '../types';
import { finiteCount, sameValues, valuesAt } from './numeric';

/** A candidate wrong answer before it is checked against the right one. */
export interface Candidate {
  mistake: MistakeCode;
  node: Expr;
  feedback: string;
}

/** Points compared per candidate: plenty to tell expressions apart, few enough to stay fast. */
const COMPARE_POINTS = 6;

/**
 * Keeps the candidates that differ from the answer and from each other at the sample points: a "wrong"
 * answer that equals the right one (sin(u)' with a zero layer, a sign flip of 0) must never be flagged.
 * Without at least two points where the answer is defined nothing can be told apart, so nothing is kept.
 */
export function keepDistinct(
  answer: Expr,
  candidates: readonly Candidate[],
  points: ReadonlyArray<Record<string, number>>,
): Distractor[] {
  const pts = points.slice(0, COMPARE_POINTS);
  const ans = valuesAt(answer, pts);
  if (finiteCount(ans) < 2) return [];
  const kept: Array<{ c: Candidate; vals: number[] }> = [];
  for (const c of candidates) {
    const vals = valuesAt(c.node, pts);
    if (finiteCount(vals) < 2 || sameValues(ans, vals) || sameValues(vals, ans)) continue;
    if (kept.some((k) => sameValues(k.vals, vals))) continue;
    kept.push({ c, vals });
  }
  return kept.map(({ c }) => ({ mistake: c.mistake, expr: toText(c.node), feedback: c.feedback }));
}
