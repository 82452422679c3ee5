import { describe, expect, it } from 'vitest';
import { solveTask, TaskError } from '../../../shared/questions/index';
import { chainProblems } from './calculus/question-checks';

describe('solveTask for chain families', () => {
  it('decomposes sin(cos(x^2)) into the three layers of docs/question-format.md', () => {
    const q = solveTask('nested', { expr: 'sin(cos(x^2))', var: 'x' }, { difficulty: 3, seed: 42 });
    expect(q.id).toBe('nested-3-42');
    expect(q.answer.expr).toBe('-2*x*sin(x^2)*cos(cos(x^2))');
    expect(q.layers?.map((l) => [l.fn, l.inner, l.derivative, l.evaluated])).toEqual([
      ['sin(u)', 'cos(x^2)', 'cos(u)', 'cos(cos(x^2))'],
      ['cos(u)', 'x^2', '-sin(u)', '-sin(x^2)'],
      ['u^2', 'x', '2*u', '2*x'],
    ]);
    expect(q.prompt.text).toBe('Differentiate y = sin(cos(x^2)) with respect to x');
    expect(chainProblems(q)).toEqual([]);
  });

  it('treats a product like x^2*sin(x) as one layer in u with inner x', () => {
    const q = solveTask('chain', { expr: 'x^2*sin(x)', var: 'x' });
    expect(q.layers?.map((l) => [l.fn, l.inner])).toEqual([['u^2*sin(u)', 'x']]);
    expect(chainProblems(q)).toEqual([]);
  });

  it('peels the outer function around the part holding the variable', () => {
    const q = solveTask('chain', { expr: '3*sin(t)^2 + 1', var: 't' });
    expect(q.layers?.map((l) => [l.fn, l.inner])).toEqual([['3*u^2 + 1', 'sin(t)'], ['sin(u)', 't']]);
    expect(chainProblems(q)).toEqual([]);
  });

  it('reads implicit multiplication and ln as a teacher types them', () => {
    const q = solveTask('activation', { expr: 'ln(1 + e^(2x))', var: 'x' });
    expect(chainProblems(q)).toEqual([]);
    expect(q.task).toEqual({ expr: 'log(1 + e^(2*x))', var: 'x' });
  });

  it('solves a teacher-written second derivative', () => {
    const q = solveTask('higher-order', { expr: 'sin(x^2)', var: 'x', order: 2 });
    expect(chainProblems(q, 2)).toEqual([]);
  });

  it.each([
    [{ expr: 'sin(y)', var: 'x' }, /Unknown variable "y"/],
    [{ expr: '', var: 'x' }, /empty/],
    [{ expr: 'sin(x', var: 'x' }, /Could not read/],
    [{ expr: 'foo(x)', var: 'x' }, /not supported/],
    [{ expr: 'sin(x)', var: 'sin' }, /function or a constant/],
    [{ expr: 'sin(x)', var: '1x' }, /variable name/],
    [{ expr: 'sin(2)', var: 'x' }, /does not depend on x/],
    [{ expr: 'sqrt(-1 - x^2)', var: 'x' }, /not defined/],
    [{ expr: 'x = 3', var: 'x' }, /not an allowed expression/],
    [{ expr: 42, var: 'x' }, /expression string/],
  ])('rejects %j with a TaskError a person can read', (task, message) => {
    expect(() => solveTask('chain', task as never)).toThrow(TaskError);
    expect(() => solveTask('chain', task as never)).toThrow(message);
  });

  it('rejects a higher-order task whose order is not 2', () => {
    expect(() => solveTask('higher-order', { expr: 'sin(x)', var: 'x', order: 1 })).toThrow(TaskError);
  });
});
