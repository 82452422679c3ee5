/**
 * Hand-built questions for the views demo page, one or more per family, in the exact format of
 * docs/question-format.md (layers outermost first, paths with outer/inner/term, backward steps named dL/d…).
 * They do not depend on the generators, which are written concurrently; numbers are computed, not typed in.
 */
import type { BackpropStep, BackpropTask, Question } from '../../shared/questions/types';

const base = (id: string, family: Question['family'], text: string, latex: string): Pick<Question, 'id' | 'family' | 'difficulty' | 'seed' | 'prompt' | 'steps'> => ({
  id,
  family,
  difficulty: 3,
  seed: 1,
  prompt: { text, latex },
  steps: [],
});

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** The lesson's 1-1-1 sigmoid network (loss 0.0480, dL/dW2 = −0.0497, dL/dW1 = −0.0199), forward and backward. */
function lessonBackprop(): Question {
  const task: BackpropTask = {
    x: [2],
    y: [1],
    loss: 'mse',
    layers: [
      { W: [[0.5]], b: [0.1], activation: 'sigmoid' },
      { W: [[0.8]], b: [0.2], activation: 'sigmoid' },
    ],
    target: 'dL/dW1',
  };
  const z1 = 0.5 * 2 + 0.1;
  const a1 = sigmoid(z1);
  const z2 = 0.8 * a1 + 0.2;
  const a2 = sigmoid(z2);
  const loss = 0.5 * (a2 - 1) ** 2;
  const da2 = a2 - 1;
  const dz2 = da2 * a2 * (1 - a2);
  const da1 = dz2 * 0.8;
  const dz1 = da1 * a1 * (1 - a1);
  const steps: Array<[string, number]> = [
    ['z1', z1], ['a1', a1], ['z2', z2], ['a2', a2], ['loss', loss],
    ['dL/da2', da2], ['dL/dz2', dz2], ['dL/dW2', dz2 * a1], ['dL/db2', dz2],
    ['dL/da1', da1], ['dL/dz1', dz1], ['dL/dW1', dz1 * 2],
  ];
  const backward: BackpropStep[] = steps.map(([name, value]) => ({ name, value, text: `${name} = ${value}`, latex: name }));
  return {
    ...base('backprop-lesson', 'backprop', 'Find dL/dW1 for the network.', '\\frac{\\partial L}{\\partial W_1}'),
    task,
    answer: { value: dz1 * 2 },
    backward,
  };
}

function gradientFlow(): Question {
  const w = 1.5;
  const z = 0.5;
  const per = w * sigmoid(z) * (1 - sigmoid(z));
  return {
    ...base('flow-1', 'gradient-flow', 'By what factor is the gradient scaled through 8 sigmoid layers?', '\\frac{\\partial a_8}{\\partial a_0}'),
    task: { activation: 'sigmoid', depth: 8, w, z },
    answer: { value: per ** 8 },
  };
}

