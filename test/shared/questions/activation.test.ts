import { describe, expect, it } from 'vitest';
import { activation } from '../../../shared/questions/families/activation';
import { solveTask } from '../../../shared/questions/index';
import { DIFFICULTIES, grid, make } from './calculus/family-harness';
import { chainProblems } from './calculus/question-checks';
import { finiteAt, sameFunction } from './calculus/numeric-check';

describe('activation family', () => {
  it('gives answers, layers and distractors that finite differences confirm, at every difficulty', () => {
    for (const [d, s] of grid(12)) expect(chainProblems(make(activation, d, s)), `difficulty ${d} seed ${s}`).toEqual([]);
  });

  it('uses an activation or a softmax component in every question, with at most 6 layers', () => {
    for (const [d, s] of grid(40)) {
      const q = make(activation, d, s);
      expect((q.task as { expr: string }).expr).toMatch(/sigmoid|tanh|softplus|relu|e\^.*\/\(e\^/);
      expect(q.layers?.length).toBeGreaterThanOrEqual(1);
      expect(q.layers?.length).toBeLessThanOrEqual(6);
    }
  });

  it('differentiates sigmoid(3x^2) as 6x·σ(3x^2)(1-σ(3x^2)) and flags the forgotten σ\'', () => {
    const q = solveTask('activation', { expr: 'sigmoid(3x^2)', var: 'x' });
    expect(sameFunction(q.answer.expr as string, '6*x*sigmoid(3*x^2)*(1 - sigmoid(3*x^2))', ['x'])).toBe(true);
    const missing = q.distractors?.find((x) => x.mistake === 'activation-derivative-missing');
    expect(missing && sameFunction(missing.expr as string, '6*x', ['x'])).toBe(true);
    expect(q.layers?.[0]?.latex?.fn).toBe('\\sigma\\left(u\\right)');
  });

  it('differentiates a softmax component and offers the quotient-rule sign slip', () => {
    const q = solveTask('activation', { expr: 'exp(x)/(exp(x) + exp(2))', var: 'x' });
    expect(sameFunction(q.answer.expr as string, 'exp(x)*exp(2)/(exp(x) + exp(2))^2', ['x'])).toBe(true);
    expect(q.distractors?.map((x) => x.mistake)).toContain('sign-error');
    expect(chainProblems(q)).toEqual([]);
  });

  it('gives the same question for the same seed, byte for byte', () => {
    for (const d of DIFFICULTIES) expect(JSON.stringify(make(activation, d, 11))).toBe(JSON.stringify(make(activation, d, 11)));
  });

  it('keeps every answer finite at most sample points over 200 seeds', () => {
    for (const [d, s] of grid(200)) {
      const q = make(activation, d, s);
      expect(finiteAt(q.answer.expr as string, ['x']), JSON.stringify(q.task)).toBeGreaterThanOrEqual(3);
    }
  });
});
