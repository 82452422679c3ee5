import type { FamilyModule } from '../family';
import type { Difficulty } from '../types';
import type { Rng } from '../rng';
import { drawSubs } from '../calculus/compose';
import { solveSubs } from '../calculus/paths';

/**
 * `partial`: ∂z/∂u (or ∂z/∂v) where z depends on u, v through x(u, v), y(u, v), and from difficulty 4 a third
 * intermediate w(u, v); polar-style and exponential substitutions come in at 3 and 5.
 */
export const PARTIAL_PATHS: Readonly<Record<Difficulty, number>> = { 1: 2, 2: 2, 3: 2, 4: 3, 5: 3 };

const Z: Readonly<Record<Difficulty, readonly string[]>> = {
  1: ['x*y', 'x^2 + y^2', 'x + y^2', 'x^2 - y'],
  2: ['x^2*y', 'x*y^2', 'x*exp(y)', 'y*sin(x)'],
  3: ['sin(x*y)', 'exp(x*y)', 'x/y', 'sqrt(x^2 + y^2)'],
  4: ['x*y*w', 'x^2 + y*w', 'x*y + w^2', 'x + y*w^2'],
  5: ['sin(x)*y + w^2', 'x*exp(y*w)', 'log(x^2 + y^2 + w^2)', 'sqrt(x^2 + y^2 + w^2)'],
};

const SUBS: Readonly<Record<Difficulty, readonly string[]>> = {
  1: ['u + v', 'u - v', 'u*v', '2*u + v', 'u^2'],
  2: ['u*v', 'u^2 - v^2', 'u + v', 'u - 2*v', 'u^2*v'],
  3: ['u*cos(v)', 'u*sin(v)', 'u^2 + v', 'u*v^2', 'exp(u)*v'],
  4: ['u + v', 'u*v', 'u - v', 'u^2', 'v^2 + u'],
  5: ['u*cos(v)', 'u*sin(v)', 'u*v', 'exp(u - v)', 'u^2 - v^2'],
};

function draw(d: Difficulty, wrt: string, r: Rng): { expr: string; subs: Record<string, string> } {
  const names = PARTIAL_PATHS[d] === 3 ? ['x', 'y', 'w'] : ['x', 'y'];
  // Every intermediate depends on wrt, so each path carries a non-zero term.
  const usable = SUBS[d].filter((s) => new RegExp(`\\b${wrt}\\b`).test(s));
  const picks = r.shuffle(usable).slice(0, names.length);
  const subs: Record<string, string> = {};
  names.forEach((n, i) => {
    subs[n] = picks[i] as string;
  });
  return { expr: r.pick(Z[d]), subs };
}

/** The `partial` family module (see the file comment). */
export const partial: FamilyModule<'partial'> = {
  family: 'partial',
  generate(difficulty, rng) {
    const wrt = difficulty <= 2 || rng.bool(0.6) ? 'u' : 'v';
    const fallback = PARTIAL_PATHS[difficulty] === 3
      ? { expr: 'x*y*w', subs: { x: 'u + v', y: 'u*v', w: 'u - v' } }
      : { expr: 'x^2*y', subs: { x: 'u*v', y: 'u + v' } };
    const t = drawSubs(rng, (r) => draw(difficulty, wrt, r), ['u', 'v'], fallback, wrt);
    return { expr: t.expr, subs: t.subs, wrt };
  },
  solve(task, meta) {
    return solveSubs('partial', task, meta);
  },
};
