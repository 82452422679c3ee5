import type { FamilyModule } from '../family';
import type { Difficulty, JacobianTask } from '../types';
import type { Rng } from '../rng';
import { analyseJacobian, solveJacobian } from '../calculus/jacobian-solve';
import { isZero } from '../../math/rational';

/**
 * `jacobian`: J of f∘g as J_f(g(x))·J_g(x). 1: 2×2 polynomial at a point; 2: 2×2 polynomial, symbolic;
 * 3: 2×2 with sin/exp at a point; 4: 2×3 or 3×2 polynomial at a point; 5: 2×3 or 3×2 with sin/exp,
 * at a point half the time. f always takes (u, v); g takes (x, y) or (x, y, z).
 */
export const JACOBIAN_SHAPES: Readonly<Record<Difficulty, ReadonlyArray<readonly [number, number]>>> = {
  1: [[2, 2]],
  2: [[2, 2]],
  3: [[2, 2]],
  4: [[2, 3], [3, 2]],
  5: [[2, 3], [3, 2]],
};

const OUTER_POLY = ['u*v', 'u + v', 'u - v', 'u^2', 'v^2', '2*u + v', 'u^2 + v', 'u*v^2', 'u^2 - v^2'];
const OUTER_FN = ['sin(u)*v', 'exp(u*v)', 'u*cos(v)', 'exp(u) + v', 'sin(u + v)', 'u*exp(v)', 'u^2 + v'];
const INNER_POLY = ['x + y', 'x - y', 'x*y', 'x^2', 'y^2', 'x + 2*y', 'x^2 + y', 'x - y^2'];
const INNER_FN = ['sin(x)', 'cos(y)', 'exp(x)', 'x*exp(y)', 'sin(x*y)', 'x + y', 'x*y'];
const INNER3 = ['x*y', 'y + z', 'x*z', 'x + y + z', 'y*z', 'x^2 + z', 'x - z'];

function pickDistinct(rng: Rng, pool: readonly string[], n: number): string[] {
  return rng.shuffle(pool).slice(0, n);
}

function draw(difficulty: Difficulty, rng: Rng): JacobianTask {
  const [rows, cols] = rng.pick(JACOBIAN_SHAPES[difficulty]);
  const fancy = difficulty === 3 || difficulty === 5;
  const innerVars = cols === 3 ? ['x', 'y', 'z'] : ['x', 'y'];
  const outer = pickDistinct(rng, fancy ? OUTER_FN : OUTER_POLY, rows);
  const inner = pickDistinct(rng, cols === 3 ? INNER3 : fancy ? INNER_FN : INNER_POLY, 2);
  const task: JacobianTask = { outer, outerVars: ['u', 'v'], inner, innerVars };
  const withAt = difficulty !== 2 && (difficulty !== 5 || rng.bool());
  if (withAt) task.at = Object.fromEntries(innerVars.map((v) => [v, rng.pick([-1, 1, 2])]));
  return task;
}

/** At least half the entries non-zero (symbolic entries count as non-zero unless they are 0). */
function informative(task: JacobianTask): boolean {
  const a = analyseJacobian(task);
  const entries = a.num ? a.num.j.flat().map((x) => Math.abs(x) > 1e-12) : (a.j ?? []).flat().map((e) => !isZero(e));
  return entries.filter(Boolean).length * 2 >= entries.length;
}

/** The `jacobian` family module (see the file comment). */
export const jacobian: FamilyModule<'jacobian'> = {
  family: 'jacobian',
  generate(difficulty, rng): JacobianTask {
    let task = draw(difficulty, rng);
    // A point where most of J vanishes teaches nothing: draw again (a handful of times at most).
    for (let i = 0; i < 20 && !informative(task); i++) task = draw(difficulty, rng);
    return task;
  },
  solve(task, meta) {
    return solveJacobian(task, meta);
  },
};
