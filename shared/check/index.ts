/**
 * Public API of the answer checker. PLACEHOLDER CONTRACT written by the lead; the checker helper replaces the
 * bodies (and may split them into other files) but keeps these exported names and signatures.
 */
import type { Question } from '../questions/types';
import type { AnswerInput, LayerInputs, Verdict } from './types';

export * from './types';

/** Judges a player's answer (and optional per-layer answers) to a question. Never throws on player input. */
export declare function checkAnswer(question: Question, answer: AnswerInput, layers?: LayerInputs): Verdict;

/**
 * The free-form comparison of `arena check` lines `{expected, given, vars?, curve?, subs?}`.
 * Never throws on input.
 */
export declare function checkExpressions(input: {
  expected: string;
  given: string;
  vars?: string[];
  curve?: string;
  subs?: Record<string, string>;
}): Verdict;

/** For live feedback while typing: is this string an allowed expression in these variables? */
export declare function validateExpression(src: string, vars: readonly string[]): { ok: true } | { ok: false; error: string };
