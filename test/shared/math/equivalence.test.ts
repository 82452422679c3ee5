import { describe, expect, it } from 'vitest';
import { Judge } from '../../../shared/math/equivalence';
import { parseAnswer } from '../../../shared/math/safe-parse';
import { curveRoots } from '../../../shared/math/curve';
import type { Expr } from '../../../shared/math/ast';

function expr(src: string, vars: string[] = ['x']): Expr {
  const p = parseAnswer(src, vars);
  if (!p.ok) throw new Error(p.error);
  return p.expr;
}

describe('Judge', () => {
  it('draws points only where the expected answer is defined', () => {
    const j = new Judge({ params: ['x'] }, expr('sqrt(x) + log(x)'), 1);
    expect(j.points.length).toBeGreaterThanOrEqual(8);
    for (const p of j.points) expect(p[0]).toBeGreaterThan(0);
  });

  it('includes negative and non-integer points when the domain allows them', () => {
    const j = new Judge({ params: ['x'] }, expr('x^2'), 2);
    const xs = j.points.map((p) => p[0] as number);
    expect(xs.some((x) => x < 0)).toBe(true);
    expect(xs.every((x) => !Number.isInteger(x))).toBe(true);
  });

  it('gives the same points when seeded the same', () => {
    const a = new Judge({ params: ['x'] }, expr('x'), 7).points.map((p) => p[0]);
    const b = new Judge({ params: ['x'] }, expr('x'), 7).points.map((p) => p[0]);
    expect(a).toEqual(b);
  });

  it('counts an answer undefined where the expected one is defined as different', () => {
    const j = new Judge({ params: ['x'] }, expr('x'), 3);
    expect(j.compare(j.sampleExpr(expr('sqrt(x)^2'))).equal).toBe(false);
  });

  it('absorbs cancellation error when a sum of large terms is tiny', () => {
    const j = new Judge({ params: ['x'] }, expr('3 sech(3x)^2'), 4);
    expect(j.compare(j.sampleExpr(expr('3(1 - tanh(3x)^2)'))).equal).toBe(true);
  });

  it('puts every point on the curve when a curve is given', () => {
    const f = expr('x^2 + y^2 - 25', ['x', 'y']);
    const j = new Judge({ params: ['x', 'y'], curve: { f, solveFor: 'y' } }, expr('x/y', ['x', 'y']), 5);
    expect(j.points.length).toBeGreaterThanOrEqual(6);
    for (const p of j.points) expect((p[0] as number) ** 2 + (p[1] as number) ** 2).toBeCloseTo(25, 9);
    expect(j.points.some((p) => (p[1] as number) < 0) && j.points.some((p) => (p[1] as number) > 0)).toBe(true);
  });

  it('fills derived variables from the parameters when substitutions are given', () => {
    const j = new Judge({ params: ['t'], derived: [{ name: 'x', expr: expr('cos(t)', ['t']) }] }, expr('t', ['t']), 6);
    for (const p of j.points) expect(p[1]).toBeCloseTo(Math.cos(p[0] as number), 15);
  });
});

describe('curveRoots', () => {
  it('finds both branches when the circle crosses the line twice', () => {
    const roots = curveRoots((y) => 9 + y * y - 25).sort((a, b) => a - b);
    expect(roots).toHaveLength(2);
    expect(roots[0]).toBeCloseTo(-4, 12);
    expect(roots[1]).toBeCloseTo(4, 12);
  });

  it('ignores a pole when the sign changes across it', () => {
    expect(curveRoots((y) => 1 / (y - 0.3))).toEqual([]);
  });
});
