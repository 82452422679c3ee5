/**
 * Questions as the server hands them out: generated or solved by the shared code, then cross-checked by mathjs
 * (cross-check.ts) and, for a rational backprop network, given exact values in its worked steps (exact-steps.ts).
 * A generated question mathjs disagrees with is logged and drawn again from another seed; a teacher's task it
 * disagrees with is refused with a TaskError, so no answer that two independent derivations dispute reaches a class.
 */
import { TaskError } from '../../shared/questions/family';
import { generateQuestion, solveTask } from '../../shared/questions/index';
import type { Difficulty, Family, Question, TaskByFamily } from '../../shared/questions/types';
import { crossCheck } from './cross-check';
import { withExactSteps } from './exact-steps';

export type CheckLog = (message: string) => void;

/** Draws after a disagreement: each from a seed derived from the first, so a room's questions stay reproducible. */
export const REDRAWS = 8;

/** The question for (family, difficulty, seed), or a redraw when mathjs disagrees with its answer. */
export function generateChecked(family: Family, difficulty: Difficulty, seed: number, log: CheckLog = () => {}): Question {
  let q = generateQuestion(family, difficulty, seed);
  for (let k = 1; k <= REDRAWS; k++) {
    const c = crossCheck(q);
    if (c.verdict !== 'disagree') return withExactSteps(q);
    log(`cross-check: mathjs disagrees with generated question ${q.id} (${JSON.stringify(q.task).slice(0, 200)}): ${c.reason}; drawn again`);
    q = generateQuestion(family, difficulty, (Math.imul(seed, 31) + k * 7919) >>> 0);
  }
  // Every redraw disputed: a bug in the generator or the checker's reference. The last draw is used, and said so.
  log(`cross-check: ${REDRAWS} draws of ${family} level ${difficulty} from seed ${seed} were all disputed; using ${q.id}`);
  return withExactSteps(q);
}

/** A teacher's task solved, or a TaskError: when it cannot be solved, or when mathjs disagrees with the answer. */
export function solveChecked<F extends Family>(
  family: F, task: TaskByFamily[F], log: CheckLog = () => {}, meta: { difficulty?: Difficulty; seed?: number } = {},
): Question {
  const q = solveTask(family, task, meta);
  const c = crossCheck(q);
  if (c.verdict === 'disagree') {
    log(`cross-check: mathjs disagrees with a ${family} task (${JSON.stringify(task).slice(0, 200)}): ${c.reason}; refused`);
    throw new TaskError(`The answer could not be confirmed by an independent check (${c.reason}), so this task is refused. Please report it.`);
  }
  return withExactSteps(q);
}
