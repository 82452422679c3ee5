import type { Activation, BackpropStep, BackpropTask } from '../types';
import { fmtNum, fmtValue, texNum, texValue } from '../format/number';
import { lossMode, type BackwardPass, type ForwardPass, type LossMode } from './network';
import { collapse, quantityName, quantityValue, type Quantity } from './target';

/**
 * The forward and backward quantities of a backprop question in computation order, each with its formula and
 * value in text and LaTeX, plus a sentence saying why the step is taken (for the worked derivation).
 */
export interface ExplainedStep extends BackpropStep {
  why: string;
  /** `why` for a screen: its mathematics as LaTeX inside `\( … \)`, never index noise like `δ3[r]·a2[c]`. */
  prose: string;
}

/** Worked steps show numbers to 3 significant figures, as answers are judged. */
const SIG = 3;

interface Ctx {
  task: BackpropTask;
  fw: ForwardPass;
  bw: BackwardPass | null;
  mode: LossMode;
}

const ACT_TEXT: Record<Activation, string> = { sigmoid: 'sigmoid', tanh: 'tanh', relu: 'ReLU', linear: 'linear', softmax: 'softmax' };
const ACT_TEX: Record<Activation, string> = {
  sigmoid: '\\sigma', tanh: '\\tanh', relu: '\\operatorname{ReLU}', linear: '\\operatorname{lin}', softmax: '\\operatorname{softmax}',
};

/** A factor in a substituted product: negatives in parentheses so `0.8·(-0.06)` reads right. */
const pf = (v: number): string => (v < 0 ? `(${fmtNum(v)})` : fmtNum(v));
const pt = (v: number): string => (v < 0 ? `(${texNum(v, SIG)})` : texNum(v, SIG));
const aText = (i: number): string => (i === 0 ? 'x' : `a${i}`);
const aTex = (i: number): string => (i === 0 ? 'x' : `a_{${i}}`);
const dTex = (sym: string): string => `\\frac{\\partial L}{\\partial ${sym}}`;
/** δ_i = ∂L/∂z_i, the error signal of layer i, as the prose names it. */
const DELTA = (i: number): string => `\\delta_{${i}}`;

/** One neuron in and out: the numbers can be substituted into the formula, as in the lesson. */
function scalarLayer(ctx: Ctx, i: number): boolean {
  const l = ctx.task.layers[i - 1];
  return l !== undefined && l.W.length === 1 && l.W[0]?.length === 1;
}

function num(ctx: Ctx, q: Quantity, i: number): number {
  const v = collapse(quantityValue({ quantity: q, layer: i }, ctx.fw, ctx.bw));
  return typeof v === 'number' ? v : NaN;
}

function make(ctx: Ctx, q: Quantity, i: number, formula: [string, string], subst: [string, string] | null, why: string, prose = why): ExplainedStep {
  const value = collapse(quantityValue({ quantity: q, layer: i }, ctx.fw, ctx.bw));
  const sub = subst ? [` = ${subst[0]}`, ` = ${subst[1]}`] : ['', ''];
  return {
    name: quantityName(q, i),
    value,
    text: `${formula[0]}${sub[0]} = ${fmtValue(value)}`,
    latex: `${formula[1]}${sub[1]} = ${texValue(value, SIG)}`,
    why,
    prose,
  };
}

function zStep(ctx: Ctx, i: number): ExplainedStep {
  const l = ctx.task.layers[i - 1];
  const subst: [string, string] | null = scalarLayer(ctx, i) && l
    ? [`${fmtNum(l.W[0]?.[0] ?? 0)}·${pf(num(ctx, 'a', i - 1))} ${(l.b[0] ?? 0) < 0 ? '−' : '+'} ${fmtNum(Math.abs(l.b[0] ?? 0))}`,
      `${texNum(l.W[0]?.[0] ?? 0, SIG)} \\cdot ${pt(num(ctx, 'a', i - 1))} ${(l.b[0] ?? 0) < 0 ? '-' : '+'} ${texNum(Math.abs(l.b[0] ?? 0), SIG)}`]
    : null;
  return make(ctx, 'z', i, [`z${i} = W${i}·${aText(i - 1)} + b${i}`, `z_{${i}} = W_{${i}} ${aTex(i - 1)} + b_{${i}}`], subst,
    `Layer ${i} weighs its inputs and adds its bias.`);
}

function aStep(ctx: Ctx, i: number): ExplainedStep {
  const act = ctx.task.layers[i - 1]?.activation ?? 'linear';
  return make(ctx, 'a', i, [`a${i} = ${ACT_TEXT[act]}(z${i})`, `a_{${i}} = ${ACT_TEX[act]}(z_{${i}})`], null,
    `Apply layer ${i}'s activation (${ACT_TEXT[act]}).`, `Apply layer ${i}'s activation \\(${ACT_TEX[act]}\\).`);
}

