import { describe, expect, it } from 'vitest';
import { higherOrder } from '../../../shared/questions/families/higher-order';
import { DIFFICULTIES, grid, make } from './calculus/family-harness';
import { chainProblems } from './calculus/question-checks';
import { finiteAt } from './calculus/numeric-check';

describe('higher-order family', () => {
  it('gives second derivatives that finite differences confirm, at every difficulty', () => {
    for (const [d, s] of grid(10)) expect(chainProblems(make(higherOrder, d, s), 2), `difficulty ${d} seed ${s}`).toEqual([]);
  });

  it('asks for order 2 of a two-layer composition', () => {
    for (const [d, s] of grid(30)) {
      const q = make(higherOrder, d, s);
      expect((q.task as { order?: number }).order).toBe(2);
      expect(q.layers).toHaveLength(2);
      expect(q.prompt.latex).toContain('\\frac{d^{2}}{dx^{2}}');
    }
  });

  it('gives the same question for the same seed, byte for byte', () => {
    for (const d of DIFFICULTIES) expect(JSON.stringify(make(higherOrder, d, 3))).toBe(JSON.stringify(make(higherOrder, d, 3)));
  });

  it('keeps every answer finite at most sample points over 200 seeds', () => {
    for (const [d, s] of grid(200)) {
      const q = make(higherOrder, d, s);
      expect(finiteAt(q.answer.expr as string, ['x']), JSON.stringify(q.task)).toBeGreaterThanOrEqual(3);
    }
  });

  it('offers the product-rule slip (f\'(g)·g\'\' dropped) when g is curved', () => {
    const q = make(higherOrder, 2, 2);
    const curved = grid(20).map(([d, s]) => make(higherOrder, d, s)).filter((x) => x.distractors?.some((m) => m.mistake === 'forgot-inner-derivative'));
    expect(curved.length).toBeGreaterThan(10);
    expect(q.steps.some((st) => st.latex.includes("f''(g)"))).toBe(true);
  });
});
