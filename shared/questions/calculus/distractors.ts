import type { MathNode } from 'mathjs';
import type { MistakeCode } from '../../check/types';
import type { Distractor } from '../types';
import { agreeAt } from './numeric';
import { toStr } from './print';

/** A candidate wrong answer before it is checked against the right one. */
export interface Candidate {
  mistake: MistakeCode;
  node: MathNode;
  feedback: string;
}

/**
 * Keeps the candidates that differ from the answer and from each other at the sample points: a "wrong"
 * answer that equals the right one (sin(u)' with a zero layer, a sign flip of 0) must never be flagged.
 * Without at least two points where the answer is defined nothing can be told apart, so nothing is kept.
 */
export function keepDistinct(
  answer: MathNode,
  candidates: readonly Candidate[],
  points: ReadonlyArray<Record<string, number>>,
): Distractor[] {
  if (!hasFinite(answer, points)) return [];
  const kept: Candidate[] = [];
  for (const c of candidates) {
    if (agreeAt(answer, c.node, points) || agreeAt(c.node, answer, points)) continue;
    if (!hasFinite(c.node, points)) continue;
    if (kept.some((k) => agreeAt(k.node, c.node, points))) continue;
    kept.push(c);
  }
  return kept.map((c) => ({ mistake: c.mistake, expr: toStr(c.node), feedback: c.feedback }));
}

function hasFinite(node: MathNode, points: ReadonlyArray<Record<string, number>>): boolean {
  return agreeAt(node, node, points);
}
