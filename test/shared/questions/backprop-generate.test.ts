import { describe, expect, it } from 'vitest';
import { backprop } from '../../../shared/questions/families/backprop';
import { createRng } from '../../../shared/questions/rng';
import type { BackpropTask, Difficulty, Question } from '../../../shared/questions/types';

const SEEDS = 150;

function make(d: Difficulty, seed: number): { task: BackpropTask; q: Question } {
  const task = backprop.generate(d, createRng(seed * 7919 + d));
  return { task, q: backprop.solve(task, { difficulty: d, seed }) };
}

function each(d: Difficulty, check: (task: BackpropTask, q: Question) => void): void {
  for (let seed = 0; seed < SEEDS; seed++) {
    const { task, q } = make(d, seed);
    check(task, q);
  }
}

const isGradient = (t: string): boolean => t.startsWith('dL/d');
const oneDecimal = (v: number): boolean => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9;

describe('backprop generator', () => {
  it('asks for a forward value of one neuron when difficulty is 1', () => {
    each(1, (task) => {
      expect(task.layers).toHaveLength(1);
      expect(task.layers[0]?.W).toEqual([[expect.any(Number)]]);
      expect(isGradient(task.target)).toBe(false);
    });
  });

  it('asks for a backward quantity of two 1-neuron layers when difficulty is 2', () => {
    each(2, (task) => {
      expect(task.layers.map((l) => l.b.length)).toEqual([1, 1]);
      expect(isGradient(task.target)).toBe(true);
    });
  });

  it('uses two layers with a 2–3 neuron hidden layer and asks for δ or dW when difficulty is 3', () => {
    each(3, (task) => {
      expect(task.layers).toHaveLength(2);
      expect(task.layers[0]?.b.length).toBeGreaterThanOrEqual(2);
      expect(task.layers[0]?.b.length).toBeLessThanOrEqual(3);
      expect(task.target).toMatch(/^dL\/d(z|b|W)\d/);
    });
  });

  it('uses cross-entropy (softmax or one sigmoid) when difficulty is 4', () => {
    each(4, (task) => {
      expect(task.loss).toBe('cross-entropy');
      expect(['softmax', 'sigmoid']).toContain(task.layers.at(-1)?.activation);
    });
  });

  it('uses three layers or an indexed gradient when difficulty is 5', () => {
    each(5, (task) => {
      expect(task.layers.length === 3 || /\]$/.test(task.target) || task.target === 'dL/dz1').toBe(true);
      expect(task.layers.length === 3 || task.layers[0]?.b.length === 3).toBe(true);
    });
  });

  it('uses small one-decimal numbers when generating any difficulty', () => {
    for (const d of [1, 2, 3, 4, 5] as const) {
      each(d, (task) => {
        const nums = [...task.x, ...task.y, ...task.layers.flatMap((l) => [...l.W.flat(), ...l.b])];
        expect(nums.every(oneDecimal)).toBe(true);
        expect(nums.every((v) => Math.abs(v) <= 2)).toBe(true);
      });
    }
  });

  it('produces a finite answer, steps and an id when generating any difficulty', () => {
    for (const d of [1, 2, 3, 4, 5] as const) {
      each(d, (_task, q) => {
        expect(q.id).toMatch(new RegExp(`^backprop-${d}-\\d+$`));
        expect([q.answer.value].flat(2).every(Number.isFinite)).toBe(true);
        expect(q.steps.length).toBeGreaterThan(2);
      });
    }
  });

  it('keeps answers a person can type (at most 6 numbers) when generating any difficulty', () => {
    for (const d of [1, 2, 3, 4, 5] as const) each(d, (_task, q) => expect([q.answer.value].flat(2).length).toBeLessThanOrEqual(6));
  });
});
