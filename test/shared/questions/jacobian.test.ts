import { describe, expect, it } from 'vitest';
import { JACOBIAN_SHAPES, jacobian } from '../../../shared/questions/families/jacobian';
import { solveTask, TaskError } from '../../../shared/questions/index';
import type { JacobianTask } from '../../../shared/questions/types';
import { DIFFICULTIES, grid, make } from './calculus/family-harness';
import { jacobianProblems } from './calculus/question-checks';
import { sameFunction } from './calculus/numeric-check';

describe('jacobian family', () => {
  it('gives every entry as finite differences of f∘g confirm, at every difficulty', () => {
    for (const [d, s] of grid(10)) expect(jacobianProblems(make(jacobian, d, s)), `difficulty ${d} seed ${s}`).toEqual([]);
  });

  it('uses 2×2 Jacobians at difficulties 1-3 and 2×3 or 3×2 at 4-5', () => {
    const seen = new Set<string>();
    for (const [d, s] of grid(30)) {
      const q = make(jacobian, d, s);
      const shape = [q.answer.matrix?.length, q.answer.matrix?.[0]?.length];
      expect(JACOBIAN_SHAPES[d].map((x) => x.join('x'))).toContain(shape.join('x'));
      seen.add(shape.join('x'));
    }
    expect([...seen].sort()).toEqual(['2x2', '2x3', '3x2']);
  });

  it('answers with numbers when the task gives a point, expression strings otherwise', () => {
    for (const [d, s] of grid(10)) {
      const q = make(jacobian, d, s);
      const kind = (q.task as JacobianTask).at ? 'number' : 'string';
      for (const e of q.answer.matrix?.flat() ?? []) expect(typeof e).toBe(kind);
    }
  });

  it('computes J_f(g(x))·J_g(x) for a teacher task and flags J_g·J_f as wrong-order', () => {
    const q = solveTask('jacobian', { outer: ['u*v', 'u + v^2'], outerVars: ['u', 'v'], inner: ['x*y', 'x - y'], innerVars: ['x', 'y'] });
    const want = [['2*x*y - y^2', 'x^2 - 2*x*y'], ['y + 2*(x - y)', 'x - 2*(x - y)']];
    q.answer.matrix?.forEach((row, i) => row.forEach((e, j) => expect(sameFunction(String(e), want[i]?.[j] as string, ['x', 'y'])).toBe(true)));
    expect(q.distractors?.map((x) => x.mistake)).toEqual(['wrong-order', 'wrong-order', 'outer-not-evaluated-at-inner', 'forgot-inner-derivative']);
    expect(jacobianProblems(q)).toEqual([]);
  });

  it('evaluates at a point with full precision', () => {
    const q = solveTask('jacobian', { outer: ['sin(u)', 'u*v'], outerVars: ['u', 'v'], inner: ['x + y', 'x*y'], innerVars: ['x', 'y'], at: { x: 1, y: 2 } });
    // J_f(g) = [[cos(x+y), 0], [xy, x+y]], J_g = [[1, 1], [y, x]]; at (1, 2): [[cos 3, cos 3], [2 + 3*2, 2 + 3*1]].
    expect(q.answer.matrix).toEqual([[Math.cos(3), Math.cos(3)], [8, 5]]);
  });

  it('gives the same question for the same seed, byte for byte', () => {
    for (const d of DIFFICULTIES) expect(JSON.stringify(make(jacobian, d, 13))).toBe(JSON.stringify(make(jacobian, d, 13)));
  });

  it('keeps every numeric answer finite over 200 seeds', () => {
    for (const [d, s] of grid(200)) {
      const q = make(jacobian, d, s);
      for (const e of q.answer.matrix?.flat() ?? []) if (typeof e === 'number') expect(Number.isFinite(e)).toBe(true);
    }
  });

  it.each([
    [{ outer: ['u'], outerVars: ['u', 'v'], inner: ['x'], innerVars: ['x'] }, /one expression per outer variable/],
    [{ outer: ['u*w'], outerVars: ['u'], inner: ['x'], innerVars: ['x'] }, /Unknown variable "w"/],
    [{ outer: ['u'], outerVars: ['u', 'u'], inner: ['x', 'x'], innerVars: ['x'] }, /repeated/],
    [{ outer: ['u'], outerVars: ['u'], inner: ['x'], innerVars: ['x'], at: { y: 1 } }, /number for x/],
    [{ outer: ['log(u)'], outerVars: ['u'], inner: ['x'], innerVars: ['x'], at: { x: -1 } }, /not defined at the given point/],
    [{ outer: 'u', outerVars: ['u'], inner: ['x'], innerVars: ['x'] }, /must list/],
  ])('rejects %j with a TaskError', (task, message) => {
    expect(() => solveTask('jacobian', task as never)).toThrow(TaskError);
    expect(() => solveTask('jacobian', task as never)).toThrow(message);
  });
});
