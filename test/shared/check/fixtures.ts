import type { Question } from '../../../shared/questions/types';

/** Hand-built questions in the contract's shape, so the checker is tested without the family solvers. */
function base(family: Question['family'], task: Question['task'], answer: Question['answer']): Question {
  return {
    id: `${family}-test`,
    family,
    difficulty: 3,
    seed: 1,
    prompt: { text: 'test', latex: 'test' },
    task,
    answer,
    steps: [],
  };
}

export function nestedQuestion(): Question {
  return {
    ...base('nested', { expr: 'sin(cos(x^2))', var: 'x' }, { expr: '-2*x*sin(x^2)*cos(cos(x^2))' }),
    layers: [
      { fn: 'sin(u)', inner: 'cos(x^2)', derivative: 'cos(u)', evaluated: 'cos(cos(x^2))' },
      { fn: 'cos(u)', inner: 'x^2', derivative: '-sin(u)', evaluated: '-sin(x^2)' },
      { fn: 'u^2', inner: 'x', derivative: '2u', evaluated: '2x' },
    ],
    distractors: [
      { mistake: 'forgot-inner-derivative', expr: 'cos(cos(x^2))', feedback: 'From the solver: multiply by the derivative of cos(x^2).' },
    ],
  };
}

export function chainQuestion(): Question {
  return {
    ...base('chain', { expr: 'sin(x^2)', var: 'x' }, { expr: '2x cos(x^2)' }),
    layers: [
      { fn: 'sin(u)', inner: 'x^2', derivative: 'cos(u)', evaluated: 'cos(x^2)' },
      { fn: 'u^2', inner: 'x', derivative: '2u', evaluated: '2x' },
    ],
  };
}

export function activationQuestion(): Question {
  return {
    ...base('activation', { expr: 'sigmoid(3x)', var: 'x' }, { expr: '3 sigmoid(3x) (1 - sigmoid(3x))' }),
    distractors: [
      { mistake: 'activation-derivative-missing', expr: 'sigmoid(3x)', feedback: "You kept σ(3x) but forgot σ'(z) = σ(z)(1-σ(z))." },
    ],
  };
}

export function multivariableQuestion(): Question {
  return {
    ...base('multivariable', { expr: 'x*y', subs: { x: 'cos(t)', y: 'sin(t)' }, wrt: 't' }, { expr: 'cos(t)^2 - sin(t)^2' }),
    paths: [
      { via: 'x', outer: 'y', inner: '-sin(t)', term: '-sin(t)^2' },
      { via: 'y', outer: 'x', inner: 'cos(t)', term: 'cos(t)^2' },
    ],
  };
}

export function implicitQuestion(order: 1 | 2 = 1): Question {
  const expr = order === 1 ? '-x/y' : '-(x^2+y^2)/y^3';
  return base(order === 1 ? 'implicit' : 'implicit2', { equation: 'x^2+y^2=25', order }, { expr });
}

export function implicitAtQuestion(): Question {
  return base('implicit', { equation: 'x^2+y^2=25', order: 1, at: { x: 3, y: 4 } }, { value: -0.75 });
}

export function backpropQuestion(value: number | number[] | number[][]): Question {
  const task = { x: [2], y: [1], loss: 'mse' as const, layers: [], target: 'dL/dW1' };
  return { ...base('backprop', task, { value }), distractors: [] };
}

const JACOBIAN_TASK = { outer: ['u*v', 'u+v'], outerVars: ['u', 'v'], inner: ['x^2', 'sin(y)'], innerVars: ['x', 'y'] };

export function jacobianQuestion(): Question {
  return {
    ...base('jacobian', JACOBIAN_TASK, { matrix: [['2x sin(y)', 'x^2 cos(y)'], ['2x', 'cos(y)']] }),
    distractors: [
      { mistake: 'wrong-order', matrix: [['2x sin(y)', '2x^3'], ['cos(y)', 'cos(y)']], feedback: 'You computed J_g · J_f; the outer Jacobian comes first.' },
    ],
  };
}

export function jacobianAtQuestion(): Question {
  const at = { x: 1, y: 0.5 };
  const m = [[2 * Math.sin(0.5), Math.cos(0.5)], [2, Math.cos(0.5)]];
  return base('jacobian', { ...JACOBIAN_TASK, at }, { matrix: m });
}
