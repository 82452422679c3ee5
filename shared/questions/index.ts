import { FAMILIES, type Difficulty, type Family, type Question, type TaskByFamily } from './types';
import type { FamilyModule } from './family';
import { TaskError } from './family';
import { createRng } from './rng';
import { chain } from './families/chain';
import { nested } from './families/nested';
import { higherOrder } from './families/higher-order';
import { activation } from './families/activation';
import { multivariable } from './families/multivariable';
import { partial } from './families/partial';
import { jacobian } from './families/jacobian';
import { implicit } from './families/implicit';
import { implicit2 } from './families/implicit2';
import { backprop } from './families/backprop';
import { gradientFlow } from './families/gradient-flow';
import { uncheckableReason } from '../check/checkable';
import { TASK_DIFFICULTY } from '../timing/question-seconds';

export * from './types';
export { TaskError } from './family';
export { createRng } from './rng';
export { toPublicQuestion, answerVars } from './public';

const MODULES: { [F in Family]: FamilyModule<F> } = {
  chain,
  nested,
  'higher-order': higherOrder,
  activation,
  multivariable,
  partial,
  jacobian,
  implicit,
  implicit2,
  backprop,
  'gradient-flow': gradientFlow,
};

export function isFamily(value: unknown): value is Family {
  return typeof value === 'string' && (FAMILIES as readonly string[]).includes(value);
}

export function isDifficulty(value: unknown): value is Difficulty {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

/**
 * The question for (family, difficulty, seed): the same triple gives the same question, byte for byte, in Node
 * and in the browser. The rng is seeded from all three so that the same seed at two difficulties differs.
 */
export function generateQuestion(family: Family, difficulty: Difficulty, seed: number): Question {
  const mod = MODULES[family] as FamilyModule<Family>;
  const rng = createRng(mixSeed(family, difficulty, seed));
  const task = mod.generate(difficulty, rng);
  return mod.solve(task, { difficulty, seed });
}

/**
 * The full question for a task someone wrote (a teacher, the `arena solve` command). Throws TaskError with a
 * message for a person when the task is malformed or unsolvable.
 */
export function solveTask<F extends Family>(
  family: F,
  task: TaskByFamily[F],
  meta: { difficulty?: Difficulty; seed?: number } = {},
): Question {
  if (!isFamily(family)) throw new TaskError(`Unknown family "${String(family)}".`);
  if (task === null || typeof task !== 'object') throw new TaskError('The task must be a JSON object.');
  const mod = MODULES[family] as FamilyModule<F>;
  const q = mod.solve(task, { difficulty: meta.difficulty ?? TASK_DIFFICULTY, seed: meta.seed ?? 0 });
  // A teacher's task whose answer the checker cannot sample is refused now, never judged by text later.
  const reason = uncheckableReason(q);
  if (reason !== null) throw new TaskError(reason);
  return q;
}

function mixSeed(family: Family, difficulty: number, seed: number): number {
  let h = 2166136261 >>> 0;
  for (const ch of `${family}:${difficulty}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return (h ^ Math.imul(Math.trunc(seed) >>> 0, 2654435761)) >>> 0;
}

