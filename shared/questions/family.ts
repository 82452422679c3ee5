import type { Difficulty, Family, Question, TaskByFamily } from './types';
import type { Rng } from './rng';

/**
 * One question family. `generate` only picks a task; `solve` builds the whole question from a task, so a
 * generated question and a teacher-written task go through the same code path.
 */
export interface FamilyModule<F extends Family> {
  family: F;
  /** Picks a task of the given difficulty from the seeded generator. */
  generate(difficulty: Difficulty, rng: Rng): TaskByFamily[F];
  /**
   * Builds the full question: answer, layers/paths/backward steps, worked steps and prompt.
   * Throws `TaskError` with a message for a person when the task cannot be solved (bad expression, unknown
   * variable, undefined point).
   */
  solve(task: TaskByFamily[F], meta: { difficulty: Difficulty; seed: number }): Question;
}

/** A task that cannot be turned into a question; the message is shown to a person. */
export class TaskError extends Error {
  override name = 'TaskError';
}