function lossStep(ctx: Ctx): ExplainedStep {
  const L = ctx.task.layers.length;
  const f: Record<LossMode, [string, string]> = {
    mse: [`L = 0.5·Σ(a${L} − y)²`, `L = \\tfrac12 \\sum_j (a_{${L},j} - y_j)^2`],
    'ce-softmax': [`L = −Σ y·log(a${L})`, `L = -\\sum_j y_j \\log a_{${L},j}`],
    bce: [`L = −(y·log(a${L}) + (1 − y)·log(1 − a${L}))`, `L = -\\bigl(y \\log a_{${L}} + (1-y)\\log(1-a_{${L}})\\bigr)`],
  };
  return make(ctx, 'loss', 0, f[ctx.mode], null, 'Compare the output with y through the loss: the forward pass ends here.');
}

function lossGradStep(ctx: Ctx): ExplainedStep {
  const L = ctx.task.layers.length;
  const f: Record<LossMode, [string, string]> = {
    mse: [`dL/da${L} = a${L} − y`, `${dTex(`a_{${L}}`)} = a_{${L}} - y`],
    'ce-softmax': [`dL/da${L} = −y / a${L}`, `${dTex(`a_{${L}}`)} = -\\frac{y}{a_{${L}}}`],
    bce: [`dL/da${L} = −y/a${L} + (1 − y)/(1 − a${L})`, `${dTex(`a_{${L}}`)} = -\\frac{y}{a_{${L}}} + \\frac{1-y}{1-a_{${L}}}`],
  };
  return make(ctx, 'da', L, f[ctx.mode], null, 'The backward pass starts at the loss: differentiate it with respect to the output.');
}

function derivText(act: Activation, i: number): [string, string] {
  switch (act) {
    case 'sigmoid':
      return [`a${i}(1 − a${i})`, `a_{${i}} \\odot (1 - a_{${i}})`];
    case 'tanh':
      return [`(1 − a${i}²)`, `(1 - a_{${i}}^{2})`];
    case 'relu':
      // ReLU's derivative, the indicator 1[z > 0], written as it is typed (functions.ts: step).
      return [`step(z${i})`, `\\operatorname{step}(z_{${i}})`];
    default:
      return ['1', '1'];
  }
}

function dzStep(ctx: Ctx, i: number): ExplainedStep {
  const L = ctx.task.layers.length;
  const act = ctx.task.layers[i - 1]?.activation ?? 'linear';
  const lhs: [string, string] = [`dL/dz${i}`, dTex(`z_{${i}}`)];
  if (i === L && ctx.mode !== 'mse') {
    const why = ctx.mode === 'bce'
      ? 'Sigmoid and binary cross-entropy combine: the σ\'(z) factor cancels the denominators, leaving a − y.'
      : 'Softmax and cross-entropy combine: multiplying by the softmax Jacobian leaves a − y (Σy = 1).';
    const prose = ctx.mode === 'bce'
      ? `Sigmoid and binary cross-entropy combine: the \\(\\sigma'(z_{${i}})\\) factor cancels the denominators, leaving \\(${DELTA(i)} = a_{${i}} - y\\).`
      : `Softmax and cross-entropy combine: multiplying by the softmax Jacobian leaves \\(${DELTA(i)} = a_{${i}} - y\\) (as \\(\\textstyle\\sum_j y_j = 1\\)).`;
    const sumY = ctx.task.y.reduce((s, v) => s + v, 0);
    const f: [string, string] = ctx.mode === 'ce-softmax' && Math.abs(sumY - 1) > 1e-12
      ? [`${lhs[0]} = a${i}·Σy − y`, `${lhs[1]} = a_{${i}} \\textstyle\\sum_j y_j - y`]
      : [`${lhs[0]} = a${i} − y`, `${lhs[1]} = a_{${i}} - y`];
    return make(ctx, 'dz', i, f, null, why, prose);
  }
  if (act === 'softmax') {
    return make(ctx, 'dz', i, [`${lhs[0]} = a${i} ⊙ (g − (a${i}·g)) with g = dL/da${i}`,
      `${lhs[1]} = a_{${i}} \\odot \\bigl(g - (a_{${i}}^{\\top} g)\\,\\mathbf{1}\\bigr),\\ g = ${dTex(`a_{${i}}`)}`], null,
    'Back through softmax: multiply by its Jacobian diag(a) − a aᵀ.',
    `Back through softmax: multiply by its Jacobian \\(\\operatorname{diag}(a_{${i}}) - a_{${i}} a_{${i}}^{\\top}\\) to get \\(${DELTA(i)}\\).`);
  }
  const [dt, dx] = derivText(act, i);
  const f: [string, string] = act === 'linear'
    ? [`${lhs[0]} = dL/da${i}`, `${lhs[1]} = ${dTex(`a_{${i}}`)}`]
    : [`${lhs[0]} = dL/da${i} ⊙ ${dt}`, `${lhs[1]} = ${dTex(`a_{${i}}`)} \\odot ${dx}`];
  const subst: [string, string] | null = scalarLayer(ctx, i) && act === 'sigmoid'
    ? [`${fmtNum(num(ctx, 'da', i))}·${pf(num(ctx, 'a', i))}·(1 − ${fmtNum(num(ctx, 'a', i))})`,
      `${texNum(num(ctx, 'da', i), SIG)} \\cdot ${pt(num(ctx, 'a', i))} \\cdot (1 - ${texNum(num(ctx, 'a', i), SIG)})`]
    : null;
  const why = act === 'linear'
    ? `Layer ${i} is linear (a${i} = z${i}), so the gradient passes through unchanged: δ${i} = dL/da${i}.`
    : `Chain rule through a${i} = ${ACT_TEXT[act]}(z${i}): multiply by the activation's derivative ${ACT_TEXT[act]}'(z${i}) to get δ${i}.`;
  const prose = act === 'linear'
    ? `Layer ${i} is linear (\\(a_{${i}} = z_{${i}}\\)), so the gradient passes through unchanged: \\(${DELTA(i)} = ${dTex(`a_{${i}}`)}\\).`
    : `Chain rule through \\(a_{${i}} = ${ACT_TEX[act]}(z_{${i}})\\): multiply by the activation's derivative to get \\(${DELTA(i)} = ${dTex(`z_{${i}}`)}\\).`;
  return make(ctx, 'dz', i, f, subst, why, prose);
}

