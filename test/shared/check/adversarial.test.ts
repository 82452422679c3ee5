import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAnswer, checkExpressions } from '../../../shared/check/index';
import { FAMILIES, generateQuestion, solveTask, type Question } from '../../../shared/questions/index';

/** Wrong answers in the shape of the exploits; each `${A}` is replaced by the right answer. */
const NEVER_PASS: string[] = [
  '1/(x+9^999)',
  'sech(x-7^1e3)',
  '0*x+1/(1e308+1e308+x)',
  '1/(x+1e200*1e200)',
  '(${A})*2^(-5000)',
  '${A}+0*exp(1e5)',
  '${A}+(x+1e9)-(x+1e9)+0.5',
  '${A}+0.5+(x+1e9)-(x+1e9)',
  '${A}+1e-3*(x+1e12)-1e-3*(x+1e12)+1e-3',
  '(${A})*sqrt(-1)^0',
  '(${A})*(0-1)^0.5^0',
  '(${A})*atan(1e308*1e308)/atan(1e308*1e308)',
  '(${A})*(1+1e-6)',
  '(${A})*1.001',
  '${A}+1e-6*(1+abs(${A}))',
  '-(${A})',
  '${A}+1',
];

const EXPRS = [
  { expected: 'cos(x)', vars: ['x'] },
  { expected: '2*x*cos(x^2)', vars: ['x'] },
  { expected: 'exp(10*x)', vars: ['x'] },
  { expected: '6*x*(x^2 + 1)^2', vars: ['x'] },
  { expected: '-x/y', vars: ['x', 'y'], curve: 'x^2 + y^2 = 25' },
];

describe('answers that must never pass (adversarial table)', () => {
  for (const e of EXPRS) {
    it.each(NEVER_PASS.map((g) => g.replaceAll('${A}', e.expected)))(`refuses %s for ${e.expected}`, (given) => {
      const v = checkExpressions({ ...e, given });
      expect(v.correct).toBe(false);
    });
  }

  it('rejects 0 for a high power and a degree-13 polynomial off by 1 in its constant term', () => {
    for (const a of ['0.3', '2', '-1.7']) expect(checkExpressions({ expected: `(x-${a})^6000`, given: '0', vars: ['x'] }).correct).toBe(false);
    expect(checkExpressions({ expected: '(x-0.3)^6000', given: '(x-0.3)^5999', vars: ['x'] }).correct).toBe(false);
    const p = '3x^13 - 7x^11 + 5x^8 + 2x^5 - x^3 + 4x + 11';
    expect(checkExpressions({ expected: p, given: p.replace('+ 11', '+ 12'), vars: ['x'] }).correct).toBe(false);
    expect(checkExpressions({ expected: '(2x+3)^13', given: '(2x+3)^13 + 1', vars: ['x'] }).correct).toBe(false);
    expect(checkExpressions({ expected: p, given: p, vars: ['x'] }).correct).toBe(true);
  });

  it('says why when an answer has only huge cancelling terms or overflows', () => {
    expect(checkExpressions({ expected: 'cos(x)', given: 'cos(x)+(x+1e12)-(x+1e12)' }).feedback).toMatch(/huge terms that cancel/);
    expect(checkExpressions({ expected: 'cos(x)', given: 'cos(x)*2^(-5000)*2^5000', vars: ['x'] }).correct).toBe(false);
  });

  it('never passes the issue exploits on any generated question, layer or Jacobian entry', () => {
    const exploits = ['1/(x+9^999)', 'sech(x-7^1e3)', '0*x+1/(1e308+1e308+x)'];
    for (const family of FAMILIES) {
      for (const seed of [1, 2]) {
        const q = generateQuestion(family, 3, seed);
        for (const bad of exploits) {
          const v = checkAnswer(q, answerShaped(q, bad), q.layers?.map(() => bad));
          expect(v.correct, `${q.id} ${bad}`).toBe(false);
          for (const l of v.layers ?? []) expect(l.correct, `${q.id} layer ${bad}`).toBe(false);
        }
      }
    }
  });
});

function answerShaped(q: Question, s: string): string | string[][] {
  const m = q.answer.matrix;
  return m ? m.map((r) => r.map(() => s)) : s;
}

