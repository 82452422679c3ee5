import { describe, expect, it } from 'vitest';
import { MULTIVARIABLE_PATHS, multivariable } from '../../../shared/questions/families/multivariable';
import { solveTask, TaskError } from '../../../shared/questions/index';
import type { SubsTask } from '../../../shared/questions/types';
import { DIFFICULTIES, grid, make } from './calculus/family-harness';
import { pathProblems } from './calculus/question-checks';
import { finiteAt, sameFunction } from './calculus/numeric-check';

describe('multivariable family', () => {
  it('gives answers, path terms and distractors that finite differences confirm, at every difficulty', () => {
    for (const [d, s] of grid(12)) expect(pathProblems(make(multivariable, d, s)), `difficulty ${d} seed ${s}`).toEqual([]);
  });

  it('goes through 2 intermediate variables at difficulties 1-3 and 3 at 4-5, all in t', () => {
    for (const [d, s] of grid(30)) {
      const q = make(multivariable, d, s);
      const task = q.task as SubsTask;
      expect(q.paths).toHaveLength(MULTIVARIABLE_PATHS[d]);
      expect(task.wrt).toBe('t');
      for (const e of Object.values(task.subs)) expect(e).toMatch(/\bt\b/);
    }
  });

  it('solves the dz/dt example with one path term per intermediate', () => {
    const q = solveTask('multivariable', { expr: 'x^2*y', subs: { x: 'cos(t)', y: 't^2' }, wrt: 't' });
    expect(sameFunction(q.answer.expr as string, '-2*cos(t)*sin(t)*t^2 + 2*t*cos(t)^2', ['t'])).toBe(true);
    expect(q.paths?.map((p) => [p.via, p.outer, p.inner])).toEqual([['x', '2*x*y', '-sin(t)'], ['y', 'x^2', '2*t']]);
    expect(q.distractors?.filter((x) => x.mistake === 'missing-path')).toHaveLength(2);
    expect(q.distractors?.map((x) => x.mistake)).toContain('sign-error');
  });

  it('gives the same question for the same seed, byte for byte', () => {
    for (const d of DIFFICULTIES) expect(JSON.stringify(make(multivariable, d, 5))).toBe(JSON.stringify(make(multivariable, d, 5)));
  });

  it('keeps every answer finite at most sample points over 200 seeds', () => {
    for (const [d, s] of grid(200)) {
      const q = make(multivariable, d, s);
      expect(finiteAt(q.answer.expr as string, ['t']), JSON.stringify(q.task)).toBeGreaterThanOrEqual(4);
    }
  });

  it.each([
    [{ expr: 'x*q', subs: { x: 't' }, wrt: 't' }, /Unknown variable "q"/],
    [{ expr: 'x*y', subs: { x: 't', y: 't^2' }, wrt: 's' }, /depends on s/],
    [{ expr: 'x*y', subs: {}, wrt: 't' }, /between 1 and/],
    [{ expr: 'x*y', subs: { x: 'y', y: 't' }, wrt: 't' }, /Unknown variable "y"/],
    [{ expr: 'x*y', subs: { x: 't', y: 'foo(t)' }, wrt: 't' }, /not supported/],
    [{ expr: 'x*y', subs: 'x=t', wrt: 't' }, /subs must map/],
    [{ expr: 'sqrt(-1 - x^2)', subs: { x: 't' }, wrt: 't' }, /not defined/],
  ])('rejects %j with a TaskError', (task, message) => {
    expect(() => solveTask('multivariable', task as never)).toThrow(TaskError);
    expect(() => solveTask('multivariable', task as never)).toThrow(message);
  });
});
