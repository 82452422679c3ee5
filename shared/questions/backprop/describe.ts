import type { BackpropTask, Distractor } from '../types';
import { fmtValue, texValue } from '../format/number';
import { backward, transpose, type ForwardPass, type Mat, type Vec } from './network';
import { collapse, parseTarget, quantityValue, targetValue, type Target } from './target';

/** Prompt wording and distractors for a backprop question. */

const ACT_TEX = { sigmoid: '\\sigma', tanh: '\\tanh', relu: '\\operatorname{ReLU}', linear: '\\text{linear}', softmax: '\\operatorname{softmax}' };
const LOSS_TEXT = { mse: 'MSE loss L = 0.5·Σ(a − y)²', 'cross-entropy': 'cross-entropy loss' };

/** The target in LaTeX: `\frac{\partial L}{\partial W_{2}}` or `\left[\dots\right]_{1,3}`. */
export function targetTex(t: Target): string {
  const sym = { loss: 'L', z: `z_{${t.layer}}`, a: `a_{${t.layer}}`, da: t.layer === 0 ? 'x' : `a_{${t.layer}}`,
    dz: `z_{${t.layer}}`, dW: `W_{${t.layer}}`, db: `b_{${t.layer}}` }[t.quantity];
  const base = t.quantity.startsWith('d') ? `\\frac{\\partial L}{\\partial ${sym}}` : sym;
  return t.index.length === 0 ? base : `\\left[${base}\\right]_{${t.index.join(',')}}`;
}

/** The target in words, 1-based indices spelled out. */
export function targetText(t: Target): string {
  if (t.index.length === 2) return `${t.name} (row ${t.index[0]}, column ${t.index[1]})`;
  if (t.index.length === 1) return `${t.name} (entry ${t.index[0]})`;
  return t.name;
}

export function promptFor(task: BackpropTask, t: Target): { text: string; latex: string } {
  const layersText = task.layers
    .map((l, k) => `layer ${k + 1}: W${k + 1} = ${fmtValue(l.W, 12)}, b${k + 1} = ${fmtValue(l.b, 12)}, ${l.activation}`)
    .join('; ');
  const text = `A network with x = ${fmtValue(task.x, 12)}, y = ${fmtValue(task.y, 12)} and ${LOSS_TEXT[task.loss]}; `
    + `${layersText}. Each layer computes z = W·a + b, a = act(z). Find ${targetText(t)}.`;
  const rows = task.layers.map((l, k) =>
    `W_{${k + 1}} = ${texValue(l.W, 12)},\\ b_{${k + 1}} = ${texValue(l.b, 12)},\\ a_{${k + 1}} = ${ACT_TEX[l.activation]}(z_{${k + 1}})`);
  const lossTex = task.loss === 'mse' ? 'L = \\tfrac12 \\sum (a - y)^2' : '\\text{cross-entropy loss}';
  const latex = `\\begin{gathered} x = ${texValue(task.x, 12)},\\ y = ${texValue(task.y, 12)},\\ ${lossTex} \\\\ `
    + `${rows.join(' \\\\ ')} \\\\ \\text{Find } ${targetTex(t)} \\end{gathered}`;
  return { text, latex };
}

type Value = number | Vec | Mat;

function differs(a: Value, b: Value): boolean {
  const fa = [a].flat(2);
  const fb = [b].flat(2);
  if (fa.length !== fb.length || JSON.stringify(shape(a)) !== JSON.stringify(shape(b))) return true;
  return fa.some((v, i) => Math.abs(v - (fb[i] ?? 0)) > 1e-9 * Math.max(1, Math.abs(v)));
}

function shape(v: Value): number[] {
  if (typeof v === 'number') return [];
  return Array.isArray(v[0]) ? [v.length, (v[0]).length] : [v.length];
}

function wrongOrder(task: BackpropTask, t: Target, fw: ForwardPass): Value | null {
  if (t.quantity === 'dW') {
    const full = quantityValue(t, fw, backward(task, fw)) as Mat;
    const tr = transpose(full);
    if (t.index.length === 0) return collapse(tr);
    const [r = 0, c = 0] = t.index;
    const entry = tr[r - 1]?.[c - 1];
    return entry ?? null;
  }
  if (t.quantity === 'da' || t.quantity === 'dz' || t.quantity === 'db') {
    return targetValue(t, quantityValue(t, fw, backward(task, fw, { untransposed: true })));
  }
  return null;
}

/** The typical wrong answers, each kept only when it differs from the right one. */
export function distractorsFor(task: BackpropTask, t: Target, fw: ForwardPass, value: Value): Distractor[] {
  if (!t.quantity.startsWith('d')) return [];
  const out: Distractor[] = [];
  const add = (d: Distractor): void => {
    if (d.value !== undefined && differs(d.value, value) && [d.value].flat(2).every(Number.isFinite)) out.push(d);
  };
  add({
    mistake: 'activation-derivative-missing',
    value: targetValue(t, quantityValue(t, fw, backward(task, fw, { skipActivationDerivative: true }))),
    feedback: `That is what ${t.name} comes to if the activation derivatives (like σ'(z) = a(1 − a)) are left out of the backward pass.`,
  });
  const negate = (v: Value): Value => (typeof v === 'number' ? -v : (v as Array<number | number[]>).map((x) => negate(x) as number));
  add({ mistake: 'sign-error', value: negate(value), feedback: `The size is right but the sign is flipped: check the sign of dL/da (a − y, not y − a).` });
  const wo = wrongOrder(task, t, fw);
  if (wo !== null) {
    add({
      mistake: 'wrong-order',
      value: wo,
      feedback: t.quantity === 'dW'
        ? `That is the transpose: dL/dW${t.layer} = δ${t.layer}·${t.layer === 1 ? 'x' : `a${t.layer - 1}`}ᵀ has one row per neuron of layer ${t.layer}.`
        : 'δ goes back through Wᵀ, not W: the transpose matters.',
    });
  }
  return out;
}

/**
 * The question in one line for a screen that draws the network (the projector): every number of the full prompt
 * is on the drawing, so repeating them shrinks both below what the back row can read. Only the loss and the
 * target remain. Throws TaskError like `parseTarget` for a task that is not valid.
 */
export function briefPromptFor(task: BackpropTask): { text: string; latex: string } {
  const t = parseTarget(task.target, [task.x.length, ...task.layers.map((l) => l.b.length)]);
  const lossTex = task.loss === 'mse' ? 'L = \\tfrac12 \\sum (a - y)^2' : '\\text{cross-entropy loss } L';
  return {
    text: `With ${LOSS_TEXT[task.loss]}, find ${targetText(t)}.`,
    latex: `${lossTex}.\\quad \\text{Find } ${targetTex(t)}`,
  };
}
