import { TaskError } from '../family';
import type { BackwardPass, ForwardPass, Mat, Vec } from './network';

/**
 * Backprop targets (docs/question-format.md#backprop-tasks): `loss`, `z2`, `a1`, `dL/da2`, `dL/dz1`, `dL/dW1`,
 * `dL/db2`, `dL/dx`, optionally indexed 1-based: `dL/dW2[1][3]`, `a1[2]`.
 */
export type Quantity = 'loss' | 'z' | 'a' | 'da' | 'dz' | 'dW' | 'db';

export interface Target {
  quantity: Quantity;
  /** Layer number, 1-based; 0 for dL/dx (= dL/da0); 0 and unused for the loss. */
  layer: number;
  /** 1-based indices as written. */
  index: number[];
  /** The canonical name, e.g. `dL/dW2[1][3]`. */
  name: string;
}

const TARGET_RE = /^(?:(loss|L)|(z|a)(\d{1,2})|dL\/d(a|z|W|b)(\d{1,2})|dL\/d(x))((?:\[\d{1,3}\]){0,2})$/;

/** The canonical name of a (quantity, layer) pair, as used in `backward` step names. */
export function quantityName(q: Quantity, layer: number): string {
  if (q === 'loss') return 'loss';
  if (q === 'z' || q === 'a') return `${q}${layer}`;
  if (q === 'da' && layer === 0) return 'dL/dx';
  return `dL/d${q.slice(1)}${layer}`;
}

/** Parses and range-checks a target against the layer sizes (sizes[0] = input size). */
export function parseTarget(raw: unknown, sizes: number[]): Target {
  if (typeof raw !== 'string') throw new TaskError('The target must be a string such as "dL/dW1" or "a2".');
  const m = TARGET_RE.exec(raw.replace(/\s+/g, ''));
  if (!m) {
    throw new TaskError(
      `Unknown target "${raw.slice(0, 40)}": use loss, z<i>, a<i>, dL/da<i>, dL/dz<i>, dL/dW<i>, dL/db<i> or dL/dx, optionally indexed like dL/dW2[1][3].`,
    );
  }
  const index = [...(m[7] ?? '').matchAll(/\[(\d+)\]/g)].map((g) => Number(g[1]));
  const L = sizes.length - 1;
  let quantity: Quantity;
  let layer = 0;
  if (m[1]) quantity = 'loss';
  else if (m[2]) [quantity, layer] = [m[2] as Quantity, Number(m[3])];
  else if (m[4]) [quantity, layer] = [`d${m[4]}` as Quantity, Number(m[5])];
  else quantity = 'da';
  const isInput = quantity === 'da' && layer === 0;
  if (quantity !== 'loss' && !isInput && (layer < 1 || layer > L)) {
    throw new TaskError(`The target "${raw}" names layer ${layer}, but the network has layers 1 to ${L}.`);
  }
  checkIndex(raw, quantity, index, shapeOf(quantity, layer, sizes));
  const name = quantityName(quantity, layer) + index.map((i) => `[${i}]`).join('');
  return { quantity, layer, index, name };
}

function shapeOf(q: Quantity, layer: number, sizes: number[]): number[] {
  if (q === 'loss') return [];
  if (q === 'dW') return [sizes[layer] ?? 0, sizes[layer - 1] ?? 0];
  return [sizes[layer] ?? 0];
}

function checkIndex(raw: string, q: Quantity, index: number[], shape: number[]): void {
  if (index.length === 0) return;
  if (index.length !== shape.length) {
    const want = shape.length === 0 ? 'no index' : shape.length === 1 ? 'one index [i]' : 'two indices [row][column]';
    throw new TaskError(`The target "${raw}" takes ${want}${q === 'loss' ? '' : ` (shape ${shape.join('×')})`}.`);
  }
  index.forEach((i, k) => {
    const n = shape[k] ?? 0;
    if (i < 1 || i > n) throw new TaskError(`Index ${i} in "${raw}" is out of range: it must be from 1 to ${n}.`);
  });
}

/** The full (unindexed) quantity for a target. */
export function quantityValue(t: Pick<Target, 'quantity' | 'layer'>, fw: ForwardPass, bw: BackwardPass | null): number | Vec | Mat {
  if (t.quantity === 'loss') return fw.loss;
  if (t.quantity === 'z') return fw.z[t.layer] ?? [];
  if (t.quantity === 'a') return fw.a[t.layer] ?? [];
  if (!bw) throw new Error('backward pass needed for a gradient target');
  const table: Record<'da' | 'dz' | 'dW' | 'db', Array<Vec | Mat>> = { da: bw.da, dz: bw.dz, dW: bw.dW, db: bw.db };
  return table[t.quantity][t.layer] ?? [];
}

/** Picks the indexed entry, then collapses all-singleton shapes to a plain number (a 1×1 W gradient is a number). */
export function targetValue(t: Target, full: number | Vec | Mat): number | Vec | Mat {
  let v: number | Vec | Mat = full;
  for (const i of t.index) v = (v as Array<number | Vec>)[i - 1] as number | Vec;
  return collapse(v);
}

/** A 1-element vector or 1×1 matrix as a plain number: what a player types for a one-neuron network. */
export function collapse(v: number | Vec | Mat): number | Vec | Mat {
  if (typeof v === 'number') return v;
  if (v.length !== 1) return v;
  const only = v[0];
  if (typeof only === 'number') return only;
  return only && only.length === 1 ? (only[0] ?? 0) : v;
}