function dWStep(ctx: Ctx, i: number): ExplainedStep {
  const subst: [string, string] | null = scalarLayer(ctx, i)
    ? [`${fmtNum(num(ctx, 'dz', i))}·${pf(num(ctx, 'a', i - 1))}`, `${texNum(num(ctx, 'dz', i), SIG)} \\cdot ${pt(num(ctx, 'a', i - 1))}`]
    : null;
  return make(ctx, 'dW', i, [`dL/dW${i} = dL/dz${i} · ${aText(i - 1)}ᵀ`, `${dTex(`W_{${i}}`)} = ${dTex(`z_{${i}}`)}\\, ${aTex(i - 1)}^{\\top}`],
    subst, `Weight W${i}[r][c] multiplies input ${aText(i - 1)}[c] into z${i}[r], so its gradient is δ${i}[r]·${aText(i - 1)}[c].`,
    `Weight \\((W_{${i}})_{rc}\\) multiplies input \\((${aTex(i - 1)})_{c}\\) into \\((z_{${i}})_{r}\\), so its gradient is \\((${DELTA(i)})_{r}\\,(${aTex(i - 1)})_{c}\\): all of them at once, \\(${DELTA(i)}\\, ${aTex(i - 1)}^{\\top}\\).`);
}

function dbStep(ctx: Ctx, i: number): ExplainedStep {
  return make(ctx, 'db', i, [`dL/db${i} = dL/dz${i}`, `${dTex(`b_{${i}}`)} = ${dTex(`z_{${i}}`)}`], null,
    `A bias adds straight into z${i}, so its gradient is δ${i} itself.`,
    `A bias adds straight into \\(z_{${i}}\\), so its gradient is \\(${DELTA(i)}\\) itself.`);
}

function daStep(ctx: Ctx, i: number): ExplainedStep {
  const from = i + 1;
  const subst: [string, string] | null = scalarLayer(ctx, from)
    ? [`${fmtNum(ctx.task.layers[i]?.W[0]?.[0] ?? 0)}·${pf(num(ctx, 'dz', from))}`,
      `${texNum(ctx.task.layers[i]?.W[0]?.[0] ?? 0, SIG)} \\cdot ${pt(num(ctx, 'dz', from))}`]
    : null;
  const name = i === 0 ? ['dL/dx', dTex('x')] : [`dL/da${i}`, dTex(`a_{${i}}`)];
  return make(ctx, 'da', i, [`${name[0]} = W${from}ᵀ · dL/dz${from}`, `${name[1]} = W_{${from}}^{\\top} ${dTex(`z_{${from}}`)}`],
    subst, `Send δ${from} back through the weights of layer ${from} (multiply by W${from} transposed).`,
    `Send \\(${DELTA(from)}\\) back through the weights of layer ${from}: multiply by \\(W_{${from}}^{\\top}\\).`);
}

/** Every quantity in computation order, ending with the one named `stopAt` (a canonical unindexed name). */
export function explainNetwork(task: BackpropTask, fw: ForwardPass, bw: BackwardPass | null, stopAt: string): ExplainedStep[] {
  const ctx: Ctx = { task, fw, bw, mode: lossMode(task) };
  const L = task.layers.length;
  const out: ExplainedStep[] = [];
  const push = (s: ExplainedStep): boolean => (out.push(s), s.name === stopAt);
  for (let i = 1; i <= L; i++) if (push(zStep(ctx, i)) || push(aStep(ctx, i))) return out;
  if (push(lossStep(ctx)) || !bw || push(lossGradStep(ctx))) return out;
  for (let i = L; i >= 1; i--) {
    if (push(dzStep(ctx, i)) || push(dWStep(ctx, i)) || push(dbStep(ctx, i)) || push(daStep(ctx, i - 1))) return out;
  }
  return out;
}