describe('sound decisions on the same rules everywhere', () => {
  it('accepts a layer answer in the layer variable u and refuses a wrong one', () => {
    const q = solveTask('chain', { expr: '(3x+1)^4', var: 'x' });
    const v = checkAnswer(q, '12(3x+1)^3', ['4u^3', '3']);
    expect(v.layers).toEqual([{ correct: true }, { correct: true }]);
    const w = checkAnswer(q, '12(3x+1)^3', ['4u^3 + 1e-6', '3*(1+1e-6)']);
    expect(w.layers?.map((l) => l.correct)).toEqual([false, false]);
  });

  it('accepts Jacobian entries written in the outer variables and refuses an offset', () => {
    const q = solveTask('jacobian', { outer: ['u^2 + v', 'u*v'], outerVars: ['u', 'v'], inner: ['x + 2y', 'x - y'], innerVars: ['x', 'y'] });
    const right = [['2u + 1', '4u - 1'], ['v + u', '2v - u']];
    expect(checkAnswer(q, right).correct).toBe(true);
    expect(checkAnswer(q, [['2u + 1 + 1e-6', '4u - 1'], ['v + u', '2v - u']]).correct).toBe(false);
  });

  it('judges implicit answers on the curve, on every branch, at any scale', () => {
    expect(checkExpressions({ expected: '-y/x', given: '-1000/x^2', curve: 'x*y = 1000' }).correct).toBe(true);
    expect(checkExpressions({ expected: '-y/x', given: '-y/x*(1+1e-6)', curve: 'x*y = 1000' }).correct).toBe(false);
    expect(checkExpressions({ expected: '-(y/x)^(1/3)', given: '-y^(1/3)/x^(1/3)', curve: 'x^(2/3) + y^(2/3) = 4' }).correct).toBe(true);
    expect(checkExpressions({ expected: '-x/y', given: '-25/y^2*x/y*y^2/25', curve: 'x^2 + y^2 = 25' }).correct).toBe(true);
  });

  it('substitutes intermediate variables before comparing in multivariable questions', () => {
    const q = solveTask('multivariable', { expr: 'x*y', subs: { x: '2t', y: 't^3' }, wrt: 't' });
    expect(checkAnswer(q, '2y + 3t^2 x').correct).toBe(true);
    expect(checkAnswer(q, '2y + 3t^2 x + 1e-6').correct).toBe(false);
  });

  it('refuses when the teacher types a task whose answer cannot be sampled, and samples far domains', () => {
    expect(() => solveTask('chain', { expr: 'sqrt(-x^2)', var: 'x' })).toThrow(/not defined|too few points/);
    expect(checkAnswer(solveTask('chain', { expr: 'sqrt(x-10)', var: 'x' }), '1/(2sqrt(x-10))').correct).toBe(true);
    expect(checkAnswer(solveTask('chain', { expr: 'log(x^2-100)', var: 'x' }), '2x/(x^2-100)').correct).toBe(true);
    expect(checkAnswer(solveTask('implicit', { equation: 'x*y = 1000', order: 1 }), '-y/x').correct).toBe(true);
  });

  it('never decides by comparing text: identical text for an unsamplable answer is an error, not a pass', () => {
    const v = checkExpressions({ expected: 'sqrt(-1-x^2)', given: 'sqrt(-1-x^2)' });
    expect(v.correct).toBe(false);
    expect(v.error).toMatch(/too few points/);
  });

  it('finds the variables of a free-form line the way the answer language splits letters', () => {
    expect(checkExpressions({ expected: '2xcos(x^2)', given: '2x cos(x^2)' }).correct).toBe(true);
    expect(checkExpressions({ expected: '-(2xy+y^2)/(x^2+2xy)', given: '-(2*x*y+y^2)/(x^2+2*x*y)' }).correct).toBe(true);
  });

  it('snaps a stored value with float noise so a typed 0 is right', () => {
    const q = solveTask('implicit', { equation: 'y = cos(x)', order: 1, at: { x: Math.PI, y: -1 } });
    expect(q.answer.value).toBe(0);
    expect(checkAnswer(q, '0').correct).toBe(true);
  });

  it('shows enough digits to tell two numbers apart and a real point', () => {
    const v = checkExpressions({ expected: '10.64*x^2', given: '10.6401*x^2 + 0.0001', vars: ['x'] });
    const m = /yours gives ([\d.e+-]+), expected ([\d.e+-]+)/.exec(v.feedback ?? '');
    expect(m?.[1]).not.toBe(m?.[2]);
    expect(v.feedback).toMatch(/compare at x = /);
    const c = checkExpressions({ expected: '3', given: '4' });
    expect(c.feedback).not.toMatch(/compare at :/);
  });
});

/** Random tame expressions in x (as in properties.test.ts). */
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

const RUNS = { numRuns: 50, seed: 20261128 };
const same = (expected: string, given: string): boolean => checkExpressions({ expected, given, vars: ['x'] }).correct;

describe('value-preserving rewrites pass, small perturbations never do (property-based)', () => {
  it('accepts juxtaposed products, sin^2 notation and |A| for sqrt(A^2)', () => {
    fc.assert(fc.property(expr, expr, (a, b) => same(`(${a})*(${b})`, `(${b})(${a})`)), RUNS);
    fc.assert(fc.property(expr, (a) => same(`sin(${a})^2`, `sin^2(${a})`)), RUNS);
    fc.assert(fc.property(expr, (a) => same(`sqrt((${a})^2)`, `|${a}|`)), RUNS);
    fc.assert(fc.property(expr, (a) => same(`exp(${a})`, `e^(${a})`)), RUNS);
  });

  it('rejects a constant offset, a coefficient ×1.001 and a sign flip', () => {
    fc.assert(fc.property(expr, (a) => !same(a, `(${a}) + 0.001`)), RUNS);
    fc.assert(fc.property(expr, (a) => !same(a, `1.001(${a})`)), RUNS);
    fc.assert(fc.property(expr, (a) => !same(a, `-(${a})`)), RUNS);
    fc.assert(fc.property(expr, (a) => !same(a, `(${a})*(1 + 1e-6)`)), RUNS);
  });
});
