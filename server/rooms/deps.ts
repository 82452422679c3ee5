/**
 * The real math behind the rooms: question generators, the task solver and the answer checker from shared/.
 * The checker promises never to throw on player input; should it ever, the player gets a wrong-with-error
 * verdict instead of a stuck round.
 */
import { checkAnswer } from '../../shared/check/index';
import type { Verdict } from '../../shared/check/types';
import { generateQuestion, solveTask } from '../../shared/questions/index';
import type { Family, TaskByFamily } from '../../shared/questions/types';
import { generatedSpec } from './questions';
import type { RoomDeps } from './types';

export function createMathDeps(onError: (context: string, err: unknown) => void = () => {}): RoomDeps {
  return {
    generate(settings, seed, index, variant) {
      const spec = generatedSpec(settings, seed, index, variant);
      return generateQuestion(spec.family, spec.difficulty, spec.seed);
    },
    solve(family, task) {
      return solveTask(family as Family, task as TaskByFamily[Family]);
    },
    check(question, answer, layers): Verdict {
      try {
        return layers === undefined ? checkAnswer(question, answer) : checkAnswer(question, answer, layers);
      } catch (err) {
        onError(`checkAnswer ${question.id}`, err);
        return { correct: false, mistake: null, error: 'This answer could not be checked.' };
      }
    },
  };
}
