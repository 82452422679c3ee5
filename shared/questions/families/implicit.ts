import type { FamilyModule } from '../family';
import { generateImplicit } from '../implicit/generate';
import { solveImplicit } from '../implicit/solve';

/**
 * Implicit family: dy/dx = −F_x/F_y for a curve F(x, y) = G(x, y) (docs/question-format.md#families-and-their-task),
 * as an expression in x and y, or a value when the task gives a point on the curve.
 */
export const implicit: FamilyModule<'implicit'> = {
  family: 'implicit',
  generate: (difficulty, rng) => generateImplicit(1, difficulty, rng),
  solve: (task, meta) => solveImplicit('implicit', 1, task, meta),
};
