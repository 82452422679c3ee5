import type { Rng } from '../rng';
import type { Difficulty, ImplicitTask } from '../types';
import { pickCurve } from './curves';
import { prepareEquation } from './solve';

/**
 * Seeded implicit tasks. Difficulty picks the curve level (conics → folium/products → trig/exp mixes) and how
 * often the answer is a value at a point rather than an expression; second-derivative questions lean on points
 * sooner, since y'' in x and y grows long fast.
 */
const ATTEMPTS = 12;

interface Plan {
  level: number;
  pAt: number;
}

const FIRST: Record<Difficulty, Plan> = {
  1: { level: 1, pAt: 0.3 }, 2: { level: 2, pAt: 0.4 }, 3: { level: 3, pAt: 0.5 }, 4: { level: 4, pAt: 0.6 }, 5: { level: 5, pAt: 0.7 },
};
const SECOND: Record<Difficulty, Plan> = {
  1: { level: 1, pAt: 0 }, 2: { level: 1, pAt: 0.5 }, 3: { level: 2, pAt: 0.8 }, 4: { level: 3, pAt: 1 }, 5: { level: 4, pAt: 1 },
};

/**
 * F_y ≠ 0 at the point (the tangent is not vertical, so dy/dx exists) and F_x ≠ 0 (a flat tangent makes a
 * slope question a guess of 0). For y'' the answer must not vanish at the point either: on a pair of lines
 * ((x + y)^2 = 1, x^3 + y^3 = 0) or at an inflection y'' is 0, a question a guess of 0 answers.
 */
function usable(equation: string, x: number, y: number, order: 1 | 2): boolean {
  const c = prepareEquation(equation, 1).p.curve;
  const [fx, fy] = [c.fx({ x, y }), c.fy({ x, y })];
  if (!(Number.isFinite(fy) && Math.abs(fy) > 1e-9 && Number.isFinite(fx) && Math.abs(fx) > 1e-9)) return false;
  if (order === 1) return true;
  const v = prepareEquation(equation, 2).p.answerFn({ x, y });
  return Number.isFinite(v) && Math.abs(v) > 1e-6;
}

export function generateImplicit(order: 1 | 2, d: Difficulty, rng: Rng): ImplicitTask {
  const plan = order === 1 ? FIRST[d] : SECOND[d];
  const level = order === 2 && d === 5 ? rng.pick([4, 5]) : plan.level;
  let choice = pickCurve(level, rng);
  for (let i = 1; i < ATTEMPTS && !usable(choice.equation, choice.x, choice.y, order); i++) choice = pickCurve(level, rng);
  if (!usable(choice.equation, choice.x, choice.y, order)) choice = { equation: 'x^2 + y^2 = 25', x: 3, y: 4 };
  const withPoint = rng.bool(plan.pAt);
  return { equation: choice.equation, order, ...(withPoint ? { at: { x: choice.x, y: choice.y } } : {}) };
}
