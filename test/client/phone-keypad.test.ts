/**
 * The keypad's editing rules, without a browser: every key sequence leaves text the checker reads, and the
 * tap counts the issue sets (2x cos(x^2) in at most 8 taps) hold.
 */
import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../shared/math/safe-parse';
import { applyKey, typeKeys, type Key } from '../../client/src/input/keypad-edit';
import { functionKeys } from '../../client/src/input/keypad';

const d = (value: string): Key => ({ kind: 'digit', value });
const v = (value: string): Key => ({ kind: 'symbol', value });
const fn = (name: string): Key => ({ kind: 'fn', name });
const op = (value: '+' | '-' | '*' | '/' | '^'): Key => ({ kind: 'op', value });

describe('keypad editing', () => {
  it('builds 2x cos(x^2) in 5 taps, readable by the current parser', () => {
    const taps = [d('2'), v('x'), fn('cos'), v('x'), { kind: 'square' } as Key];
    const out = typeKeys(taps);
    expect(out.text).toBe('2x cos(x^2)');
    expect(taps.length).toBeLessThanOrEqual(8);
    expect(parseAnswer(out.text, ['x']).ok).toBe(true);
    // The caret sits before the auto-closed bracket; `)` steps over it instead of doubling it.
    expect(out.caret).toBe(10);
    expect(applyKey(out, { kind: 'close' })).toEqual({ text: '2x cos(x^2)', caret: 11 });
  });

  it('spaces letters and functions so no unknown symbol like xcos or xy is formed', () => {
    const cases: Array<[Key[], string]> = [
      [[v('x'), v('y')], 'x y'],
      [[v('x'), fn('sin'), v('x')], 'x sin(x)'],
      [[v('x'), d('2')], 'x*2'],
      [[v('x'), v('e'), op('^'), v('x')], 'x e^x'],
      [[fn('sigmoid'), v('x'), { kind: 'right' }, { kind: 'open' }, d('1'), op('-'), fn('sigmoid'), v('x')], 'sigmoid(x)(1-sigmoid(x))'],
      [[d('2'), v('pi'), v('x')], '2pi x'],
    ];
    for (const [keys, text] of cases) {
      const out = typeKeys(keys);
      expect(out.text).toBe(text);
      expect(parseAnswer(out.text, ['x', 'y']).ok).toBe(true);
    }
  });

  it('types a numeric 2×2 Jacobian entry with a minus, and a fraction straight into its denominator', () => {
    expect(typeKeys([op('-'), d('0'), d('.'), d('0'), d('4'), d('9'), d('7')]).text).toBe('-0.0497');
    const frac = typeKeys([{ kind: 'fraction' }, d('1'), { kind: 'right' }, d('3')]);
    expect(frac.text).toBe('(1)/(3)');
    expect(parseAnswer(frac.text, []).ok).toBe(true);
  });

  it('deletes what a key inserted in one tap: an empty function, a function opening, a spaced letter', () => {
    expect(applyKey(typeKeys([d('2'), v('x'), fn('cos')]), { kind: 'back' })).toEqual({ text: '2x', caret: 2 });
    const withArg = typeKeys([fn('cos'), v('x'), { kind: 'left' }]);
    expect(withArg).toEqual({ text: 'cos(x)', caret: 4 });
    expect(applyKey(withArg, { kind: 'back' }).text).toBe('x)');
    expect(applyKey(typeKeys([v('x'), v('y')]), { kind: 'back' })).toEqual({ text: 'x', caret: 1 });
    expect(applyKey({ text: 'abc', caret: 0 }, { kind: 'back' })).toEqual({ text: 'abc', caret: 0 });
    // A selection is replaced by the key, as typing would.
    expect(applyKey({ text: 'x+1', caret: 0 }, d('5'), 3)).toEqual({ text: '5', caret: 1 });
  });

  it('offers the family functions and any the task mentions, never more than fit one row pair', () => {
    expect(functionKeys('chain', '{"expr":"cosh(x^2)"}')).toContain('cosh');
    // ReLU's derivative is typed as step(u): the activation pad has the key (issue 23).
    expect(functionKeys('activation', '{}')).toEqual(['sigmoid', 'step', 'tanh', 'sech', 'exp', 'ln']);
    expect(functionKeys('activation', '{"expr":"relu(softplus(x))"}')).toEqual(['sigmoid', 'softplus', 'relu', 'step', 'tanh', 'sech', 'exp', 'ln']);
    expect(functionKeys('chain', '{"expr":"log(x)*arcsin(x)"}')).toEqual(['sin', 'cos', 'tan', 'sec', 'arcsin', 'exp', 'ln']);
    expect(functionKeys('chain', 'sin( cos( tan( sec( csc( cot( sinh( cosh( tanh(').length).toBeLessThanOrEqual(8);
  });
});
