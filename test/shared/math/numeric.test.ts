import { describe, expect, it } from 'vitest';
import { formatNumber, numbersAgree, readNumber, NUMERIC_RULE_TEXT } from '../../../shared/math/numeric';
import { readGrid } from '../../../shared/math/grid';

describe('numbersAgree', () => {
  it('accepts three significant figures when they are rounded right', () => {
    expect(numbersAgree(-0.0497, -0.049744)).toBe(true);
  });

  it('accepts more digits when they are right', () => {
    expect(numbersAgree(-0.04974, -0.049744)).toBe(true);
    expect(numbersAgree(-0.0497442, -0.049744)).toBe(true);
  });

  it('rejects a number when the third significant figure is off', () => {
    expect(numbersAgree(-0.0496, -0.049744)).toBe(false);
    expect(numbersAgree(-0.05, -0.049744)).toBe(false);
    expect(numbersAgree(0.0497, -0.049744)).toBe(false);
  });

  it('scales with the magnitude when values are large or tiny', () => {
    expect(numbersAgree(12300, 12345)).toBe(true);
    expect(numbersAgree(12200, 12345)).toBe(false);
    expect(numbersAgree(9.54e-7, 9.5367e-7)).toBe(true);
    expect(numbersAgree(0, 9.5367e-7)).toBe(false);
  });

  it('needs an exact zero when the exact value is zero', () => {
    expect(numbersAgree(0, 0)).toBe(true);
    expect(numbersAgree(0.001, 0)).toBe(false);
  });

  it('rejects non-finite numbers when they are given', () => {
    expect(numbersAgree(NaN, 1)).toBe(false);
    expect(numbersAgree(Infinity, 1)).toBe(false);
  });

  it('states the rule with an example when the UI asks for it', () => {
    expect(NUMERIC_RULE_TEXT).toContain('3 significant figures');
    expect(NUMERIC_RULE_TEXT).toContain('-0.0497');
  });
});

describe('readNumber', () => {
  it('reads decimals, fractions, exponents and constant expressions when typed as strings', () => {
    const read = (s: string): number => {
      const r = readNumber(s);
      if (!r.ok) throw new Error(r.error);
      return r.value;
    };
    expect(read('-0.0497')).toBe(-0.0497);
    expect(read('1/4')).toBe(0.25);
    expect(read('2e-3')).toBe(0.002);
    expect(read('sqrt(2)/2')).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('refuses variables and non-finite values when a number is expected', () => {
    expect(readNumber('x').ok).toBe(false);
    expect(readNumber('1/0').ok).toBe(false);
    expect(readNumber(NaN).ok).toBe(false);
    expect(readNumber({}).ok).toBe(false);
  });
});

describe('readGrid', () => {
  it('reads a vector when the string is one bracket list', () => {
    expect(readGrid('[0.1, -0.2]')).toEqual({ kind: 'vector', cells: ['0.1', '-0.2'] });
  });

  it('reads a matrix when rows are nested lists or separated by semicolons', () => {
    expect(readGrid('[[1, 2], [3, 4]]')).toEqual({ kind: 'matrix', rows: [['1', '2'], ['3', '4']] });
    expect(readGrid('[1, 2; 3, 4]')).toEqual({ kind: 'matrix', rows: [['1', '2'], ['3', '4']] });
  });

  it('keeps function arguments together when a cell contains a comma', () => {
    expect(readGrid('[log(x, 2), 1]')).toEqual({ kind: 'vector', cells: ['log(x, 2)', '1'] });
  });

  it('returns null when the string is not bracket notation', () => {
    expect(readGrid('0.5')).toBeNull();
  });
});

describe('formatNumber', () => {
  it('shows four significant figures without float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-1.23456)).toBe('-1.235');
    expect(formatNumber(NaN)).toBe('undefined');
  });
});
