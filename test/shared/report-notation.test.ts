import { describe, expect, it } from 'vitest';
import { correctNotation, inputNotation, storedAnswerNotation } from '../../shared/report/notation';

describe('answer notation', () => {
  it('writes vectors and matrices the same way for the right answer and the player', () => {
    expect(correctNotation({ value: [0.5121349894378796, 0.5365584607951202] })).toBe('[0.5121, 0.5366]');
    expect(inputNotation([0.512, '0.537'])).toBe('[0.512, 0.537]');
    expect(correctNotation({ matrix: [[10.710147607885883, -15.267516988745506], [-2.9975899473009284, 0.35779544144201086]] }))
      .toBe('[10.71, -15.27; -2.998, 0.3578]');
    expect(inputNotation([['10.7', '-15.3'], ['-3', '0.358']])).toBe('[10.7, -15.3; -3, 0.358]');
    expect(correctNotation({ value: -0.8125 })).toBe('-0.8125');
    expect(correctNotation({ expr: 'cos(x)*cosh(sin(x))' })).toBe('cos(x)*cosh(sin(x))');
  });

  it('gives an empty text for no answer and rewrites stored JSON answers', () => {
    expect(inputNotation(null)).toBe('');
    expect(storedAnswerNotation('[[1,2],[3,4]]')).toBe('[1, 2; 3, 4]');
    expect(storedAnswerNotation('[1,"2"]')).toBe('[1, 2]');
    expect(storedAnswerNotation('[sin(x)')).toBe('[sin(x)');
    expect(storedAnswerNotation('[{"a":1}]')).toBe('[{"a":1}]');
    expect(storedAnswerNotation('2*x')).toBe('2*x');
  });
});
