/**
 * The diagrams' words (client/src/views/describe.ts): each view's text alternative says what it draws, from the
 * same data, and follows the state the screens feed it (the active box, marks, the reveal, the lit path).
 */
import { describe, expect, it } from 'vitest';
import { generateQuestion, solveTask, toPublicQuestion, type BackpropTask, type GradientFlowTask } from '../../shared/questions/index';
import { describeChain, describeGradientFlow, describeImplicit, describeJacobian, describeNetwork, describeTree, spoken } from '../../client/src/views/describe';
import { buildBackpropGraph, gradientOrder } from '../../client/src/views/backprop-graph';

describe('spoken', () => {
  it('reads programming notation as words', () => {
    expect(spoken('2*x^2 + atan(u)^3')).toBe('2 x squared + arctan(u) cubed');
    expect(spoken('3 * 4 * x^n')).toBe('3 times 4 x to the power n');
  });
});

describe('chain diagram', () => {
  const q = solveTask('chain', { expr: 'sec(atan(x^2 + 2))', var: 'x' });
  const pub = toPublicQuestion(q);

  it('names the boxes from x to y, innermost first, before any answer', () => {
    expect(describeChain(pub, {})).toBe('Diagram: a chain of 3 boxes from x to y. x goes into x squared + 2, then arctan(u), then sec(u), giving y.');
  });

  it('says which box is highlighted and how each answered box was marked', () => {
    const text = describeChain(pub, { activeLayer: 1, layerMarks: [null, { expr: '1/(1+u^2)', correct: true }, { expr: '2*x', correct: false }] });
    expect(text).toContain('Box 2, arctan(u), is highlighted.');
    expect(text).toContain('Your answers: box 1: 2 x, wrong; box 2: 1/(1+u squared), right.');
  });

  it('gives each box its derivative at the reveal, the product only when the view draws it', () => {
    const text = describeChain(pub, { revealed: q, noProduct: true });
    expect(text).toContain('The derivative of each box is written under it: box 1: 2 x; box 2: 1/(1 + u squared); box 3: sec(u) tan(u).');
    expect(text).not.toContain('product');
    expect(describeChain(pub, { revealed: q })).toContain('dy/dx is their product');
  });
});

describe('variable tree', () => {
  const q = generateQuestion('partial', 3, 4);
  const pub = toPublicQuestion(q);

  it('names the tree and every path before the reveal, no derivative', () => {
    const text = describeTree(pub, {});
    expect(text).toContain('Diagram: a dependency tree. z = sin(x y) depends on x and y');
    expect(text).toContain('2 paths run from z down to v: path 1 through x, path 2 through y.');
    expect(text).not.toContain('gives');
  });

  it('speaks only the lit path on a worked step, every path and the sum otherwise', () => {
    const lit = describeTree(pub, { revealed: q, activePath: 1 });
    expect(lit).toContain('Path 2, z to y to v, is lit: x cos(x y) times u cos(v) gives');
    expect(lit).not.toContain('Path 1,');
    const all = describeTree(pub, { revealed: q });
    expect(all).toContain('Path 1, z to x to v:');
    expect(all).toContain('Their sum:');
  });
});

describe('Jacobian shapes', () => {
  const q = generateQuestion('jacobian', 3, 4);
  it('gives the blocks\' shapes, then the answer matrix row by row at the reveal', () => {
    const pub = toPublicQuestion(q);
    expect(describeJacobian(pub, {})).toBe('Diagram: the Jacobian of f after g as a product of two blocks. J f at g of x, 2 by 2, times J g of x, 2 by 2, gives J of f after g, 2 by 2; the inner sizes, 2, must match.');
    expect(describeJacobian(pub, { revealed: q })).toMatch(/The answer: row 1: [^;]+, [^;]+; row 2: [^;]+, [^;]+\.$/);
  });
});

describe('implicit curve', () => {
  const q = generateQuestion('implicit', 3, 4);
  it('names the curve and the marked point, the tangent and its slope only at the reveal', () => {
    const pub = toPublicQuestion(q);
    expect(describeImplicit(pub, {}, { x: 1, y: 2 }, NaN)).toBe('Diagram: a plot of the curve x cubed + y cubed = 9 x y, with the point (1, 2) marked on it.');
    const shown = describeImplicit(pub, { revealed: q }, { x: 1, y: 2 }, -0.5);
    expect(shown).toContain('The tangent at that point is drawn, slope minus 0.5.');
    expect(shown).toContain('dy/dx = ');
  });
});

describe('network', () => {
  const q = generateQuestion('backprop', 3, 4);
  const task = q.task as BackpropTask;
  const graph = buildBackpropGraph(task);
  it('gives the layers, weights, activations and loss, and what is asked', () => {
    const text = describeNetwork(task, graph, [], null);
    expect(text).toContain('a network with 2 layers, from x = (minus 1.5, minus 0.6) to the loss L.');
    expect(text).toContain('W1 = 3 by 2 matrix, rows (minus 0.1, 0.8), (minus 0.4, 0.3), (0.5, 0.2)');
    expect(text).toContain('then sigmoid gives a1');
    expect(text).toContain(`The question asks for ${task.target}.`);
    expect(text).not.toContain('Gradients');
  });
  it('lists the gradients from the loss backwards once revealed', () => {
    const text = describeNetwork(task, graph, gradientOrder(graph, q.backward ?? []), null);
    expect(text).toMatch(/Gradients filled in from the loss backwards: dL\/dL = 1; dL\/da2 = [^;]+; dL\/dz2/);
  });
  it('keeps a hidden forward value hidden before the reveal', () => {
    const fwd = { ...task, target: 'a2' };
    expect(describeNetwork(fwd, buildBackpropGraph(fwd), [], null)).toContain('a2 = hidden until the reveal');
  });
});

describe('gradient flow', () => {
  const q = generateQuestion('gradient-flow', 3, 4);
  it('names the chain and its factor, the product only at the reveal', () => {
    const task = q.task as GradientFlowTask;
    const before = describeGradientFlow(task, 3, { w: 0.6, z: -0.7 }, {});
    expect(before).toBe('Diagram: a chain of 3 layers from a0 to a3; each multiplies the gradient by its local factor, w times sigmoid\'s derivative at z k, with w = 0.6 and z = minus 0.7.');
    expect(describeGradientFlow(task, 3, { w: 0.6, z: -0.7 }, { revealed: q })).toMatch(/The product of the factors: \d/);
  });
});
