import type { FamilyModule } from '../family';
import type { Difficulty } from '../types';
import type { Rng } from '../rng';
import { drawSubs } from '../calculus/compose';
import { solveSubs } from '../calculus/paths';

/**
 * `multivariable`: dz/dt where z depends on t through intermediate variables. Difficulty 1–3 use two
 * intermediates (x, y), 4–5 three (x, y, w); z and the parametrisations get less friendly as it rises.
 */
export const MULTIVARIABLE_PATHS: Readonly<Record<Difficulty, number>> = { 1: 2, 2: 2, 3: 2, 4: 3, 5: 3 };

const Z: Readonly<Record<Difficulty, readonly string[]>> = {
  1: ['x*y', 'x^2 + y^2', 'x + y^2', 'x^2 + y'],
  2: ['x^2*y', 'x*y^2', 'x*exp(y)', 'y*sin(x)'],
  3: ['sin(x*y)', 'exp(x*y)', 'x/y', 'sqrt(x^2 + y^2)', 'log(x^2 + y^2)'],
  4: ['x*y*w', 'x^2 + y*w', 'x*y + w^2', 'x*exp(y) + w'],
  5: ['sin(x*y) + w^2', 'x*y/w', 'exp(x)*cos(y)*w', 'sqrt(x^2 + y^2 + w^2)', 'log(x^2 + y^2 + w^2)'],
};

const PARAM: Readonly<Record<Difficulty, readonly string[]>> = {
  1: ['t^2', '2*t', 't^3', 't + 1', '3*t'],
  2: ['t^2', 'sin(t)', 'cos(t)', 'exp(t)', 't^3'],
  3: ['cos(t)', 'sin(t)', 'exp(t)', 't^2 + 1', 'sin(2*t)'],
  4: ['t^2', 'sin(t)', 'cos(t)', 'exp(t)', '2*t + 1'],
  5: ['cos(t)', 'sin(t)', 'exp(-t)', 't^2 + 1', 'sqrt(t + 2)', 'log(t + 2)'],
};

function draw(d: Difficulty, r: Rng): { expr: string; subs: Record<string, string> } {
  const names = MULTIVARIABLE_PATHS[d] === 3 ? ['x', 'y', 'w'] : ['x', 'y'];
  const picks = r.shuffle(PARAM[d]).slice(0, names.length);
  const subs: Record<string, string> = {};
  names.forEach((n, i) => {
    subs[n] = picks[i] as string;
  });
  return { expr: r.pick(Z[d]), subs };
}

/** The `multivariable` family module (see the file comment). */
export const multivariable: FamilyModule<'multivariable'> = {
  family: 'multivariable',
  generate(difficulty, rng) {
    const fallback = MULTIVARIABLE_PATHS[difficulty] === 3
      ? { expr: 'x*y*w', subs: { x: 't^2', y: 'sin(t)', w: 'exp(t)' } }
      : { expr: 'x^2*y', subs: { x: 'cos(t)', y: 't^2' } };
    const t = drawSubs(rng, (r) => draw(difficulty, r), ['t'], fallback);
    return { expr: t.expr, subs: t.subs, wrt: 't' };
  },
  solve(task, meta) {
    return solveSubs('multivariable', task, meta);
  },
};
