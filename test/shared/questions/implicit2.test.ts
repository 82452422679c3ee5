import { describe, expect, it } from 'vitest';
import { implicit2 } from '../../../shared/questions/families/implicit2';
import { TaskError } from '../../../shared/questions/family';
import { createRng } from '../../../shared/questions/rng';
import type { Difficulty, ImplicitTask, Question } from '../../../shared/questions/types';
import { curveFunction, evaluate, numericDerivatives, pointsOn, relClose } from './implicit-reference';

const solve = (task: ImplicitTask): Question => implicit2.solve(task, { difficulty: 2, seed: 0 });
const generated = (d: Difficulty, seed: number): Question => implicit2.solve(implicit2.generate(d, createRng(seed)), { difficulty: d, seed });
const DIFFICULTIES = [1, 2, 3, 4, 5] as const;
const SEEDS = 40;

describe('implicit2 family', () => {
  it('gives -25/64 when the circle x^2+y^2=25 is asked at (3, 4)', () => {
    expect(solve({ equation: 'x^2+y^2=25', order: 2, at: { x: 3, y: 4 } }).answer.value).toBeCloseTo(-25 / 64, 14);
  });

  it('gives -16/3 for the folium x^3+y^3=6xy at (3, 3)', () => {
    expect(solve({ equation: 'x^3 + y^3 = 6*x*y', order: 2, at: { x: 3, y: 3 } }).answer.value).toBeCloseTo(-16 / 3, 12);
  });

  it('matches the second difference of the solved curve when a generated question has a point', () => {
    let checked = 0;
    for (const d of DIFFICULTIES) {
      for (let seed = 0; seed < SEEDS; seed++) {
        const q = generated(d, seed);
        const at = (q.task as ImplicitTask).at;
        if (!at) continue;
        const { d2 } = numericDerivatives(curveFunction((q.task as ImplicitTask).equation), at.x, at.y);
        expect(relClose(q.answer.value as number, d2, 1e-4), `${q.id}: ${String(q.answer.value)} vs ${d2}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(80);
  });

  it('matches the second difference at points on the curve when a generated answer is an expression', () => {
    let checked = 0;
    for (const d of DIFFICULTIES) {
      for (let seed = 0; seed < SEEDS; seed++) {
        const q = generated(d, seed);
        if (q.answer.expr === undefined) continue;
        const F = curveFunction((q.task as ImplicitTask).equation);
        for (const p of pointsOn(F, 3)) {
          expect(relClose(evaluate(q.answer.expr, p.x, p.y), numericDerivatives(F, p.x, p.y).d2, 1e-4), `${q.id} at (${p.x}, ${p.y})`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('puts generated points exactly on the curve when difficulty is 1 to 5', () => {
    for (const d of DIFFICULTIES) {
      for (let seed = 0; seed < SEEDS; seed++) {
        const task = implicit2.generate(d, createRng(seed));
        expect(task.order).toBe(2);
        if (task.at) expect(curveFunction(task.equation)(task.at.x, task.at.y)).toBeCloseTo(0, 12);
      }
    }
  });

  it('asks at a point at difficulty 4 and 5, where y″ in x and y grows long', () => {
    for (const d of [4, 5] as const) {
      for (let seed = 0; seed < SEEDS; seed++) expect(implicit2.generate(d, createRng(seed)).at).toBeDefined();
    }
  });

  it('shows the y\' substitution in its steps when solving', () => {
    const q = solve({ equation: 'x^2+y^2=25', order: 2 });
    expect(q.steps.some((s) => s.text.startsWith("Substitute y' = -x/y"))).toBe(true);
    expect(q.steps.every((s) => s.latex.length > 0)).toBe(true);
  });

  it('offers forgot-inner-derivative as ∂(y′)/∂x alone when y is treated as a constant', () => {
    const q = solve({ equation: 'x^2+y^2=25', order: 2, at: { x: 3, y: 4 } });
    const forgot = q.distractors?.find((d) => d.mistake === 'forgot-inner-derivative');
    expect(forgot?.value).toBeCloseTo(-1 / 4, 12);
    expect(q.distractors?.find((d) => d.mistake === 'sign-error')?.value).toBeCloseTo(25 / 64, 12);
  });

  it('throws a TaskError when the task asks for order 1', () => {
    expect(() => solve({ equation: 'x^2+y^2=25', order: 1 })).toThrow(TaskError);
  });

  it('throws a TaskError when the point is off the curve', () => {
    expect(() => solve({ equation: 'x^2+y^2=25', order: 2, at: { x: 1, y: 1 } })).toThrow(/not on the curve/);
  });
});
