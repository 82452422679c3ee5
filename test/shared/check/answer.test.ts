import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../../shared/check/index';
import {
  activationQuestion,
  backpropQuestion,
  chainQuestion,
  implicitAtQuestion,
  implicitQuestion,
  jacobianAtQuestion,
  jacobianQuestion,
  multivariableQuestion,
  nestedQuestion,
} from './fixtures';

describe('checkAnswer on expression questions', () => {
  it('accepts an unsimplified chain product when it is equivalent', () => {
    const v = checkAnswer(nestedQuestion(), 'cos(cos(x^2)) * (-sin(x^2)) * 2x');
    expect(v.correct).toBe(true);
    expect(v.feedback).toMatch(/^Correct/);
  });

  it("uses the solver's distractor feedback when the answer matches it", () => {
    const v = checkAnswer(nestedQuestion(), 'cos(cos(x^2))');
    expect(v).toMatchObject({ correct: false, mistake: 'forgot-inner-derivative' });
    expect(v.feedback).toMatch(/^From the solver/);
  });

  it('names forgot-inner-derivative from the layers when no distractor is given', () => {
    expect(checkAnswer(chainQuestion(), 'cos(x^2)').mistake).toBe('forgot-inner-derivative');
  });

  it("names outer-not-evaluated-at-inner when f'(x)·g'(x) is given", () => {
    expect(checkAnswer(chainQuestion(), 'cos(x) * 2x').mistake).toBe('outer-not-evaluated-at-inner');
  });

  it("names inner-derivative-composed when f'(g'(x)) is given", () => {
    expect(checkAnswer(chainQuestion(), 'cos(2x)').mistake).toBe('inner-derivative-composed');
  });

  it('names missing-layer-factor when one middle factor of a nested chain is left out', () => {
    expect(checkAnswer(nestedQuestion(), 'cos(cos(x^2)) * 2x').mistake).toBe('missing-layer-factor');
  });

  it('names sign-error when the answer is negated', () => {
    expect(checkAnswer(nestedQuestion(), '2x sin(x^2) cos(cos(x^2))').mistake).toBe('sign-error');
  });

  it('names reciprocal when one over the answer is given', () => {
    expect(checkAnswer(implicitQuestion(), '-y/x').mistake).toBe('reciprocal');
  });

  it("names activation-derivative-missing from the question's distractor", () => {
    const v = checkAnswer(activationQuestion(), 'sigmoid(3x)');
    expect(v.mistake).toBe('activation-derivative-missing');
  });

  it('accepts intermediate variables when the question defines them', () => {
    expect(checkAnswer(multivariableQuestion(), 'x^2 - y^2').correct).toBe(true);
    expect(checkAnswer(multivariableQuestion(), '-y sin(t) + x cos(t)').correct).toBe(true);
  });

  it('names missing-path when one path of the sum is left out', () => {
    const v = checkAnswer(multivariableQuestion(), 'cos(t)^2');
    expect(v.mistake).toBe('missing-path');
    expect(v.feedback).toContain('through x');
  });

  it('accepts an implicit second derivative simplified with the curve equation', () => {
    expect(checkAnswer(implicitQuestion(2), '-25/y^3').correct).toBe(true);
  });

  it('gives a neutral hint with a point when the mistake is not recognised', () => {
    const v = checkAnswer(chainQuestion(), 'x^3');
    expect(v).toMatchObject({ correct: false, mistake: null });
    expect(v.feedback).toContain('compare at x =');
  });

  it('returns an error for a person when the answer cannot be read', () => {
    expect(checkAnswer(chainQuestion(), '2t cos(t^2)')).toEqual({ correct: false, error: 'Unknown symbol "t": this answer may use only x.' });
  });

  it('never throws when the answer is not a string', () => {
    for (const bad of [null, undefined, {}, [[{}]], Symbol.iterator] as unknown[]) {
      const v = checkAnswer(chainQuestion(), bad as string);
      expect(v.correct).toBe(false);
      expect(typeof v.error).toBe('string');
    }
  });
});

describe('checkAnswer per layer', () => {
  it('accepts a layer answer in u or evaluated in x when either is right', () => {
    const v = checkAnswer(nestedQuestion(), '-2x sin(x^2) cos(cos(x^2))', ['cos(u)', '-sin(x^2)', '2u']);
    expect(v.layers).toEqual([{ correct: true }, { correct: true }, { correct: true }]);
  });

  it('names sign-error on the layer whose sign is flipped', () => {
    const v = checkAnswer(nestedQuestion(), 'x', ['cos(u)', 'sin(u)', '2x']);
    expect(v.layers?.[1]).toEqual({ correct: false, mistake: 'sign-error' });
  });

  it('names outer-not-evaluated-at-inner when a layer is evaluated at x instead of its input', () => {
    const v = checkAnswer(nestedQuestion(), 'x', ['cos(x)', '-sin(x^2)', '2x']);
    expect(v.layers?.[0]).toEqual({ correct: false, mistake: 'outer-not-evaluated-at-inner' });
  });

  it('reads u as the layer input when a layer answer mixes u and x', () => {
    const v = checkAnswer(nestedQuestion(), 'x', ['cos(u) + 0*x', '-sin(u)', '2u']);
    expect(v.layers?.[0]).toEqual({ correct: true });
  });

  it('marks a blank layer wrong without an error', () => {
    const v = checkAnswer(nestedQuestion(), 'x', [null, '', '2x']);
    expect(v.layers?.slice(0, 2)).toEqual([{ correct: false, mistake: null }, { correct: false, mistake: null }]);
    expect(v.layers?.[2]).toEqual({ correct: true });
  });

  it('carries an error on a layer whose input cannot be read', () => {
    const v = checkAnswer(nestedQuestion(), 'x', ['cos(', 'y', '2u']);
    expect(v.layers?.[0]?.error).toBe('Unbalanced parentheses.');
    expect(v.layers?.[1]?.error).toContain('Unknown symbol "y"');
  });
});

