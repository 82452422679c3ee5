import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkExpressions } from '../../../shared/check/index';

/**
 * Random "tame" expressions in x: positive constants, + and *, and smooth functions, so no generated
 * expression is identically zero or constant by accident (that would make a perturbation an equivalence).
 */
const constant = fc.constantFrom('2', '3', '0.5', '1.7', '4');
const leaf = fc.oneof(fc.constant('x'), fc.tuple(constant, constant).map(([a, b]) => `(${a}x + ${b})`));
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom('sin', 'cos', 'tanh', 'atan', 'sigmoid', 'exp'), tie('e')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a}) + (${b})`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a}) * (${b})`),
  ),
})).e.filter((s) => s.length < 160);

const RUNS = { numRuns: 60, seed: 20261126 };

function equivalent(expected: string, given: string): boolean {
  const v = checkExpressions({ expected, given, vars: ['x'] });
  if (v.error) throw new Error(`${v.error}: ${given}`);
  return v.correct;
}

describe('checkExpressions (property-based)', () => {
  it('accepts commuted products when the factors are swapped', () => {
    fc.assert(fc.property(expr, expr, (a, b) => equivalent(`(${a})*(${b})`, `(${b})(${a})`)), RUNS);
  });

  it('accepts an expanded square when (A+B)^2 is written out', () => {
    fc.assert(fc.property(expr, expr, (a, b) => equivalent(`((${a}) + (${b}))^2`, `(${a})^2 + 2(${a})(${b}) + (${b})^2`)), RUNS);
  });

  it('accepts the double-angle form when sin(2A) is rewritten', () => {
    fc.assert(fc.property(expr, (a) => equivalent(`sin(2(${a}))`, `2 sin(${a}) cos(${a})`)), RUNS);
  });

  it('accepts the distributed form when A(B+C) is multiplied out', () => {
    fc.assert(fc.property(expr, expr, expr, (a, b, c) => equivalent(`(${a})((${b}) + (${c}))`, `(${a})(${b}) + (${a})(${c})`)), RUNS);
  });

  it('rejects an answer when 1e-3 is added', () => {
    fc.assert(fc.property(expr, (a) => !equivalent(a, `(${a}) + 1e-3`)), RUNS);
  });

  it('rejects an answer when it is scaled by 1.001', () => {
    fc.assert(fc.property(expr, (a) => !equivalent(a, `1.001 (${a})`)), RUNS);
  });

  it('rejects an answer when one coefficient is changed', () => {
    fc.assert(
      fc.property(expr, expr, constant, (a, b, c) => !equivalent(`${c}(${b}) + (${a})`, `(${c} + 1)(${b}) + (${a})`)),
      RUNS,
    );
  });

  it('rejects an answer when sin is swapped for cos', () => {
    fc.assert(fc.property(expr, (a) => !equivalent(`sin(${a})`, `cos(${a})`)), RUNS);
  });

  it('accepts a commuted product when written by hand', () => {
    expect(equivalent('sin(x) * (2x + 3)', '(2x + 3) sin(x)')).toBe(true);
  });
});
