import type { MathNode } from 'mathjs';
import { TaskError } from '../family';
import type { Difficulty, ExprTask, Family, Layer, Question, Step } from '../types';
import type { Candidate } from './distractors';
import { keepDistinct } from './distractors';
import { domainPoints, readExprTask } from './expr-task';
import { breakableTex } from './break-tex';
import { chainProduct, decompose, LAYER_VAR, type LayerNodes } from './layers';
import { differentiate } from './differentiate';
import { add, dependsOn, div, fnName, isFn, isNeg, isOp, mul, mulAll, neg, num, opView, pow, substituteTidy, sym } from './nodes';
import { texNode, texSymbol, toStr } from './print';

/** Most layers a written task may have: beyond this it is not a question for a timed round. */
export const MAX_LAYERS = 10;

const ACTIVATIONS = new Set(['sigmoid', 'tanh', 'softplus', 'relu']);

/** A chain-family task read and differentiated: shared by solveChain, the higher-order family and generators. */
export interface ChainAnalysis {
  expr: MathNode;
  variable: string;
  layers: LayerNodes[];
  answer: MathNode;
  /** Sample points where the expression and its derivative are real: for distractors and checks. */
  points: Array<Record<string, number>>;
}

// A generator analyses each draw to know it is usable and solve() analyses the same task right after: the
// last analysis is remembered (keyed by variable and expression; trees are never mutated) so that work is
// done once. The result is the same with or without the cache.
let last: { key: string; analysis: ChainAnalysis } | null = null;

/** Reads, decomposes and differentiates a `{expr, var}` task; TaskError when it is not a usable question. */
export function analyseChain(task: ExprTask): ChainAnalysis {
  const key = task !== null && typeof task === 'object' && typeof task.expr === 'string' ? `${String(task.var)}\u0000${task.expr}` : null;
  if (key !== null && last?.key === key) return last.analysis;
  const analysis = analyseUncached(task);
  if (key !== null) last = { key, analysis };
  return analysis;
}

function analyseUncached(task: ExprTask): ChainAnalysis {
  const { expr, variable } = readExprTask(task);
  const layers = decompose(expr, variable);
  if (layers.length > MAX_LAYERS) throw new TaskError(`The expression has ${layers.length} layers; at most ${MAX_LAYERS} are allowed.`);
  const answer = chainProduct(layers);
  const points = domainPoints([expr, answer], [variable]);
  if (points.length === 0) throw new TaskError(`${task.expr} is not defined (as a real number) at any point we tried.`);
  return { expr, variable, layers, answer, points };
}

/** The whole question for a chain-family task: layers, answer, worked steps and distractors. */
export function solveChain(family: Family, task: ExprTask, meta: { difficulty: Difficulty; seed: number }): Question {
  const a = analyseChain(task);
  // The activation slip first: when it coincides with a generic one, its sharper feedback is kept.
  const cands = [...(family === 'activation' ? activationCandidates(a.layers) : []), ...chainCandidates(a.layers, a.variable)];
  return {
    id: `${family}-${meta.difficulty}-${meta.seed}`,
    family,
    difficulty: meta.difficulty,
    seed: meta.seed,
    prompt: chainPrompt(a.expr, a.variable),
    task: { expr: toStr(a.expr), var: a.variable },
    answer: { expr: toStr(a.answer) },
    layers: a.layers.map(layerJson),
    steps: [...layerSteps(a.layers), ...productSteps(a.layers, a.answer, a.variable)],
    distractors: keepDistinct(a.answer, cands, a.points),
  };
}

/** "Differentiate y = … with respect to x" (or the second derivative), with its LaTeX. */
export function chainPrompt(expr: MathNode, v: string, order: 1 | 2 = 1): { text: string; latex: string } {
  const what = order === 2 ? `Find the second derivative of y = ${toStr(expr)}` : `Differentiate y = ${toStr(expr)}`;
  const tv = texSymbol(v);
  const op = order === 2 ? `\\frac{d^{2}}{d${tv}^{2}}` : `\\frac{d}{d${tv}}`;
  return { text: `${what} with respect to ${v}`, latex: `${op}\\,${texNode(expr)}` };
}

