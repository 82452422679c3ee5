/**
 * An independent, deliberately naive network for the backprop tests: a forward pass written from the formulas
 * (no shared code with shared/questions/backprop), so gradients can be checked by central finite differences.
 */
import type { Activation, BackpropTask } from '../../../shared/questions/types';

export type Override = { kind: 'z' | 'a'; layer: number; index: number; delta: number };

function act(kind: Activation, z: number[]): number[] {
  if (kind === 'softmax') {
    const e = z.map((v) => Math.exp(v));
    let s = 0;
    for (const v of e) s += v;
    return e.map((v) => v / s);
  }
  return z.map((v) => (kind === 'sigmoid' ? 1 / (1 + Math.exp(-v)) : kind === 'tanh' ? Math.tanh(v) : kind === 'relu' ? Math.max(0, v) : v));
}

function loss(task: BackpropTask, out: number[]): number {
  let s = 0;
  if (task.loss === 'mse') {
    for (let i = 0; i < out.length; i++) s += 0.5 * ((out[i] as number) - (task.y[i] as number)) ** 2;
    return s;
  }
  if (task.layers[task.layers.length - 1]?.activation === 'softmax') {
    for (let i = 0; i < out.length; i++) s -= (task.y[i] as number) * Math.log(out[i] as number);
    return s;
  }
  const p = out[0] as number;
  const y = task.y[0] as number;
  return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
}

/** The loss, optionally with z_i or a_i (layer 0 = x) nudged by `delta` at one entry. */
export function referenceLoss(task: BackpropTask, o?: Override): number {
  let a = task.x.slice();
  if (o && o.kind === 'a' && o.layer === 0) a[o.index] = (a[o.index] as number) + o.delta;
  task.layers.forEach((l, k) => {
    const z = l.W.map((row, r) => row.reduce((s, w, c) => s + w * (a[c] as number), l.b[r] as number));
    if (o && o.kind === 'z' && o.layer === k + 1) z[o.index] = (z[o.index] as number) + o.delta;
    a = act(l.activation, z);
    if (o && o.kind === 'a' && o.layer === k + 1) a[o.index] = (a[o.index] as number) + o.delta;
  });
  return loss(task, a);
}

/** All z_i, for keeping test networks away from ReLU's kink. */
export function referenceZ(task: BackpropTask): number[][] {
  let a = task.x.slice();
  return task.layers.map((l) => {
    const z = l.W.map((row, r) => row.reduce((s, w, c) => s + w * (a[c] as number), l.b[r] as number));
    a = act(l.activation, z);
    return z;
  });
}

export const H = 1e-6;

export function centralDiff(f: (delta: number) => number): number {
  return (f(H) - f(-H)) / (2 * H);
}
