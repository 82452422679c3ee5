/**
 * The real math behind the rooms: question generators, the task solver and the answer checker from shared/, each
 * question cross-checked by mathjs on the way (server/math/checked.ts).
 * Verdicts are memoised per (question, input): a class types a handful of distinct answers, and in a lecture hall
 * the checker would otherwise redo the same work hundreds of times inside one answer window.
 * The checker promises never to throw on player input; should it ever, the player gets a wrong-with-error
 * verdict instead of a stuck round.
 */
import { checkAnswer } from '../../shared/check/index';
import { LruCache } from '../../shared/check/cache';
import type { AnswerInput, Verdict } from '../../shared/check/types';
import type { Family, Question, TaskByFamily } from '../../shared/questions/types';
import { generateChecked, solveChecked } from '../math/checked';
import { generatedSpec } from '../rooms/questions';
import type { RoomDeps } from '../rooms/types';

export const VERDICT_CACHE_SIZE = 20_000;

export function createMathDeps(onError: (context: string, err: unknown) => void = () => {}): RoomDeps {
  const verdicts = new LruCache<string, Verdict>(VERDICT_CACHE_SIZE);
  const crossCheckLog = (message: string): void => onError('cross-check', new Error(message));
  // mathjs's first derivative pays for its lazy set-up (a good part of a second on a loaded machine): paid here, at
  // start, not inside a class's first question.
  generateChecked('chain', 1, 0, crossCheckLog);
  const questionKeys = new WeakMap<Question, string>();
  const keyOf = (q: Question): string => {
    let key = questionKeys.get(q);
    if (key === undefined) {
      // Ids of teacher tasks need not be unique: the task and its answer identify the question.
      key = JSON.stringify([q.family, q.task, q.answer, q.layers?.map((l) => l.evaluated)]);
      questionKeys.set(q, key);
    }
    return key;
  };
  const check = (question: Question, answer: AnswerInput, layers?: Array<string | null>): Verdict => {
    try {
      return layers === undefined ? checkAnswer(question, answer) : checkAnswer(question, answer, layers);
    } catch (err) {
      onError(`checkAnswer ${question.id}`, err);
      return { correct: false, mistake: null, error: 'This answer could not be checked.' };
    }
  };
  return {
    // Every question is cross-checked by mathjs before a class sees it (server/math/checked.ts).
    generate(settings, seed, index, variant) {
      const spec = generatedSpec(settings, seed, index, variant);
      return generateChecked(spec.family, spec.difficulty, spec.seed, crossCheckLog);
    },
    solve(family, task) {
      return solveChecked(family as Family, task as TaskByFamily[Family], crossCheckLog);
    },
    check(question, answer, layers) {
      const key = `${keyOf(question)}\u0000${JSON.stringify([answer, layers ?? null])}`;
      return verdicts.getOrCreate(key, () => check(question, answer, layers));
    },
  };
}
