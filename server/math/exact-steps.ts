/**
 * Exact values in backprop worked steps (docs/expressions.md): a network of linear and ReLU layers with an MSE loss
 * is rational all the way through, so mathjs recomputes every forward and backward quantity in exact fractions.
 * A step whose value the 3-significant-figure display rounds then also shows it exactly (`= 0.0315` becomes
 * `= 0.0315 (exactly 0.031476)`), so a teacher checking by hand sees the number a calculator gives. A network with
 * a sigmoid, tanh or softmax is irrational and stays as it is. Questions generated in a browser (solo) are not
 * annotated: mathjs is a server dependency only.
 */
import type { Fraction } from 'mathjs';
import { parseTarget, quantityName, targetValue } from '../../shared/questions/backprop/target';
import type { BackpropTask, Question, Step } from '../../shared/questions/types';
import { math } from './mathjs';

type Exact = Fraction | Fraction[] | Fraction[][];
type Value = number | number[] | number[][];

const fr = (v: number): Fraction => math.fraction(v);
const plus = (a: Fraction, b: Fraction): Fraction => math.add<Fraction>(a, b);
const times = (a: Fraction, b: Fraction): Fraction => math.multiply(a, b) as Fraction;
const minus = (a: Fraction, b: Fraction): Fraction => math.subtract<Fraction>(a, b);
const ZERO = (): Fraction => fr(0);

/** Every quantity of the network in exact fractions, by the names the worked steps use (quantityName). */
function exactPass(task: BackpropTask): Map<string, Exact> {
  const out = new Map<string, Exact>();
  const L = task.layers.length;
  const a: Fraction[][] = [task.x.map(fr)];
  const z: Fraction[][] = [[]];
  task.layers.forEach((layer, k) => {
    const prev = a[k] ?? [];
    const zi = layer.W.map((row, r) => row.reduce((s, w, c) => plus(s, times(fr(w), prev[c] ?? ZERO())), fr(layer.b[r] ?? 0)));
    const ai = zi.map((v) => (layer.activation === 'relu' && math.number(v) <= 0 ? ZERO() : v));
    z.push(zi);
    a.push(ai);
    out.set(quantityName('z', k + 1), zi);
    out.set(quantityName('a', k + 1), ai);
  });
  const y = task.y.map(fr);
  const aL = a[L] ?? [];
  out.set(quantityName('loss', 0), times(fr(0.5), aL.reduce((s, v, j) => plus(s, times(minus(v, y[j] ?? ZERO()), minus(v, y[j] ?? ZERO()))), ZERO())));
  let da = aL.map((v, j) => minus(v, y[j] ?? ZERO()));
  for (let i = L; i >= 1; i--) {
    const layer = task.layers[i - 1];
    if (!layer) break;
    out.set(quantityName('da', i), da);
    const dz = da.map((g, r) => (layer.activation === 'relu' && math.number(z[i]?.[r] ?? ZERO()) <= 0 ? ZERO() : g));
    out.set(quantityName('dz', i), dz);
    out.set(quantityName('dW', i), dz.map((d) => (a[i - 1] ?? []).map((p) => times(d, p))));
    out.set(quantityName('db', i), dz);
    da = (layer.W[0] ?? []).map((_, c) => layer.W.reduce((s, row, r) => plus(s, times(fr(row[c] ?? 0), dz[r] ?? ZERO())), ZERO()));
  }
  out.set(quantityName('da', 0), da);
  return out;
}

function asNumbers(v: Exact): Value {
  if (!Array.isArray(v)) return math.number(v);
  return (v as Array<Fraction | Fraction[]>).map((x) => (Array.isArray(x) ? x.map((f) => math.number(f)) : math.number(x))) as Value;
}

/** An exact value as text, or null when every entry already shows exactly at 3 significant figures. */
function exactly(v: Exact): { text: string; tex: string } | null {
  const flat = [v].flat(2);
  const shown = flat.map((f) => Number(math.number(f).toPrecision(3)));
  if (flat.every((f, i) => math.number(f) === shown[i])) return null;
  // A terminating decimal is written out; a repeating one (impossible with decimal inputs) as a fraction.
  const one = (f: Fraction): string => (f.toString().includes('(') ? math.format(f, { fraction: 'ratio' }) : f.toString());
  if (!Array.isArray(v)) return { text: one(v), tex: one(v) };
  const rows = (v as Array<Fraction | Fraction[]>).map((r) => (Array.isArray(r) ? r.map(one) : [one(r)]));
  return { text: `[${rows.map((r) => r.join(', ')).join('; ')}]`, tex: `\\begin{pmatrix} ${rows.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{pmatrix}` };
}

function annotate<S extends Pick<Step, 'text' | 'latex'>>(step: S, exact: Exact | undefined): S {
  const e = exact && exactly(exact);
  if (!e) return step;
  return { ...step, text: `${step.text} (exactly ${e.text})`, latex: `${step.latex}\\ \\ \\left(\\text{exactly } ${e.tex}\\right)` };
}

const sameValue = (a: Value, b: Value): boolean => {
  const x = [a].flat(2);
  const y = [b].flat(2);
  return x.length === y.length && x.every((v, i) => Math.abs(v - (y[i] as number)) <= 1e-9 * Math.max(1, Math.abs(v)));
};

/** The question with exact values in its worked steps, when its network is rational; else as it was. */
export function withExactSteps(q: Question): Question {
  if (q.family !== 'backprop' || !q.backward) return q;
  const task = q.task as BackpropTask;
  if (task.loss !== 'mse' || task.layers.some((l) => l.activation !== 'linear' && l.activation !== 'relu')) return q;
  const exact = exactPass(task);
  const t = parseTarget(task.target, [task.x.length, ...task.layers.map((l) => l.b.length)]);
  const full = exact.get(quantityName(t.quantity, t.layer));
  // The exact pass must reproduce the question's own numbers, or it annotates nothing.
  if (!full || !sameValue(targetValue(t, asNumbers(full)), q.answer.value ?? NaN)) return q;
  const collapsed = (name: string): Exact | undefined => {
    const v = exact.get(name);
    return v === undefined ? undefined : collapseExact(v);
  };
  const backward = q.backward.map((b) => annotate(b, collapsed(b.name)));
  const steps = q.steps.map((s, i) => {
    if (i === 0) return s;
    if (i === q.steps.length - 1) return annotate(s, pick(full, t.index));
    const name = q.backward?.[i - 1]?.name;
    return name === undefined ? s : annotate(s, collapsed(name));
  });
  return { ...q, backward, steps };
}

/** A one-entry vector or 1×1 matrix as its entry, as collapse() does for numbers. */
function collapseExact(v: Exact): Exact {
  if (!Array.isArray(v) || v.length !== 1) return v;
  const only = v[0] as Fraction | Fraction[];
  return Array.isArray(only) ? (only.length === 1 ? (only[0] as Fraction) : v) : only;
}

function pick(v: Exact, index: readonly number[]): Exact {
  let out: Exact = v;
  for (const i of index) out = (out as Array<Fraction | Fraction[]>)[i - 1] as Exact;
  return collapseExact(out);
}
