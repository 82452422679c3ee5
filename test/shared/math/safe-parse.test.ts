import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../../shared/math/safe-parse';
import { compile } from '../../../shared/math/compile';
import { toMathjsNode, valueAt as mathjsValue } from '../../../server/math/mathjs';

function valueAt(src: string, x: number): number {
  const p = parseAnswer(src, ['x']);
  if (!p.ok) throw new Error(p.error);
  return compile(p.expr, new Map([['x', 0]]))(Float64Array.of(x));
}

function errorOf(src: unknown, vars: string[] = ['x']): string {
  const p = parseAnswer(src, vars);
  return p.ok ? '' : p.error;
}

describe('parseAnswer', () => {
  it('reads implicit multiplication when a coefficient touches a variable and a function', () => {
    expect(valueAt('2x cos(x^2)', 0.7)).toBeCloseTo(2 * 0.7 * Math.cos(0.49), 12);
  });

  it('maps ln to the natural log when ln is typed', () => {
    expect(valueAt('ln(x)', 2)).toBeCloseTo(Math.log(2), 12);
  });

  it('reads log with a base as mathjs does when two arguments are given', () => {
    expect(valueAt('log(x, 2)', 8)).toBeCloseTo(3, 12);
  });

  it('normalises friendly symbols when a phone types ·, ×, −, ** and π', () => {
    expect(valueAt('2·x × 3 − x**2 + π', 1.5)).toBeCloseTo(2 * 1.5 * 3 - 2.25 + Math.PI, 12);
  });

  it('reads x(x+1) as a product when a variable is followed by parentheses', () => {
    expect(valueAt('x(x+1)', 3)).toBe(12);
  });

  it('knows e and pi when they are used as constants', () => {
    expect(valueAt('e^x + pi', 1)).toBeCloseTo(Math.E + Math.PI, 12);
  });

  it('evaluates sigmoid, softplus, relu, step and sign as mathjs does when they are called', () => {
    for (const f of ['sigmoid', 'softplus', 'relu', 'step', 'sign', 'sech', 'cot']) {
      for (const x of [-0.8, 1.3]) expect(valueAt(`${f}(x)`, x)).toBeCloseTo(mathjsValue(toMathjsNode(`${f}(x)`), { x }), 12);
    }
  });

  it('refuses a symbol outside the question variables when mathjs would make it a unit', () => {
    expect(errorOf('t')).toBe('Unknown symbol "t": this answer may use only x.');
    expect(errorOf('5 cm')).toContain('Unknown symbol "cm"');
    expect(errorOf('2 g')).toContain('Unknown symbol "g"');
  });

  it('refuses phi, tau and i when mathjs would make them constants', () => {
    for (const s of ['phi', 'tau', 'i', 'E']) expect(errorOf(s)).toContain(`Unknown symbol "${s}"`);
  });

  it('refuses Infinity and NaN when they are typed as values', () => {
    expect(errorOf('Infinity')).not.toBe('');
    expect(errorOf('NaN')).not.toBe('');
  });

  it('lists every allowed variable when the question has several', () => {
    expect(errorOf('z', ['x', 'y', 't'])).toBe('Unknown symbol "z": this answer may use only x, y and t.');
  });

  it('refuses derivative(...) when the answer restates the question', () => {
    expect(errorOf('derivative(x^2, x)')).toBe('Write the derivative itself, not derivative(...).');
  });

  it('refuses dangerous and unknown functions when they are called', () => {
    for (const f of ['import', 'evaluate', 'parse', 'createUnit', 'simplify', 'resolve', 'reviver', 'constructor', 'toString']) {
      expect(errorOf(`${f}(x)`)).toMatch(/^Unknown function/);
    }
  });

  it('refuses assignment, function definition, objects, arrays, indexing, ranges and strings', () => {
    const cases = ['a = 2', 'f(x) = x^2', '{a: 1}', '[1, 2]', 'x[1]', 'x.y', '1:3', '"hi"', 'x ? 1 : 2', 'x; x'];
    for (const s of cases) expect(errorOf(s), s).not.toBe('');
  });

  it('refuses factorial, comparison and bitwise operators when they appear', () => {
    for (const s of ['x!', 'x == 1', 'x < 2', 'x & 1', 'x mod 2', "x'", 'not x']) expect(errorOf(s), s).not.toBe('');
  });

  it('asks for the argument when a function has none', () => {
    expect(errorOf('sin')).toBe('Write sin with its argument, as in sin(x) or sin x; use parentheses for anything longer.');
    expect(errorOf('2 + cos * x')).toMatch(/^Write cos with its argument/);
  });

  it('refuses before parsing when the answer is too long or too deeply nested', () => {
    expect(errorOf('x+'.repeat(300) + 'x')).toBe('That answer is too long.');
    expect(errorOf('('.repeat(30) + 'x' + ')'.repeat(30))).toBe('That answer is nested too deeply.');
    expect(errorOf('('.repeat(300) + 'x' + ')'.repeat(300))).not.toBe('');
  });

  it('says the parentheses are unbalanced when they are', () => {
    expect(errorOf('sin(x')).toBe('Unbalanced parentheses.');
    expect(errorOf('x)(')).toBe('Unbalanced parentheses.');
  });

  it('refuses empty, blank and non-string input with a message', () => {
    expect(errorOf('')).toBe('Type an answer first.');
    expect(errorOf('   ')).toBe('Type an answer first.');
    for (const v of [null, undefined, 42, {}, ['x']]) expect(errorOf(v)).not.toBe('');
  });

  it('refuses a literal that overflows to infinity when it is typed', () => {
    expect(errorOf('1e400')).toBe('That number is too large.');
  });
});

describe('parseAnswer sign runs', () => {
  it('refuses a long run of signs before the parser recurses on it', () => {
    expect(errorOf('-'.repeat(390) + 'x')).toBe('Too many signs in a row.');
  });

  it('still reads a double negative when one is typed', () => {
    expect(valueAt('--x', 2)).toBe(2);
  });
});
