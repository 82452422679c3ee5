/**
 * The mistake → follow-up table (docs/game-design.md#the-follow-up-round): for each mistake the checker can name,
 * the families, difficulty and question shape where that mistake shows, so a follow-up round made of them gives
 * every student a fresh chance to make it (and be told so) or to get it right. One table, read by the follow-up
 * generator (followup/generate.ts); test/shared/followup-table.test.ts checks that for every code a generated
 * follow-up question carries the mistake as a named distractor.
 */
import type { MistakeCode } from '../check/types';
import type { Difficulty, Family, Question } from '../questions/types';

/** One place a mistake shows: a family at a level, narrowed by the shape a question must have. */
export interface FollowUpAim {
  family: Family;
  difficulty: Difficulty;
  /** The shape, for a person (the docs and the report list it). */
  shape: string;
  /** Whether a generated question has that shape (the distractor itself is checked by the generator). */
  fits(q: Question): boolean;
}

/** The innermost layer's derivative still depends on x: forgetting it cannot pass for a constant factor. */
function distinctiveInner(q: Question): boolean {
  const inner = q.layers?.[q.layers.length - 1];
  return inner !== undefined && /\bx\b/.test(inner.evaluated);
}

const layersAtLeast = (n: number) => (q: Question): boolean => (q.layers?.length ?? 0) >= n;
const pathsAtLeast = (n: number) => (q: Question): boolean => (q.paths?.length ?? 0) >= n;
const nonSquare = (q: Question): boolean => {
  const m = q.answer.matrix;
  return m !== undefined && m.length !== (m[0]?.length ?? 0);
};
const any = (): boolean => true;

export const FOLLOW_UP_TABLE: Readonly<Record<MistakeCode, readonly FollowUpAim[]>> = {
  'forgot-inner-derivative': [
    { family: 'nested', difficulty: 3, shape: 'four layers, innermost a curve (its derivative depends on x)', fits: (q) => layersAtLeast(4)(q) && distinctiveInner(q) },
    { family: 'chain', difficulty: 2, shape: 'two layers, the inner one a polynomial of degree 2 or more', fits: distinctiveInner },
    { family: 'multivariable', difficulty: 2, shape: 'two paths, each parametrisation a curve in t', fits: pathsAtLeast(2) },
  ],
  'inner-derivative-composed': [
    { family: 'chain', difficulty: 2, shape: 'two layers with an inner polynomial: f′(g′(x)) differs from f′(g(x))·g′(x)', fits: distinctiveInner },
    { family: 'nested', difficulty: 2, shape: 'three layers', fits: layersAtLeast(3) },
  ],
  'outer-not-evaluated-at-inner': [
    { family: 'chain', difficulty: 1, shape: 'two layers, outer function not a plain power of x', fits: layersAtLeast(2) },
    { family: 'nested', difficulty: 2, shape: 'three layers', fits: layersAtLeast(3) },
    { family: 'jacobian', difficulty: 3, shape: '2×2 with sin/exp at a point: J_f taken at (x, y) instead of g(x, y)', fits: any },
  ],
  'missing-layer-factor': [
    { family: 'nested', difficulty: 3, shape: 'four layers: one middle factor to drop', fits: layersAtLeast(4) },
    { family: 'nested', difficulty: 2, shape: 'three layers', fits: layersAtLeast(3) },
    { family: 'gradient-flow', difficulty: 2, shape: 'a gradient through a stack of layers, one factor per layer', fits: any },
  ],
  'missing-path': [
    { family: 'multivariable', difficulty: 4, shape: 'three intermediate variables: three paths to add', fits: pathsAtLeast(3) },
    { family: 'partial', difficulty: 2, shape: 'two intermediate variables, both depending on u', fits: pathsAtLeast(2) },
  ],
  'sign-error': [
    { family: 'implicit', difficulty: 1, shape: 'dy/dx of a curve: the minus in −F_x/F_y', fits: any },
    { family: 'implicit2', difficulty: 2, shape: 'd²y/dx² of a curve: signs through the quotient rule', fits: any },
  ],
  reciprocal: [
    { family: 'implicit', difficulty: 1, shape: 'dy/dx of a curve: F_y belongs in the denominator', fits: any },
    { family: 'implicit', difficulty: 3, shape: 'dy/dx of a curve with a product term', fits: any },
  ],
  'activation-derivative-missing': [
    { family: 'activation', difficulty: 2, shape: 'an activation of a quadratic: σ′, tanh′ or softplus′ to include', fits: layersAtLeast(2) },
    { family: 'gradient-flow', difficulty: 2, shape: 'a gradient through activation layers: f′(z) in every factor', fits: any },
    { family: 'backprop', difficulty: 3, shape: 'a backward-pass quantity through an activation', fits: any },
  ],
  'wrong-order': [
    { family: 'jacobian', difficulty: 4, shape: 'non-square Jacobians (2×3 or 3×2): the wrong order does not even fit', fits: nonSquare },
    { family: 'jacobian', difficulty: 5, shape: 'non-square Jacobians with sin/exp', fits: nonSquare },
  ],
};