/** A layer as docs/question-format.md#layers writes it: mathjs strings plus their LaTeX. */
export function layerJson(l: LayerNodes): Layer {
  return {
    fn: toStr(l.fn),
    inner: toStr(l.inner),
    derivative: toStr(l.derivative),
    evaluated: toStr(l.evaluated),
    latex: { fn: texNode(l.fn), derivative: texNode(l.derivative), evaluated: texNode(l.evaluated) },
  };
}

/**
 * One worked step per layer, in the diagram's order: box 1 is the innermost (it takes the variable itself and is
 * written in it), the last box the outermost. Each step gives the box's derivative in its own input and its
 * value at that input; `layer` says which box (0 = outermost, as in `layers`) to light.
 */
export function layerSteps(layers: readonly LayerNodes[]): Step[] {
  const n = layers.length;
  return layers.map((l, i) => ({ l, i })).reverse().map(({ l, i }, k) => {
    const box = k + 1;
    if (l.inner.type === 'SymbolNode' && k === 0) {
      const v = sym(toStr(l.inner));
      const fx = substituteTidy(l.fn, { [LAYER_VAR]: v });
      const d = `\\frac{d}{d${texSymbol(toStr(l.inner))}}`;
      return {
        text: `Box ${box} of ${n}: ${toStr(fx)}. Its derivative is ${toStr(l.evaluated)}.`,
        latex: `${d}\\left[${texNode(fx)}\\right]=${texNode(l.evaluated)}`,
        prose: `Box ${box} takes \\(${texNode(l.inner)}\\) itself: differentiate \\(${texNode(fx)}\\).`,
        layer: i,
      };
    }
    return {
      text: `Box ${box} of ${n}: ${toStr(l.fn)} with u = ${toStr(l.inner)}. Its derivative is ${toStr(l.derivative)}; at u = ${toStr(l.inner)} it is ${toStr(l.evaluated)}.`,
      latex: `\\frac{d}{du}\\left[${texNode(l.fn)}\\right]=${texNode(l.derivative)}\\;\\Rightarrow\\;${texNode(l.evaluated)}`,
      prose: `Box ${box} is \\(${texNode(l.fn)}\\) with input \\(u = ${texNode(l.inner)}\\): differentiate in \\(u\\), then put \\(u = ${texNode(l.inner)}\\) back.`,
      layer: i,
    };
  });
}

/** A factor inside a displayed product, bracketed when it is a sum or starts with a minus sign. */
export function texFactor(n: MathNode): string {
  return isOp(n, '+') || isOp(n, '-') ? `\\left(${texNode(n)}\\right)` : texNode(n);
}

function productSteps(layers: readonly LayerNodes[], answer: MathNode, v: string): Step[] {
  const factors = layers.map((l) => l.evaluated);
  return [
    {
      text: `Chain rule: multiply the layer derivatives: ${factors.map((f) => `(${toStr(f)})`).join(' * ')}.`,
      latex: `\\frac{dy}{d${texSymbol(v)}}=${factors.map(texFactor).join('\\cdot ')}`,
      prose: 'Chain rule: multiply the derivatives of all the boxes, each taken at its own input.',
    },
    {
      text: `Tidy up: dy/d${v} = ${toStr(answer)}.`,
      latex: `\\frac{dy}{d${texSymbol(v)}}=${breakableTex(answer)}`,
      prose: 'Tidy up: the answer.',
    },
  ];
}

const product = (fs: readonly MathNode[]): MathNode => mulAll([...fs].reverse());

