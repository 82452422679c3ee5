import type { FamilyModule } from '../family';
import { generateImplicit } from '../implicit/generate';
import { solveImplicit } from '../implicit/solve';

/**
 * Implicit2 family: d²y/dx² of an implicit curve, found by differentiating y' = −F_x/F_y again and substituting
 * y'; an expression in x and y, or a value at a point on the curve.
 */
export const implicit2: FamilyModule<'implicit2'> = {
  family: 'implicit2',
  generate: (difficulty, rng) => generateImplicit(2, difficulty, rng),
  solve: (task, meta) => solveImplicit('implicit2', 2, task, meta),
};