describe('checkAnswer on value questions', () => {
  it('accepts three significant figures when the exact value has more', () => {
    expect(checkAnswer(backpropQuestion(-0.049744), '-0.0497').correct).toBe(true);
    expect(checkAnswer(backpropQuestion(-0.049744), -0.04974).correct).toBe(true);
  });

  it('rejects a value off in the third significant figure', () => {
    expect(checkAnswer(backpropQuestion(-0.049744), '-0.0490').correct).toBe(false);
  });

  it('accepts fractions and exponents when they are typed', () => {
    expect(checkAnswer(backpropQuestion(0.25), '1/4').correct).toBe(true);
    expect(checkAnswer(backpropQuestion(0.002), '2e-3').correct).toBe(true);
  });

  it('compares vectors entrywise when typed as a bracket string or an array', () => {
    expect(checkAnswer(backpropQuestion([0.1, -0.2]), '[0.1, -0.2]').correct).toBe(true);
    expect(checkAnswer(backpropQuestion([0.1, -0.2]), [0.1, '-0.2']).correct).toBe(true);
    expect(checkAnswer(backpropQuestion([0.1, -0.2]), '[0.1, 0.2]').correct).toBe(false);
  });

  it('names wrong-order when a matrix answer is transposed', () => {
    const v = checkAnswer(backpropQuestion([[0.1, 0.2], [0.3, 0.4]]), '[[0.1, 0.3], [0.2, 0.4]]');
    expect(v.mistake).toBe('wrong-order');
  });

  it('names sign-error when every entry is negated', () => {
    expect(checkAnswer(backpropQuestion(-0.049744), '0.0497').mistake).toBe('sign-error');
  });

  it('uses a value distractor when the answer matches it', () => {
    const q = { ...backpropQuestion(-0.0497), distractors: [{ mistake: 'activation-derivative-missing' as const, value: -0.2, feedback: "Multiply by σ'(z)." }] };
    expect(checkAnswer(q, '-0.2')).toMatchObject({ mistake: 'activation-derivative-missing', feedback: "Multiply by σ'(z)." });
  });

  it('judges an implicit derivative at a point as a number', () => {
    expect(checkAnswer(implicitAtQuestion(), '-3/4').correct).toBe(true);
    expect(checkAnswer(implicitAtQuestion(), '-4/3').mistake).toBe('reciprocal');
  });

  it('reports the shape when the answer has a different one', () => {
    const v = checkAnswer(backpropQuestion([[1, 2, 3]]), '[1, 2]');
    expect(v.correct).toBe(false);
    expect(v.feedback).toBe('The answer has 1×3; yours has 2 entries.');
  });

  it('returns an error when a value cannot be read', () => {
    expect(checkAnswer(backpropQuestion(0.5), 'x').error).toContain('must be a number');
  });
});

describe('checkAnswer on Jacobian questions', () => {
  it('accepts the matrix entrywise when entries are rewritten', () => {
    const v = checkAnswer(jacobianQuestion(), [['2 x sin(y)', 'cos(y) x^2'], ['x + x', 'cos(y)']]);
    expect(v.correct).toBe(true);
  });

  it('accepts outer variables when they stand for the inner functions', () => {
    expect(checkAnswer(jacobianQuestion(), [['2x v', 'u cos(y)'], ['2x', 'cos(y)']]).correct).toBe(true);
  });

  it('accepts a bracket string when the matrix is typed as one line', () => {
    expect(checkAnswer(jacobianQuestion(), '[[2x sin(y), x^2 cos(y)], [2x, cos(y)]]').correct).toBe(true);
  });

  it('names wrong-order with the distractor feedback when J_g·J_f is given', () => {
    const v = checkAnswer(jacobianQuestion(), [['2x sin(y)', '2x^3'], ['cos(y)', 'cos(y)']]);
    expect(v).toMatchObject({ mistake: 'wrong-order', feedback: 'You computed J_g · J_f; the outer Jacobian comes first.' });
  });

  it('names wrong-order when the matrix is transposed', () => {
    const v = checkAnswer(jacobianQuestion(), [['2x sin(y)', '2x'], ['x^2 cos(y)', 'cos(y)']]);
    expect(v.mistake).toBe('wrong-order');
    expect(v.feedback).toContain('transposed');
  });

  it('points at the wrong entry when one entry is off', () => {
    const v = checkAnswer(jacobianQuestion(), [['2x sin(y)', 'x^2 cos(y)'], ['2x', 'sin(y)']]);
    expect(v.correct).toBe(false);
    expect(v.feedback).toMatch(/^Entry \(2, 2\)/);
  });

  it('returns an error naming the entry when one cannot be read', () => {
    expect(checkAnswer(jacobianQuestion(), [['2x sin(y)', 'z'], ['2x', 'cos(y)']]).error).toMatch(/^Entry \(1, 2\): Unknown symbol "z"/);
  });

  it('judges numbers to three significant figures when the task has a point', () => {
    expect(checkAnswer(jacobianAtQuestion(), [['0.959', '0.878'], ['2', '0.8776']]).correct).toBe(true);
    expect(checkAnswer(jacobianAtQuestion(), [['0.959', '2'], ['0.878', '0.878']]).mistake).toBe('wrong-order');
  });
});