/** The usual chain-rule slips, built from this question's own layers. */
export function chainCandidates(layers: readonly LayerNodes[], v: string): Candidate[] {
  const E = layers.map((l) => l.evaluated);
  const n = layers.length;
  const out: Candidate[] = [];
  const first = layers[0] as LayerNodes;
  if (n >= 2) {
    const last = layers[n - 2] as LayerNodes;
    out.push({ mistake: 'forgot-inner-derivative', node: product(E.slice(0, n - 1)), feedback: `You stopped before the innermost layer: multiply by the derivative of ${toStr(last.inner)}, which is ${toStr(E[n - 1] as MathNode)}.` });
    if (n >= 3) out.push({ mistake: 'forgot-inner-derivative', node: E[0] as MathNode, feedback: `You differentiated only the outer ${toStr(first.fn)}: every inner layer adds its own derivative factor.` });
    const innerDerivative = product(E.slice(1));
    out.push({ mistake: 'inner-derivative-composed', node: substituteTidy(first.derivative, { [LAYER_VAR]: innerDerivative }), feedback: `You composed the derivatives, ${toStr(first.derivative)} at u = ${toStr(innerDerivative)}: the chain rule multiplies f'(g(${v})) by g'(${v}) instead.` });
    out.push({ mistake: 'outer-not-evaluated-at-inner', node: product([substituteTidy(first.derivative, { [LAYER_VAR]: sym(v) }), ...E.slice(1)]), feedback: `The outer derivative ${toStr(first.derivative)} must be evaluated at the inner function u = ${toStr(first.inner)}, not at ${v}.` });
    for (let k = 1; k < n - 1 && k <= 2; k++) {
      const l = layers[k] as LayerNodes;
      out.push({ mistake: 'missing-layer-factor', node: product(E.filter((_, j) => j !== k)), feedback: `The factor from the layer ${toStr(l.fn)}, its derivative ${toStr(l.evaluated)}, is missing.` });
    }
  }
  out.push(...quotientSlips(layers));
  const k = layers.findIndex(hasMinusRule);
  if (k >= 0) {
    const l = layers[k] as LayerNodes;
    out.push({ mistake: 'sign-error', node: product(E.map((e, j) => (j === k ? neg(e) : e))), feedback: `Sign error: the derivative of ${toStr(l.fn)} is ${toStr(l.derivative)}.` });
  }
  return out;
}

/** A layer that is a quotient of two varying parts (a softmax component): the quotient rule with + for -. */
function quotientSlips(layers: readonly LayerNodes[]): Candidate[] {
  const k = layers.findIndex((l) => isOp(l.fn, '/') && opView(l.fn).args.every((a) => dependsOn(a, LAYER_VAR)));
  if (k < 0) return [];
  const l = layers[k] as LayerNodes;
  const [p, q] = opView(l.fn).args as [MathNode, MathNode];
  const d = (n: MathNode): MathNode => differentiate(n, LAYER_VAR);
  const wrong = div(add(mul(d(p), q), mul(p, d(q))), pow(q, num(2)));
  const E = layers.map((m, j) => (j === k ? substituteTidy(wrong, { [LAYER_VAR]: l.inner }) : m.evaluated));
  return [{ mistake: 'sign-error', node: product(E), feedback: `Sign error in the quotient rule: (f/g)' = (f'g - fg')/g^2, with a minus sign, for ${toStr(l.fn)}.` }];
}

const MINUS_RULES = new Set(['cos', 'csc', 'cot', 'acos', 'sech']);

function hasMinusRule(l: LayerNodes): boolean {
  return (isFn(l.fn) && MINUS_RULES.has(fnName(l.fn))) || isNeg(l.derivative);
}

/** Activation family: the activation's own derivative σ'(z) left out of the product. */
export function activationCandidates(layers: readonly LayerNodes[]): Candidate[] {
  const E = layers.map((l) => l.evaluated);
  const k = layers.findIndex((l) => isFn(l.fn) && ACTIVATIONS.has(fnName(l.fn)));
  if (k < 0 || layers.length < 2) return [];
  const l = layers[k] as LayerNodes;
  return [{ mistake: 'activation-derivative-missing', node: product(E.filter((_, j) => j !== k)), feedback: `You left out the activation's derivative: ${toStr(l.fn)} contributes ${toStr(l.derivative)} at u = ${toStr(l.inner)}.` }];
}
