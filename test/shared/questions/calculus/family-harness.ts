import { createRng } from '../../../../shared/questions/rng';
import type { FamilyModule } from '../../../../shared/questions/family';
import type { Difficulty, Family, Question } from '../../../../shared/questions/types';

export const DIFFICULTIES: readonly Difficulty[] = [1, 2, 3, 4, 5];

/** A question straight from a family module (the same path generateQuestion takes, without its seed mixing). */
export function make<F extends Family>(mod: FamilyModule<F>, difficulty: Difficulty, seed: number): Question {
  const task = mod.generate(difficulty, createRng(seed * 7919 + difficulty));
  return mod.solve(task, { difficulty, seed });
}

/** Every (difficulty, seed) pair for seeds 0..count-1. */
export function grid(count: number): Array<[Difficulty, number]> {
  return DIFFICULTIES.flatMap((d) => Array.from({ length: count }, (_, s): [Difficulty, number] => [d, s]));
}
