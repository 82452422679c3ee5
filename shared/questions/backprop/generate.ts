import type { Rng } from '../rng';
import type { Activation, BackpropLayer, BackpropTask, Difficulty } from '../types';
import { backward, forward } from './network';
import { parseTarget, quantityValue, targetValue } from './target';

/**
 * Seeded backprop tasks by difficulty: 1 one neuron forward; 2 two 1-neuron layers backward; 3 two small layers
 * (δ and dW); 4 softmax + cross-entropy (or sigmoid + binary cross-entropy); 5 three layers or indexed weight
 * gradients. Numbers have one decimal place so a person with a calculator can follow in a timed round.
 */
type Shape = { sizes: number[]; acts: Activation[]; loss: BackpropTask['loss']; targets: string[] };

const HIDDEN: readonly Activation[] = ['sigmoid', 'tanh', 'relu'];
const ATTEMPTS = 20;

function tenth(rng: Rng, maxTenths: number): number {
  return (rng.bool() ? 1 : -1) * rng.int(1, maxTenths) / 10;
}

function layer(rng: Rng, nIn: number, nOut: number, activation: Activation): BackpropLayer {
  return {
    W: Array.from({ length: nOut }, () => Array.from({ length: nIn }, () => tenth(rng, 9))),
    b: Array.from({ length: nOut }, () => tenth(rng, 5)),
    activation,
  };
}

function labels(rng: Rng, n: number, act: Activation, loss: BackpropTask['loss']): number[] {
  if (act === 'softmax' && loss === 'cross-entropy') {
    const hot = rng.int(0, n - 1);
    return Array.from({ length: n }, (_, i) => (i === hot ? 1 : 0));
  }
  if (act === 'sigmoid' || act === 'softmax') return Array.from({ length: n }, () => rng.int(0, 1));
  if (act === 'tanh') return Array.from({ length: n }, () => rng.int(-1, 1));
  return Array.from({ length: n }, () => rng.int(-10, 10) / 10);
}

function indexed(rng: Rng, name: string, rows: number, cols: number): string {
  return `${name}[${rng.int(1, rows)}][${rng.int(1, cols)}]`;
}

function shapeFor(d: Difficulty, rng: Rng): Shape {
  const out = (): Activation => rng.pick(['sigmoid', 'linear'] as const);
  switch (d) {
    case 1:
      return { sizes: [1, 1], acts: [rng.pick(['sigmoid', 'tanh', 'relu', 'linear'] as const)], loss: 'mse', targets: ['a1', 'a1', 'z1', 'loss'] };
    case 2:
      return { sizes: [1, 1, 1], acts: [rng.pick(HIDDEN), out()], loss: 'mse',
        targets: ['dL/dW2', 'dL/db2', 'dL/dz2', 'dL/dW1', 'dL/db1', 'dL/dz1', 'dL/da1'] };
    case 3: {
      const nIn = rng.int(1, 2);
      const h = rng.int(2, 3);
      const w1 = nIn * h <= 4 ? 'dL/dW1' : indexed(rng, 'dL/dW1', h, nIn);
      return { sizes: [nIn, h, 1], acts: [rng.pick(HIDDEN), out()], loss: 'mse', targets: ['dL/dz1', 'dL/db1', 'dL/dW2', w1] };
    }
    case 4:
      return softmaxShape(rng);
    case 5:
      return deepShape(rng);
  }
}

function softmaxShape(rng: Rng): Shape {
  const variant = rng.int(0, 2);
  if (variant === 0) {
    const k = rng.int(2, 3);
    return { sizes: [2, k], acts: ['softmax'], loss: 'cross-entropy',
      targets: ['loss', 'dL/dz1', 'dL/db1', indexed(rng, 'dL/dW1', k, 2)] };
  }
  if (variant === 1) {
    return { sizes: [2, 2, 2], acts: [rng.pick(HIDDEN), 'softmax'], loss: 'cross-entropy',
      targets: ['dL/dz2', indexed(rng, 'dL/dW2', 2, 2), 'dL/dz1'] };
  }
  const h = rng.int(1, 2);
  return { sizes: [1, h, 1], acts: [rng.pick(HIDDEN), 'sigmoid'], loss: 'cross-entropy',
    targets: ['loss', 'dL/dz2', h === 1 ? 'dL/dW1' : indexed(rng, 'dL/dW1', h, 1)] };
}

function deepShape(rng: Rng): Shape {
  if (rng.bool()) {
    return { sizes: [1, 1, 1, 1], acts: [rng.pick(HIDDEN), rng.pick(HIDDEN), rng.pick(['sigmoid', 'linear'] as const)],
      loss: 'mse', targets: ['dL/dW1', 'dL/db1', 'dL/dz1', 'dL/dW2'] };
  }
  const ce = rng.bool();
  const outAct: Activation = ce ? 'softmax' : rng.pick(['sigmoid', 'linear'] as const);
  return { sizes: [2, 3, 2], acts: [rng.pick(HIDDEN), outAct], loss: ce ? 'cross-entropy' : 'mse',
    targets: [indexed(rng, 'dL/dW1', 3, 2), indexed(rng, 'dL/dW2', 2, 3), 'dL/dz1'] };
}

function build(shape: Shape, rng: Rng): BackpropTask {
  const layers = shape.acts.map((act, k) => layer(rng, shape.sizes[k] ?? 1, shape.sizes[k + 1] ?? 1, act));
  const lastAct = shape.acts[shape.acts.length - 1] ?? 'linear';
  return {
    x: Array.from({ length: shape.sizes[0] ?? 1 }, () => tenth(rng, 20)),
    y: labels(rng, shape.sizes[shape.sizes.length - 1] ?? 1, lastAct, shape.loss),
    loss: shape.loss,
    layers,
    target: rng.pick(shape.targets),
  };
}

/** A ReLU pre-activation near 0 (where ReLU' jumps) or an all-zero answer makes a poor question: try again. */
function acceptable(task: BackpropTask): boolean {
  const fw = forward(task);
  const reluNearZero = task.layers.some((l, k) => l.activation === 'relu' && (fw.z[k + 1] ?? []).some((v) => Math.abs(v) < 0.05));
  if (reluNearZero) return false;
  const t = parseTarget(task.target, [task.x.length, ...task.layers.map((l) => l.b.length)]);
  const v = targetValue(t, quantityValue(t, fw, t.quantity.startsWith('d') ? backward(task, fw) : null));
  return [v].flat(2).some((n) => Math.abs(n) >= 1e-4);
}

export function generateBackprop(d: Difficulty, rng: Rng): BackpropTask {
  let task = build(shapeFor(d, rng), rng);
  for (let i = 1; i < ATTEMPTS && !acceptable(task); i++) task = build(shapeFor(d, rng), rng);
  return task;
}
