import { describe, expect, it } from 'vitest';
import { PARTIAL_PATHS, partial } from '../../../shared/questions/families/partial';
import { solveTask } from '../../../shared/questions/index';
import type { SubsTask } from '../../../shared/questions/types';
import { DIFFICULTIES, grid, make } from './calculus/family-harness';
import { pathProblems } from './calculus/question-checks';
import { finiteAt, sameFunction } from './calculus/numeric-check';

describe('partial family', () => {
  it('gives answers, path terms and distractors that finite differences confirm, at every difficulty', () => {
    for (const [d, s] of grid(12)) expect(pathProblems(make(partial, d, s)), `difficulty ${d} seed ${s}`).toEqual([]);
  });

  it('differentiates with respect to u or v through 2 intermediates (3 from difficulty 4)', () => {
    for (const [d, s] of grid(30)) {
      const q = make(partial, d, s);
      const task = q.task as SubsTask;
      expect(q.paths).toHaveLength(PARTIAL_PATHS[d]);
      expect(['u', 'v']).toContain(task.wrt);
      for (const e of Object.values(task.subs)) expect(e).toMatch(new RegExp(`\\b${task.wrt}\\b`));
    }
  });

  it('solves ∂z/∂u for z = x^2 y, x = u v, y = u + v', () => {
    const q = solveTask('partial', { expr: 'x^2*y', subs: { x: 'u*v', y: 'u + v' }, wrt: 'u' });
    expect(sameFunction(q.answer.expr as string, '2*u*v^2*(u + v) + u^2*v^2', ['u', 'v'])).toBe(true);
    expect(q.prompt.latex).toContain('\\frac{\\partial z}{\\partial u}');
    expect(pathProblems(q)).toEqual([]);
  });

  it('gives the same question for the same seed, byte for byte', () => {
    for (const d of DIFFICULTIES) expect(JSON.stringify(make(partial, d, 8))).toBe(JSON.stringify(make(partial, d, 8)));
  });

  it('keeps every answer finite at most sample points over 200 seeds', () => {
    for (const [d, s] of grid(200)) {
      const q = make(partial, d, s);
      expect(finiteAt(q.answer.expr as string, ['u', 'v']), JSON.stringify(q.task)).toBeGreaterThanOrEqual(4);
    }
  });
});
