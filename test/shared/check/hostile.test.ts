import { describe, expect, it } from 'vitest';
import { checkAnswer, checkExpressions } from '../../../shared/check/index';
import { chainQuestion, implicitQuestion, jacobianQuestion, backpropQuestion } from './fixtures';

const HOSTILE: unknown[] = [
  'x'.repeat(100_000),
  '('.repeat(5000) + 'x' + ')'.repeat(5000),
  '-'.repeat(399) + 'x',
  'x^'.repeat(199) + 'x',
  'sin('.repeat(24) + 'x' + ')'.repeat(24),
  'import({}, {override: true})',
  'createUnit("foo")',
  'evaluate("1+1")',
  'derivative(sin(x), x)',
  'x^99999999',
  '1e308*1e308',
  '9'.repeat(390),
  'e^e^e^e^e^e^x',
  'sin(x)/0',
  'unknownThing',
  '5 cm',
  '',
  '   \n\t',
  '\u0000\u202e',
  '[[[[[[[[',
  '{}',
  'f(x) = x',
  'x ? 1 : 2',
  ['x', ['y']],
  null,
  undefined,
  42,
  NaN,
  { valueOf: () => 'x' },
];

describe('checkAnswer on hostile input', () => {
  it('never throws and stays under 20 ms per check whatever the input', () => {
    const questions = [chainQuestion(), implicitQuestion(2), jacobianQuestion(), backpropQuestion([[0.1, 0.2]])];
    for (const q of questions) checkAnswer(q, 'x'); // warm the caches once: the budget is for a check, not a build
    for (const q of questions) {
      for (const input of HOSTILE) {
        // Best of three: the budget is about our work, not about the shared CI machine's scheduler.
        let ms = Infinity;
        let v = checkAnswer(q, input as string);
        for (let k = 0; k < 3; k++) {
          const start = performance.now();
          v = checkAnswer(q, input as string);
          ms = Math.min(ms, performance.now() - start);
        }
        expect(v.correct, String(input).slice(0, 30)).toBe(false);
        expect(ms, String(input).slice(0, 30)).toBeLessThan(20);
      }
    }
  });

  it('refuses a huge exponent tower of brackets with a readable message', () => {
    const v = checkAnswer(chainQuestion(), '('.repeat(5000) + 'x' + ')'.repeat(5000));
    expect(v.error).toBe('That answer is too long.');
  });

  it('gives a reproducible verdict or a clear refusal when a free-form comparison gets a hostile curve', () => {
    // Its cost is measured in `npm run bench -- checker` (worst cases), not timed here.
    for (let k = 0; k < 3; k++) {
      const input = { expected: 'x', given: 'x', curve: `sin(1/(x y))^2 = cos(x^${99 - k} y)` };
      const v = checkExpressions(input);
      expect(v.error === undefined ? typeof v.correct : v.error).toMatch(/^boolean$|too few points/);
      expect(checkExpressions(input)).toEqual(v);
    }
  });
});

describe('checkAnswer on oversized matrices', () => {
  it('refuses a huge matrix before parsing any entry', () => {
    // Every entry is unreadable: had any been parsed first, the verdict would name a parse error. (How fast the
    // refusal is belongs to the checker bench, not to a timed unit test.)
    const huge = Array.from({ length: 1000 }, () => Array.from({ length: 1000 }, () => ')('));
    const v = checkAnswer(jacobianQuestion(), huge);
    expect(v).toEqual({ correct: false, error: 'That matrix is too large.' });
  });

  it('judges a matrix of the wrong shape by its shape alone', () => {
    const v = checkAnswer(jacobianQuestion(), [['1', '2', '3']]);
    expect(v).toMatchObject({ correct: false, mistake: null, feedback: 'The Jacobian is 2×2; yours is 1×3.' });
  });
});
