import { describe, expect, it } from 'vitest';
import { checkExpressions, validateExpression } from '../../../shared/check/index';

const ACCEPT: Array<[string, string]> = [
  ['2sin(x)cos(x)', 'sin(2x)'],
  ['1/(2sqrt(x))', '0.5x^(-1/2)'],
  ['sec(x)^2', '1+tan(x)^2'],
  ['x^(1/2)', 'sqrt(x)'],
  ['abs(x)', 'sqrt(x^2)'],
  ['cos(-x)', 'cos(x)'],
  ['(x+1)^2', 'x^2+2x+1'],
  ['-2*x*sin(x^2)*cos(cos(x^2))', 'cos(cos(x^2)) * (-sin(x^2)) * (2x)'],
  ['-x/y', 'x/(-y)'],
  ['1/(1+e^(-2x))', 'tanh(x)/2+1/2'],
  ['abs(x)/x', 'sign(x)'],
  ['3 sech(3x)^2', '3(1 - tanh(3x)^2)'],
];

const REJECT: Array<[string, string]> = [
  ['x', 'sqrt(x^2)'],
  ['sin(pi x)', '0'],
  ['cos(pi x)', 'cos(2 pi x)'],
  ['e^(10x)', 'e^(10x)+1e-6'],
  ['3sin(x^2)^2cos(x^2)', '6x cos(x^2) sin(x^2)^2'],
  ['x/y', '-x/y'],
  ['1/x', '1/abs(x)'],
  ['2x cos(x^2)', '2.001x cos(x^2)'],
  ['cos(x)', 'cos(x) + 0.001'],
];

describe('checkExpressions', () => {
  for (const [a, b] of ACCEPT) {
    it(`accepts ${b} when ${a} is expected, and the other way round`, () => {
      expect(checkExpressions({ expected: a, given: b }).correct).toBe(true);
      expect(checkExpressions({ expected: b, given: a }).correct).toBe(true);
    });
  }

  for (const [a, b] of REJECT) {
    it(`rejects ${b} when ${a} is expected, and the other way round`, () => {
      const one = checkExpressions({ expected: a, given: b });
      const other = checkExpressions({ expected: b, given: a });
      expect(one.correct).toBe(false);
      expect(other.correct).toBe(false);
      expect(one.error).toBeUndefined();
    });
  }

  it('accepts x when exp(log(x)) is expected, on the expected domain x > 0', () => {
    expect(checkExpressions({ expected: 'exp(log(x))', given: 'x' }).correct).toBe(true);
  });

  it('rejects exp(log(x)) when x is expected, since it is undefined for x < 0', () => {
    expect(checkExpressions({ expected: 'x', given: 'exp(log(x))' }).correct).toBe(false);
  });

  it('accepts an answer equal only on the curve when a curve is given', () => {
    const v = checkExpressions({ expected: '-(x^2+y^2)/y^3', given: '-25/y^3', curve: 'x^2+y^2=25' });
    expect(v.correct).toBe(true);
  });

  it('rejects the same pair when no curve is given', () => {
    expect(checkExpressions({ expected: '-(x^2+y^2)/y^3', given: '-25/y^3' }).correct).toBe(false);
  });

  it('rejects an answer that differs on the curve when a curve is given', () => {
    expect(checkExpressions({ expected: '-x/y', given: 'x/y', curve: 'x^2+y^2=25' }).correct).toBe(false);
  });

  it('accepts intermediate variables when substitutions are given', () => {
    const v = checkExpressions({ expected: 'cos(t)^2 - sin(t)^2', given: 'x^2 - y^2', subs: { x: 'cos(t)', y: 'sin(t)' } });
    expect(v.correct).toBe(true);
  });

  it('rejects a wrong answer in intermediate variables when substitutions are given', () => {
    const v = checkExpressions({ expected: 'cos(t)^2 - sin(t)^2', given: 'x^2 + y^2', subs: { x: 'cos(t)', y: 'sin(t)' } });
    expect(v.correct).toBe(false);
  });

  it('names a sign error when the given answer is the negation', () => {
    expect(checkExpressions({ expected: '2x cos(x^2)', given: '-2x cos(x^2)' }).mistake).toBe('sign-error');
  });

  it('names the reciprocal when the given answer is one over the expected', () => {
    expect(checkExpressions({ expected: '-x/y', given: '-y/x', curve: 'x^2+y^2=25' }).mistake).toBe('reciprocal');
  });

  it('shows a point and both values when no known mistake matches', () => {
    const v = checkExpressions({ expected: 'x^2', given: 'x^3', vars: ['x'] });
    expect(v.feedback).toMatch(/^Not equivalent to the expected answer; compare at x = -?[\d.]+: yours gives -?[\d.]+, expected [\d.]+\.$/);
  });

  it('refuses variables outside vars when vars are given', () => {
    expect(checkExpressions({ expected: 'x^2', given: 't^2', vars: ['x'] }).error).toBe('Unknown symbol "t": this answer may use only x.');
  });

  it('is reproducible when the same check runs twice', () => {
    const a = checkExpressions({ expected: 'x^2', given: 'x^2 + sin(x)', vars: ['x'] });
    const b = checkExpressions({ expected: 'x^2', given: 'x^2 + sin(x)', vars: ['x'] });
    expect(a).toEqual(b);
  });

  it('returns an error instead of throwing when fields have the wrong type', () => {
    const bad = [{ expected: 3, given: 'x' }, { expected: 'x', given: 7 }, { expected: 'x', given: 'x', vars: 'x' }, { expected: 'x', given: 'x', subs: [1] }, { expected: 'x', given: 'x', curve: 5 }];
    for (const input of bad) {
      const v = checkExpressions(input as never);
      expect(v.correct).toBe(false);
      expect(typeof v.error).toBe('string');
    }
  });
});

describe('validateExpression', () => {
  it('accepts an allowed expression when it uses the given variables', () => {
    expect(validateExpression('2x cos(x^2)', ['x'])).toEqual({ ok: true });
  });

  it('explains the problem when the expression uses another variable', () => {
    expect(validateExpression('2t', ['x'])).toEqual({ ok: false, error: 'Unknown symbol "t": this answer may use only x.' });
  });
});
