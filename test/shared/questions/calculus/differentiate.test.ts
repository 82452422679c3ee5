import { describe, expect, it } from 'vitest';
import { math } from '../../../../shared/math/engine';
import { TaskError } from '../../../../shared/questions/family';
import { differentiate, differentiateExpr, parseExpr, substitute, toStr, toTex } from '../../../../shared/questions/calculus/differentiate';
import { checkDerivative, sameFunction } from './numeric-check';

const CASES = [
  'sin(cos(x^2))', 'x^2*sin(x)', 'sigmoid(3*x^2)', 'exp(x)/(exp(x) + exp(2))', 'sqrt(x^2 + 1)', 'e^(2*x)', '2^x',
  'x^x', '1/x', 'ln(x^2 + 1)', 'asin(x/3)', 'acos(x/2)', 'atan(x^2)', 'softplus(x)^2', 'tan(x)^3', '(x^2 + 1)^(-3)',
  'sec(x)', 'csc(x)', 'cot(x)', 'sinh(x)*cosh(x)', 'tanh(2*x)', 'sech(x)', 'abs(x)', '-cos(x)', 'x^(1/2)', 'log(x, 2)',
  '3*(x^2 + 1)^4 - 2', 'relu(2*x - 1)', 'sigmoid(x)*(1 - sigmoid(x))', 'x/(1 + x^2)', 'exp(-x^2/2)', 'sign(x)*x^2',
  'log(sigmoid(3*x + 2))', 'softplus(softplus(x))', 'cos(x)^2 + sin(x)^2', '2x sin(x)',
];

describe('differentiate', () => {
  it.each(CASES)('matches central finite differences for %s', (expr) => {
    const d = differentiateExpr(expr, 'x');
    const r = checkDerivative(expr, d, 'x', ['x']);
    expect(r.mismatch).toBeNull();
    expect(r.checked).toBeGreaterThanOrEqual(4);
  });

  it('treats other symbols as constants when differentiating partially', () => {
    const d = differentiateExpr('x^2*y + sin(x*y)', 'y');
    expect(checkDerivative('x^2*y + sin(x*y)', d, 'y', ['x', 'y']).mismatch).toBeNull();
    expect(differentiateExpr('y^3 + e + pi', 'x')).toBe('0');
  });

  it('writes the chain-rule product the way docs/question-format.md shows it', () => {
    expect(differentiateExpr('sin(cos(x^2))', 'x')).toBe('-2*x*sin(x^2)*cos(cos(x^2))');
  });

  it('tidies constants, *1, +0 and x^1 away', () => {
    expect(differentiateExpr('3*x + 0*x^2 + 7', 'x')).toBe('3');
    expect(differentiateExpr('x^2', 'x')).toBe('2*x');
    expect(differentiateExpr('(x + 1)^2', 'x')).toBe('2*(x + 1)');
    expect(differentiateExpr('1 - tanh(x)', 'x')).toBe('-(1 - tanh(x)^2)');
  });

  it('gives sigmoid, softplus and relu their own rules', () => {
    expect(differentiateExpr('sigmoid(x)', 'x')).toBe('sigmoid(x)*(1 - sigmoid(x))');
    expect(differentiateExpr('softplus(x)', 'x')).toBe('sigmoid(x)');
    const relu = parseExpr(differentiateExpr('relu(x)', 'x'));
    expect(relu.evaluate({ x: 2 })).toBe(1);
    expect(relu.evaluate({ x: -2 })).toBe(0);
  });

  it('accepts a mathjs node and returns one', () => {
    const node = math.parse('x^3');
    expect(toStr(differentiate(node, 'x'))).toBe('3*x^2');
  });

  it.each(['', '   ', 'sin(', 'foo(x)', 'x = 2', '[1, 2]', 'sin', 'x!', 'sin(x, 2)', 'a ? b : c', '"text"', 'x[1]', '{a: 1}'])(
    'rejects %j with a TaskError',
    (bad) => {
      expect(() => differentiateExpr(bad, 'x')).toThrow(TaskError);
    },
  );

  it('rejects absurdly long or deeply nested input before parsing', () => {
    expect(() => parseExpr('x+'.repeat(300) + 'x')).toThrow(TaskError);
    expect(() => parseExpr('('.repeat(60) + 'x' + ')'.repeat(60))).toThrow(/nested/);
  });
});

describe('substitute', () => {
  it('puts parentheses where the parser needs them', () => {
    expect(substitute('u^2', { u: 'x + 1' })).toBe('(x + 1)^2');
    expect(substitute('-u', { u: '-x' })).toBe('x');
    expect(substitute('2*u', { u: '3' })).toBe('6');
    expect(sameFunction(substitute('sin(u)*u', { u: 'x^2 - 1' }), 'sin(x^2 - 1)*(x^2 - 1)', ['x'])).toBe(true);
  });
});

describe('toTex', () => {
  it('renders the activation functions readably', () => {
    expect(toTex('sigmoid(3*x)')).toBe('\\sigma\\left(3x\\right)');
    expect(toTex('softplus(x)')).toContain('\\operatorname{softplus}');
    expect(toTex('relu(x)')).toContain('\\operatorname{ReLU}');
    expect(toTex(differentiateExpr('relu(x)', 'x'))).toBe('\\mathbf{1}\\left[x>0\\right]');
  });

  it('uses fractions, roots, ln and powers of trig functions', () => {
    expect(toTex('1/(2*sqrt(x))')).toBe('\\frac{1}{2\\sqrt{x}}');
    expect(toTex('log(x)')).toBe('\\ln\\left(x\\right)');
    expect(toTex('sec(x)^2')).toBe('\\sec^{2}\\left(x\\right)');
    expect(toTex('-1/x^2')).toBe('-\\frac{1}{x^{2}}');
  });
});

describe('toStr', () => {
  it.each(CASES)('prints %s so mathjs reads back the same function', (expr) => {
    const printed = toStr(parseExpr(expr));
    expect(sameFunction(expr.replace('2x sin', '2*x*sin'), printed, ['x'])).toBe(true);
    const d = differentiateExpr(expr, 'x');
    expect(toStr(parseExpr(d))).toBe(d);
  });
});

describe('parseExpr (the one expression parser, adapted to mathjs nodes)', () => {
  it.each([...CASES, '-x^2', '2^-x', 'x^2^3', '2*-x', 'x/y*z', 'a - b - c', '1e-3*x', '-(x + 1)^2/(3*y)'])(
    'reads explicit syntax %s exactly as math.parse does',
    (expr) => {
      const ours = toStr(parseExpr(expr));
      expect(ours).toBe(toStr(parseExpr(math.parse(expr).toString({ parenthesis: 'all', implicit: 'show' }))));
    },
  );

  it('reads implicit multiplication the way a teacher does', () => {
    expect(toStr(parseExpr('2x'))).toBe('2*x');
    expect(toStr(parseExpr('6x(x^2+1)^2', ['x']))).toBe('6*x*(x^2 + 1)^2');
    expect(toStr(parseExpr('2xcos(x^2)', ['x']))).toBe('2*x*cos(x^2)');
  });
});
