import { describe, expect, it } from 'vitest';
import { implicit } from '../../../shared/questions/families/implicit';
import { TaskError } from '../../../shared/questions/family';
import { createRng } from '../../../shared/questions/rng';
import type { Difficulty, ImplicitTask, Question } from '../../../shared/questions/types';
import { curveFunction, evaluate, numericDerivatives, pointsOn, relClose } from './implicit-reference';

const solve = (task: ImplicitTask): Question => implicit.solve(task, { difficulty: 2, seed: 0 });
const generated = (d: Difficulty, seed: number): Question => implicit.solve(implicit.generate(d, createRng(seed)), { difficulty: d, seed });
const DIFFICULTIES = [1, 2, 3, 4, 5] as const;
const SEEDS = 40;

describe('implicit family', () => {
  it('gives -x/y when the curve is x^2+y^2=25', () => {
    const q = solve({ equation: 'x^2+y^2=25', order: 1 });
    expect(q.answer.expr).toBe('-x/y');
  });

  it('gives -0.75 when the circle x^2+y^2=25 is asked at (3, 4)', () => {
    expect(solve({ equation: 'x^2+y^2=25', order: 1, at: { x: 3, y: 4 } }).answer.value).toBeCloseTo(-0.75, 14);
  });

  it('matches the numeric slope of the curve at the point when a generated question has a point', () => {
    let checked = 0;
    for (const d of DIFFICULTIES) {
      for (let seed = 0; seed < SEEDS; seed++) {
        const q = generated(d, seed);
        const at = (q.task as ImplicitTask).at;
        if (!at) continue;
        const { d1 } = numericDerivatives(curveFunction((q.task as ImplicitTask).equation), at.x, at.y);
        expect(relClose(q.answer.value as number, d1, 1e-5), `${q.id}: ${String(q.answer.value)} vs ${d1}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('matches the numeric slope at points on the curve when a generated answer is an expression', () => {
    let checked = 0;
    for (const d of DIFFICULTIES) {
      for (let seed = 0; seed < SEEDS; seed++) {
        const q = generated(d, seed);
        if (q.answer.expr === undefined) continue;
        const F = curveFunction((q.task as ImplicitTask).equation);
        for (const p of pointsOn(F, 3)) {
          const want = numericDerivatives(F, p.x, p.y).d1;
          expect(relClose(evaluate(q.answer.expr, p.x, p.y), want, 1e-5), `${q.id} at (${p.x}, ${p.y})`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('puts generated points exactly on the curve when difficulty is 1 to 5', () => {
    for (const d of DIFFICULTIES) {
      for (let seed = 0; seed < SEEDS; seed++) {
        const task = implicit.generate(d, createRng(seed));
        if (task.at) expect(curveFunction(task.equation)(task.at.x, task.at.y)).toBeCloseTo(0, 12);
      }
    }
  });

  it('gives a non-zero slope at generated points so 0 is never a free guess', () => {
    for (const d of DIFFICULTIES) {
      for (let seed = 0; seed < SEEDS; seed++) {
        const q = generated(d, seed);
        if (q.answer.value !== undefined) expect(Math.abs(q.answer.value as number)).toBeGreaterThan(1e-9);
      }
    }
  });

  it('moves from conics to trig and exp curves as difficulty rises', () => {
    const eq = (d: Difficulty): string[] => Array.from({ length: SEEDS }, (_, s) => implicit.generate(d, createRng(s)).equation);
    expect(eq(1).every((e) => !/sin|cos|e\^|log|sqrt/.test(e))).toBe(true);
    expect(eq(4).every((e) => /sin|cos|e\^|log|sqrt/.test(e))).toBe(true);
  });

  it('offers reciprocal and sign-error values when the point is given', () => {
    const q = solve({ equation: 'x^2+y^2=25', order: 1, at: { x: 3, y: 4 } });
    const by = new Map((q.distractors ?? []).map((d) => [d.mistake, d.value]));
    expect(by.get('reciprocal')).toBeCloseTo(-4 / 3, 12);
    expect(by.get('sign-error')).toBeCloseTo(0.75, 12);
  });

  it('offers forgot-inner-derivative when the curve mixes x and y in a product', () => {
    const q = solve({ equation: 'x^3 + y^3 = 6*x*y', order: 1, at: { x: 3, y: 3 } });
    const forgot = q.distractors?.find((d) => d.mistake === 'forgot-inner-derivative');
    // Treating y as a constant in 6xy: 3x^2 - 6y + 3y^2 y' = 0, so y' = -(27 - 18)/27.
    expect(forgot?.value).toBeCloseTo(-1 / 3, 12);
  });

  it('leaves out forgot-inner-derivative when no term mixes x and y', () => {
    const q = solve({ equation: 'x^2+y^2=25', order: 1 });
    expect(q.distractors?.map((d) => d.mistake)).not.toContain('forgot-inner-derivative');
  });

  it('gives LaTeX steps ending with the value when a point is given', () => {
    const q = solve({ equation: 'x^2*y + y^3 = 10', order: 1, at: { x: 3, y: 1 } });
    expect(q.steps.length).toBeGreaterThanOrEqual(4);
    expect(q.steps.every((s) => s.latex.length > 0 && s.text.length > 0)).toBe(true);
    expect(q.steps.at(-1)?.text).toContain('-0.5');
  });

  it('reads ln, spaces and constants on both sides when a teacher writes the equation', () => {
    const q = solve({ equation: ' ln(x*y) + 2 = y + 1.5 ', order: 1, at: { x: 2, y: 0.5 } });
    const { d1 } = numericDerivatives(curveFunction('log(x*y) + 2 = y + 1.5'), 2, 0.5);
    expect(q.answer.value).toBeCloseTo(d1, 6);
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['a point off the curve', { equation: 'x^2+y^2=25', order: 1, at: { x: 3, y: 5 } }, /not on the curve/],
    ['a vertical tangent at the point', { equation: 'x^2+y^2=25', order: 1, at: { x: 5, y: 0 } }, /vertical/],
    ['no equals sign', { equation: 'x^2+y^2', order: 1 }, /exactly one "="/],
    ['two equals signs', { equation: 'x=y=1', order: 1 }, /exactly one "="/],
    ['another variable', { equation: 'x^2+z^2=1', order: 1 }, /only x and y/],
    ['no y', { equation: 'x^2=4', order: 1 }, /must involve y/],
    ['a point that is not numbers', { equation: 'x^2+y^2=25', order: 1, at: { x: '3', y: 4 } }, /finite numbers/],
    ['order 2', { equation: 'x^2+y^2=25', order: 2 }, /implicit2/],
    ['an unknown function', { equation: 'foo(x)+y=1', order: 1 }, /not supported/],
    ['a non-string equation', { equation: 42, order: 1 }, /must be a string/],
  ];
  for (const [what, task, msg] of bad) {
    it(`throws a TaskError when the task has ${what}`, () => {
      expect(() => solve(task as ImplicitTask)).toThrow(TaskError);
      expect(() => solve(task as ImplicitTask)).toThrow(msg);
    });
  }
});
