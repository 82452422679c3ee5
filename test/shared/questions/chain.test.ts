import { describe, expect, it } from 'vitest';
import { chain } from '../../../shared/questions/families/chain';
import { DIFFICULTIES, grid, make } from './calculus/family-harness';
import { chainProblems } from './calculus/question-checks';
import { finiteAt } from './calculus/numeric-check';

describe('chain family', () => {
  it('gives answers, layers and distractors that finite differences confirm, at every difficulty', () => {
    for (const [d, s] of grid(12)) expect(chainProblems(make(chain, d, s)), `difficulty ${d} seed ${s}`).toEqual([]);
  });

  it('always builds exactly two layers, f(g(x))', () => {
    for (const [d, s] of grid(30)) expect(make(chain, d, s).layers).toHaveLength(2);
  });

  it('gives the same question for the same seed, byte for byte', () => {
    for (const d of DIFFICULTIES) {
      const a = make(chain, d, 42);
      const b = make(chain, d, 42);
      expect(b).toEqual(a);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    }
  });

  it('labels each question with its family, difficulty and seed', () => {
    const q = make(chain, 3, 17);
    expect(q.id).toBe('chain-3-17');
    expect([q.family, q.difficulty, q.seed]).toEqual(['chain', 3, 17]);
  });

  it('keeps every answer finite at most sample points over 200 seeds', () => {
    for (const [d, s] of grid(200)) {
      const q = make(chain, d, s);
      expect(finiteAt(q.answer.expr as string, ['x']), q.task && JSON.stringify(q.task)).toBeGreaterThanOrEqual(3);
    }
  });

  it('writes steps: one per layer, then the product, then the tidy answer', () => {
    const q = make(chain, 2, 5);
    expect(q.steps).toHaveLength(4);
    expect(q.steps.at(-1)?.text).toContain(q.answer.expr);
    for (const step of q.steps) expect(step.latex.length).toBeGreaterThan(0);
  });

  it('offers the classic chain-rule slips as distractors', () => {
    const mistakes = new Set(grid(20).flatMap(([d, s]) => (make(chain, d, s).distractors ?? []).map((x) => x.mistake)));
    for (const m of ['forgot-inner-derivative', 'inner-derivative-composed', 'outer-not-evaluated-at-inner', 'sign-error']) expect(mistakes).toContain(m);
  });
});
