import type { Activation, BackpropTask } from '../types';

/**
 * The numeric core of the backprop family: a forward and a backward pass over a small dense network, in plain
 * double arithmetic so that `answer.value` is exact to full precision. Arrays are 1-based by layer: index 0 of
 * `a` is the input x and index 0 of the others is unused, so `z[i]` reads like z_i in the lesson.
 */
export type Vec = number[];
export type Mat = number[][];

/** How the loss is computed: plain MSE, softmax + cross-entropy, or one sigmoid + binary cross-entropy. */
export type LossMode = 'mse' | 'ce-softmax' | 'bce';

export interface ForwardPass {
  z: Vec[];
  a: Vec[];
  loss: number;
}

export interface BackwardPass {
  /** dL/da_i for i = 0..L (index 0 is dL/dx). */
  da: Vec[];
  dz: Vec[];
  dW: Mat[];
  db: Vec[];
}

/** Switches that reproduce a typical mistake, for distractors. */
export interface BackwardOptions {
  /** Leave out act'(z): the "activation-derivative-missing" mistake. */
  skipActivationDerivative?: boolean;
  /** Send δ back through W instead of Wᵀ (square W only): the "wrong-order" mistake. */
  untransposed?: boolean;
}

export function lossMode(task: BackpropTask): LossMode {
  if (task.loss === 'mse') return 'mse';
  const last = task.layers[task.layers.length - 1];
  return last?.activation === 'softmax' ? 'ce-softmax' : 'bce';
}

export function activate(act: Activation, z: Vec): Vec {
  switch (act) {
    case 'sigmoid':
      return z.map((v) => 1 / (1 + Math.exp(-v)));
    case 'tanh':
      return z.map((v) => Math.tanh(v));
    case 'relu':
      return z.map((v) => (v > 0 ? v : 0));
    case 'linear':
      return z.slice();
    case 'softmax': {
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const sum = e.reduce((s, v) => s + v, 0);
      return e.map((v) => v / sum);
    }
  }
}

/** act'(z) elementwise, written in terms of a where that is the usual textbook form. ReLU'(0) is taken as 0. */
export function activationDerivative(act: Exclude<Activation, 'softmax'>, z: Vec, a: Vec): Vec {
  switch (act) {
    case 'sigmoid':
      return a.map((v) => v * (1 - v));
    case 'tanh':
      return a.map((v) => 1 - v * v);
    case 'relu':
      return z.map((v) => (v > 0 ? 1 : 0));
    case 'linear':
      return z.map(() => 1);
  }
}

export function matVec(W: Mat, v: Vec): Vec {
  return W.map((row) => row.reduce((s, w, j) => s + w * (v[j] ?? 0), 0));
}

export function transpose(M: Mat): Mat {
  const cols = M[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, j) => M.map((row) => row[j] ?? 0));
}

function outer(u: Vec, v: Vec): Mat {
  return u.map((ui) => v.map((vj) => ui * vj));
}

export function forward(task: BackpropTask): ForwardPass {
  const z: Vec[] = [[]];
  const a: Vec[] = [task.x.slice()];
  task.layers.forEach((layer, k) => {
    const zi = matVec(layer.W, a[k] ?? []).map((v, r) => v + (layer.b[r] ?? 0));
    z.push(zi);
    a.push(activate(layer.activation, zi));
  });
  return { z, a, loss: lossValue(lossMode(task), a[a.length - 1] ?? [], task.y) };
}

export function lossValue(mode: LossMode, out: Vec, y: Vec): number {
  if (mode === 'mse') return 0.5 * out.reduce((s, v, i) => s + (v - (y[i] ?? 0)) ** 2, 0);
  if (mode === 'ce-softmax') return -out.reduce((s, v, i) => s + ((y[i] ?? 0) === 0 ? 0 : (y[i] ?? 0) * Math.log(v)), 0);
  const p = out[0] ?? 0;
  const t = y[0] ?? 0;
  return -((t === 0 ? 0 : t * Math.log(p)) + (t === 1 ? 0 : (1 - t) * Math.log(1 - p)));
}

/** dL/da_L for the given loss. */
export function lossGradient(mode: LossMode, out: Vec, y: Vec): Vec {
  if (mode === 'mse') return out.map((v, i) => v - (y[i] ?? 0));
  if (mode === 'ce-softmax') return out.map((v, i) => -(y[i] ?? 0) / v);
  const p = out[0] ?? 0;
  const t = y[0] ?? 0;
  return [-t / p + (1 - t) / (1 - p)];
}

/** dL/dz_L: softmax + cross-entropy and sigmoid + BCE use their exact closed form a·Σy − y (no division). */
function outputDelta(task: BackpropTask, fw: ForwardPass, daL: Vec, opts: BackwardOptions): Vec {
  const L = task.layers.length;
  const layer = task.layers[L - 1];
  const aL = fw.a[L] ?? [];
  const zL = fw.z[L] ?? [];
  if (!layer || opts.skipActivationDerivative) return daL.slice();
  const mode = lossMode(task);
  if (mode !== 'mse') {
    const sumY = task.y.reduce((s, v) => s + v, 0);
    return aL.map((v, i) => (mode === 'bce' ? v - (task.y[i] ?? 0) : v * sumY - (task.y[i] ?? 0)));
  }
  if (layer.activation === 'softmax') {
    const dot = aL.reduce((s, v, k) => s + v * (daL[k] ?? 0), 0);
    return aL.map((v, j) => v * ((daL[j] ?? 0) - dot));
  }
  const d = activationDerivative(layer.activation, zL, aL);
  return daL.map((g, i) => g * (d[i] ?? 0));
}

export function backward(task: BackpropTask, fw: ForwardPass, opts: BackwardOptions = {}): BackwardPass {
  const L = task.layers.length;
  const da: Vec[] = new Array<Vec>(L + 1).fill([]);
  const dz: Vec[] = new Array<Vec>(L + 1).fill([]);
  const dW: Mat[] = new Array<Mat>(L + 1).fill([]);
  const db: Vec[] = new Array<Vec>(L + 1).fill([]);
  da[L] = lossGradient(lossMode(task), fw.a[L] ?? [], task.y);
  for (let i = L; i >= 1; i--) {
    const layer = task.layers[i - 1];
    if (!layer) break;
    if (i === L) dz[i] = outputDelta(task, fw, da[i] ?? [], opts);
    else {
      const act = layer.activation === 'softmax' ? 'linear' : layer.activation;
      const d = opts.skipActivationDerivative ? null : activationDerivative(act, fw.z[i] ?? [], fw.a[i] ?? []);
      dz[i] = (da[i] ?? []).map((g, r) => g * (d ? (d[r] ?? 0) : 1));
    }
    dW[i] = outer(dz[i] ?? [], fw.a[i - 1] ?? []);
    db[i] = (dz[i] ?? []).slice();
    const square = layer.W.length === (layer.W[0]?.length ?? 0);
    da[i - 1] = matVec(opts.untransposed && square ? layer.W : transpose(layer.W), dz[i] ?? []);
  }
  return { da, dz, dW, db };
}
