import { describe, expect, it } from 'vitest';
import { checkExpressions } from '../../../shared/check/index';

describe('mismatch feedback', () => {
  it('names a constant factor when the answer is a fixed multiple of the right one', () => {
    const v = checkExpressions({ expected: '2*x*exp(x^2-2)', given: '4*x*exp(x^2-2)', vars: ['x'] });
    expect(v.correct).toBe(false);
    expect(v.feedback).toMatch(/2 times the expected one/);
  });

  it('shows a small, hand-checkable point when the answers differ in shape', () => {
    const v = checkExpressions({ expected: '2*x*exp(x^2-2)', given: 'exp(x^2-2)+x', vars: ['x'] });
    expect(v.correct).toBe(false);
    const m = /x = (-?[\d.]+)/.exec(v.feedback ?? '');
    expect(m).not.toBeNull();
    expect(Math.abs(Number(m?.[1]))).toBeLessThan(1.5);
  });
});

describe('mismatch feedback for a zero answer', () => {
  it('does not call 0 a constant factor of the answer', () => {
    const v = checkExpressions({ expected: '15*(3*x+4)^4', given: '0', vars: ['x'] });
    expect(v.correct).toBe(false);
    expect(v.feedback).not.toMatch(/times the expected/);
  });
});