export const FIXTURES: Record<string, Question> = {
  chain: {
    ...base('chain-1', 'chain', 'Differentiate y = sin(x^2)', '\\frac{d}{dx}\\sin(x^2)'),
    task: { expr: 'sin(x^2)', var: 'x' },
    answer: { expr: '2x cos(x^2)' },
    layers: [
      { fn: 'sin(u)', inner: 'x^2', derivative: 'cos(u)', evaluated: 'cos(x^2)' },
      { fn: 'u^2', inner: 'x', derivative: '2u', evaluated: '2x' },
    ],
  },
  nested: {
    ...base('nested-1', 'nested', 'Differentiate y = sin(x^2)^3', '\\frac{d}{dx}\\sin^3(x^2)'),
    task: { expr: 'sin(x^2)^3', var: 'x' },
    answer: { expr: '6x sin(x^2)^2 cos(x^2)' },
    layers: [
      { fn: 'u^3', inner: 'sin(x^2)', derivative: '3u^2', evaluated: '3 sin(x^2)^2' },
      { fn: 'sin(u)', inner: 'x^2', derivative: 'cos(u)', evaluated: 'cos(x^2)' },
      { fn: 'u^2', inner: 'x', derivative: '2u', evaluated: '2x' },
    ],
  },
  nested4: {
    ...base('nested-4', 'nested', 'Differentiate y = exp(sin(cos(x^3)))', '\\frac{d}{dx}e^{\\sin(\\cos(x^3))}'),
    task: { expr: 'exp(sin(cos(x^3)))', var: 'x' },
    answer: { expr: '-3x^2 sin(x^3) cos(cos(x^3)) exp(sin(cos(x^3)))' },
    layers: [
      { fn: 'exp(u)', inner: 'sin(cos(x^3))', derivative: 'exp(u)', evaluated: 'exp(sin(cos(x^3)))' },
      { fn: 'sin(u)', inner: 'cos(x^3)', derivative: 'cos(u)', evaluated: 'cos(cos(x^3))' },
      { fn: 'cos(u)', inner: 'x^3', derivative: '-sin(u)', evaluated: '-sin(x^3)' },
      { fn: 'u^3', inner: 'x', derivative: '3u^2', evaluated: '3x^2' },
    ],
  },
  /** One box whose derivative is much wider than the box: captions must stay clear of it. */
  'chain-wide': {
    ...base('chain-wide', 'activation', 'Differentiate y = exp(x^2) / (exp(x^2) + 2)', '\\frac{d}{dx}\\frac{e^{x^2}}{e^{x^2}+2}'),
    task: { expr: 'exp(x^2) / (exp(x^2) + 2)', var: 'x' },
    answer: { expr: '4x exp(x^2) / (exp(x^2) + 2)^2' },
    layers: [
      { fn: 'exp(x^2) / (exp(x^2) + 2)', inner: 'x', derivative: '(2x exp(x^2) (exp(x^2) + 2) - 2x exp(x^2) exp(x^2)) / (exp(x^2) + 2)^2', evaluated: '(2x exp(x^2) (exp(x^2) + 2) - 2x exp(x^2) exp(x^2)) / (exp(x^2) + 2)^2' },
    ],
  },
  'higher-order': {
    ...base('ho-1', 'higher-order', 'Find the second derivative of y = sin(x^2)', '\\frac{d^2}{dx^2}\\sin(x^2)'),
    task: { expr: 'sin(x^2)', var: 'x', order: 2 },
    answer: { expr: '2cos(x^2) - 4x^2 sin(x^2)' },
    layers: [
      { fn: 'sin(u)', inner: 'x^2', derivative: 'cos(u)', evaluated: 'cos(x^2)' },
      { fn: 'u^2', inner: 'x', derivative: '2u', evaluated: '2x' },
    ],
  },
  activation: {
    ...base('act-1', 'activation', 'Differentiate y = sigmoid(3x + 1)', '\\frac{d}{dx}\\sigma(3x+1)'),
    task: { expr: 'sigmoid(3x + 1)', var: 'x' },
    answer: { expr: '3 sigmoid(3x + 1) (1 - sigmoid(3x + 1))' },
    layers: [
      { fn: 'sigmoid(u)', inner: '3x + 1', derivative: 'sigmoid(u) (1 - sigmoid(u))', evaluated: 'sigmoid(3x + 1) (1 - sigmoid(3x + 1))' },
      { fn: '3u + 1', inner: 'x', derivative: '3', evaluated: '3' },
    ],
  },
  multivariable: {
    ...base('mv-1', 'multivariable', 'Find dz/dt', '\\frac{dz}{dt}'),
    task: { expr: 'x^2 y + exp(w)', subs: { x: 'cos(t)', y: 'sin(t)', w: 't^2' }, wrt: 't' },
    answer: { expr: '-2 cos(t) sin(t)^2 + cos(t)^3 + 2t exp(t^2)' },
    paths: [
      { via: 'x', outer: '2x y', inner: '-sin(t)', term: '-2 cos(t) sin(t)^2' },
      { via: 'y', outer: 'x^2', inner: 'cos(t)', term: 'cos(t)^3' },
      { via: 'w', outer: 'exp(w)', inner: '2t', term: '2t exp(t^2)' },
    ],
  },
  partial: {
    ...base('partial-1', 'partial', 'Find dz/du', '\\frac{\\partial z}{\\partial u}'),
    task: { expr: 'x y^2', subs: { x: 'u^2 - v', y: 'u v' }, wrt: 'u' },
    answer: { expr: '2u * (u v)^2 + 2 (u^2 - v) (u v) v' },
    paths: [
      { via: 'x', outer: 'y^2', inner: '2u', term: '2u * (u v)^2' },
      { via: 'y', outer: '2x y', inner: 'v', term: '2 (u^2 - v) (u v) v' },
    ],
  },
  jacobian: {
    ...base('jac-1', 'jacobian', 'Find the Jacobian of f(g(x, y, z))', 'J_{f\\circ g}'),
    task: { outer: ['u v'], outerVars: ['u', 'v'], inner: ['x + y', 'y z'], innerVars: ['x', 'y', 'z'] },
    answer: { matrix: [['y z', '(x + 2y) z', '(x + y) y']] },
  },
  'jacobian-at': {
    ...base('jac-2', 'jacobian', 'Find the Jacobian of f(g(x, y)) at (1, 2)', 'J_{f\\circ g}(1,2)'),
    task: { outer: ['u v', 'u + v^2'], outerVars: ['u', 'v'], inner: ['x^2', 'x y'], innerVars: ['x', 'y'], at: { x: 1, y: 2 } },
    answer: { matrix: [[6, 1], [10, 4]] },
  },
  implicit: {
    ...base('imp-1', 'implicit', 'Find dy/dx on x^2 + y^2 = 25 at (3, 4)', '\\frac{dy}{dx}'),
    task: { equation: 'x^2 + y^2 = 25', order: 1, at: { x: 3, y: 4 } },
    answer: { value: -3 / 4 },
  },
  'implicit-folium': {
    ...base('imp-2', 'implicit', 'Find dy/dx on x^3 + y^3 = 6xy', '\\frac{dy}{dx}'),
    task: { equation: 'x^3 + y^3 = 6 x y', order: 1 },
    answer: { expr: '(2y - x^2) / (y^2 - 2x)' },
  },
  implicit2: {
    ...base('imp2-1', 'implicit2', 'Find the second derivative on x^2/4 + y^2 = 1', '\\frac{d^2y}{dx^2}'),
    task: { equation: 'x^2/4 + y^2 = 1', order: 2 },
    answer: { expr: '-1 / (4 y^3)' },
  },
  backprop: lessonBackprop(),
  'gradient-flow': gradientFlow(),
};
