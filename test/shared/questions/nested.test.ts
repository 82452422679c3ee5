import { describe, expect, it } from 'vitest';
import { NESTED_LAYERS, nested } from '../../../shared/questions/families/nested';
import { DIFFICULTIES, grid, make } from './calculus/family-harness';
import { chainProblems } from './calculus/question-checks';
import { finiteAt } from './calculus/numeric-check';

describe('nested family', () => {
  it('gives answers, layers and distractors that finite differences confirm, at every difficulty', () => {
    for (const [d, s] of grid(10)) expect(chainProblems(make(nested, d, s)), `difficulty ${d} seed ${s}`).toEqual([]);
  });

  it('has 3 layers at difficulties 1-2, then 4, 5 and 6', () => {
    expect(NESTED_LAYERS).toEqual({ 1: 3, 2: 3, 3: 4, 4: 5, 5: 6 });
    for (const [d, s] of grid(40)) expect(make(nested, d, s).layers).toHaveLength(NESTED_LAYERS[d]);
  });

  it('gives the same question for the same seed, byte for byte', () => {
    for (const d of DIFFICULTIES) expect(JSON.stringify(make(nested, d, 9))).toBe(JSON.stringify(make(nested, d, 9)));
    expect(make(nested, 4, 9)).toEqual(make(nested, 4, 9));
  });

  it('gives different questions for different seeds', () => {
    const exprs = new Set(Array.from({ length: 30 }, (_, s) => (make(nested, 3, s).task as { expr: string }).expr));
    expect(exprs.size).toBeGreaterThan(20);
  });

  it('keeps every answer finite at most sample points over 200 seeds', () => {
    for (const [d, s] of grid(200)) {
      const q = make(nested, d, s);
      expect(finiteAt(q.answer.expr as string, ['x']), JSON.stringify(q.task)).toBeGreaterThanOrEqual(3);
    }
  });

  it('includes a missing-layer-factor distractor for a middle layer', () => {
    const q = make(nested, 3, 1);
    expect(q.distractors?.some((x) => x.mistake === 'missing-layer-factor')).toBe(true);
    expect(q.steps).toHaveLength((q.layers?.length ?? 0) + 2);
  });
});
