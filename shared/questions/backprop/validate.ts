import { TaskError } from '../family';
import type { Activation, BackpropLayer, BackpropTask } from '../types';

/**
 * Validation of backprop tasks written by people (a teacher's JSON, the `arena solve` command): every shape,
 * number and name is checked, and each problem is reported in words a teacher can act on. Returns a clean copy,
 * so nothing outside the known fields reaches the question.
 */
export const MAX_LAYERS = 8;
export const MAX_WIDTH = 16;
/** Inputs stay in a range where a forward pass cannot overflow and a person could still work by hand. */
export const MAX_ABS = 1e4;

const ACTIVATIONS: readonly Activation[] = ['sigmoid', 'tanh', 'relu', 'linear', 'softmax'];

function numberList(value: unknown, what: string): number[] {
  if (!Array.isArray(value) || value.length === 0) throw new TaskError(`${what} must be a non-empty list of numbers.`);
  if (value.length > MAX_WIDTH) throw new TaskError(`${what} has ${value.length} entries; at most ${MAX_WIDTH} are allowed.`);
  return value.map((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TaskError(`${what}[${i + 1}] is not a finite number.`);
    if (Math.abs(v) > MAX_ABS) throw new TaskError(`${what}[${i + 1}] = ${v} is too large (limit ±${MAX_ABS}).`);
    return v;
  });
}

function validateLayer(raw: unknown, n: number, inSize: number, last: boolean): BackpropLayer {
  if (raw === null || typeof raw !== 'object') throw new TaskError(`Layer ${n} must be an object {W, b, activation}.`);
  const { W, b, activation } = raw as Record<string, unknown>;
  if (!Array.isArray(W) || W.length === 0) throw new TaskError(`W${n} must be a non-empty list of rows.`);
  if (W.length > MAX_WIDTH) throw new TaskError(`W${n} has ${W.length} rows; at most ${MAX_WIDTH} are allowed.`);
  const rows = W.map((row, r) => numberList(row, `W${n} row ${r + 1}`));
  rows.forEach((row, r) => {
    if (row.length !== inSize) {
      const from = n === 1 ? `x has ${inSize} entries` : `layer ${n - 1} has ${inSize} neurons`;
      throw new TaskError(`W${n} row ${r + 1} has ${row.length} entries, but ${from}.`);
    }
  });
  const bias = numberList(b, `b${n}`);
  if (bias.length !== rows.length) throw new TaskError(`b${n} has ${bias.length} entries, but W${n} has ${rows.length} rows.`);
  if (typeof activation !== 'string' || !ACTIVATIONS.includes(activation as Activation)) {
    throw new TaskError(`Layer ${n} has activation "${String(activation).slice(0, 20)}"; use one of ${ACTIVATIONS.join(', ')}.`);
  }
  if (activation === 'softmax' && !last) throw new TaskError(`Softmax is allowed only on the last layer (layer ${n} is not).`);
  return { W: rows, b: bias, activation: activation as Activation };
}

function checkLoss(loss: unknown, layers: BackpropLayer[], y: number[]): 'mse' | 'cross-entropy' {
  if (loss !== 'mse' && loss !== 'cross-entropy') throw new TaskError(`The loss must be "mse" or "cross-entropy".`);
  if (loss === 'mse') return loss;
  const last = layers[layers.length - 1];
  const sigmoidOne = last?.activation === 'sigmoid' && last.b.length === 1;
  if (last?.activation !== 'softmax' && !sigmoidOne) {
    throw new TaskError('Cross-entropy needs a softmax output layer, or a single sigmoid output (binary cross-entropy).');
  }
  if (y.some((v) => v < 0 || v > 1)) throw new TaskError('With cross-entropy every entry of y must be between 0 and 1.');
  return loss;
}

/** Checks a task's shapes, numbers, activations and loss; the target is checked by parseTarget. */
export function validateBackpropTask(raw: unknown): BackpropTask {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new TaskError('The task must be a JSON object.');
  const t = raw as Record<string, unknown>;
  const x = numberList(t.x, 'x');
  const y = numberList(t.y, 'y');
  if (!Array.isArray(t.layers) || t.layers.length === 0) throw new TaskError('layers must be a non-empty list.');
  if (t.layers.length > MAX_LAYERS) throw new TaskError(`The network has ${t.layers.length} layers; at most ${MAX_LAYERS} are allowed.`);
  const layers: BackpropLayer[] = [];
  let inSize = x.length;
  t.layers.forEach((l, k) => {
    const layer = validateLayer(l, k + 1, inSize, k === (t.layers as unknown[]).length - 1);
    layers.push(layer);
    inSize = layer.b.length;
  });
  if (y.length !== inSize) throw new TaskError(`y has ${y.length} entries, but the last layer has ${inSize} neurons.`);
  const loss = checkLoss(t.loss, layers, y);
  if (typeof t.target !== 'string') throw new TaskError('The target must be a string such as "dL/dW1" or "a2".');
  return { x, y, loss, layers, target: t.target };
}
