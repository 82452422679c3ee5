import { describe, expect, it } from 'vitest';
import { gradientFlow } from '../../../shared/questions/families/gradient-flow';
import { TaskError } from '../../../shared/questions/family';
import { createRng } from '../../../shared/questions/rng';
import type { GradientFlowTask, Question } from '../../../shared/questions/types';

const solve = (task: GradientFlowTask): Question => gradientFlow.solve(task, { difficulty: 3, seed: 0 });
const F: Record<string, (z: number) => number> = {
  sigmoid: (z) => 1 / (1 + Math.exp(-z)), tanh: Math.tanh, relu: (z) => Math.max(0, z), linear: (z) => z,
};

/** ∂a_n/∂a_0 by central differences through a real chain whose biases put every layer at pre-activation z. */
function chainSlope(act: string, depth: number, w: number, z: number): number {
  const f = F[act] as (z: number) => number;
  const biases: number[] = [];
  let a = 0.3;
  for (let k = 0; k < depth; k++) {
    biases.push(z - w * a);
    a = f(z);
  }
  const run = (a0: number): number => biases.reduce((prev, b) => f(w * prev + b), a0);
  const h = 1e-6;
  return (run(0.3 + h) - run(0.3 - h)) / (2 * h);
}

describe('gradient-flow family', () => {
  for (const [act, w, z, depth] of [['sigmoid', 1.5, 0.4, 4], ['tanh', 0.9, -0.7, 5], ['relu', 1.2, 0.5, 6], ['linear', 0.8, 2, 3]] as const) {
    it(`matches the slope of a real ${act} chain when w = ${w}, z = ${z}, depth = ${depth}`, () => {
      const v = solve({ activation: act, depth, w, z }).answer.value as number;
      expect(v).toBeCloseTo(chainSlope(act, depth, w, z), 7);
    });
  }

  it('gives the 0.25^depth upper bound when the task is sigmoid layers without w or z', () => {
    expect(solve({ activation: 'sigmoid', depth: 3 }).answer.value).toBe(0.25 ** 3);
  });

  it('is 0 when a ReLU chain sits at a negative pre-activation', () => {
    expect(solve({ activation: 'relu', depth: 3, w: 2, z: -0.5 }).answer.value).toBe(0);
  });

  it('says the gradient vanishes when the per-layer factor is below 1', () => {
    expect(solve({ activation: 'sigmoid', depth: 10 }).steps.at(-1)?.text).toMatch(/vanishes/);
  });

  it('says the gradient explodes when the per-layer factor is above 1', () => {
    expect(solve({ activation: 'linear', depth: 10, w: 1.5, z: 1 }).steps.at(-1)?.text).toMatch(/explodes/);
  });

  it('offers w^depth as activation-derivative-missing and one factor too few as missing-layer-factor', () => {
    const q = solve({ activation: 'tanh', depth: 4, w: 1.5, z: 0.5 });
    const by = new Map((q.distractors ?? []).map((d) => [d.mistake, d.value]));
    expect(by.get('activation-derivative-missing')).toBeCloseTo(1.5 ** 4, 12);
    expect(by.get('missing-layer-factor')).toBeCloseTo((q.answer.value as number) ** (3 / 4), 12);
  });

  it('leaves out activation-derivative-missing when the activation is linear', () => {
    const q = solve({ activation: 'linear', depth: 4, w: 1.5, z: 0.5 });
    expect(q.distractors?.map((d) => d.mistake)).not.toContain('activation-derivative-missing');
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['softmax', { activation: 'softmax', depth: 3 }, /activation must be/],
    ['a fractional depth', { activation: 'tanh', depth: 2.5 }, /depth must be/],
    ['a depth of 0', { activation: 'tanh', depth: 0 }, /depth must be/],
    ['a string weight', { activation: 'tanh', depth: 2, w: '2' }, /w must be/],
    ['an overflowing factor', { activation: 'linear', depth: 200, w: 100 }, /overflows/],
  ];
  for (const [what, task, msg] of bad) {
    it(`throws a TaskError when the task has ${what}`, () => {
      expect(() => solve(task as GradientFlowTask)).toThrow(TaskError);
      expect(() => solve(task as GradientFlowTask)).toThrow(msg);
    });
  }

  it('generates solvable tasks with a non-zero finite answer when difficulty is 1 to 5', () => {
    for (const d of [1, 2, 3, 4, 5] as const) {
      for (let seed = 0; seed < 100; seed++) {
        const q = gradientFlow.solve(gradientFlow.generate(d, createRng(seed)), { difficulty: d, seed });
        expect(q.id).toBe(`gradient-flow-${d}-${seed}`);
        expect(Number.isFinite(q.answer.value) && q.answer.value !== 0).toBe(true);
      }
    }
  });
});
