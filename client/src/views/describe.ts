/**
 * What each question view draws, in words: the text alternative of the diagram (WCAG 1.1.1), exposed as the
 * view's accessible name (stage.ts) and rebuilt on every update, so a screen-reader user hears the same chain,
 * tree, matrices, curve or network the class sees, and each reveal step as it lights up (docs/accessibility.md).
 * Pure functions of the data the views draw from (no DOM), tested in test/client/describe.test.ts.
 */
import type { Answer, BackpropTask, GradientFlowTask, ImplicitTask, JacobianTask, PublicQuestion, SubsTask, ExprTask } from '../../../shared/questions/types';
import { boxFunction } from '../../../shared/questions/calculus/box-function';
import type { ViewState } from './contract';
import type { BackpropGraph, Value } from './backprop-graph';

/** Programming notation read aloud more naturally: `2*x^2` → "2 x squared" ("times" only between numbers). */
export function spoken(expr: string): string {
  return expr
    .replace(/\s+/g, ' ')
    .replace(/\ba(sin|cos|tan)\b/g, 'arc$1')
    .replace(/(\d)\s*\*\s*(\d)/g, '$1 times $2')
    .replace(/\s*\*\s*/g, ' ')
    .replace(/\^2\b/g, ' squared')
    .replace(/\^3\b/g, ' cubed')
    .replace(/\^/g, ' to the power ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A number as the views print it: at most 4 significant digits. */
export function spokenNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return String(Number(v.toPrecision(4))).replace('-', 'minus ');
}

/** A scalar, vector or matrix value: "0.5", "(1, 2)", "2 by 2 matrix, rows (1, 2), (3, 4)". */
export function spokenValue(v: Value): string {
  if (typeof v === 'number') return spokenNumber(v);
  if (v.length > 0 && Array.isArray(v[0])) {
    const rows = v as number[][];
    return `${rows.length} by ${rows[0]?.length ?? 0} matrix, rows ${rows.map((r) => `(${r.map(spokenNumber).join(', ')})`).join(', ')}`;
  }
  return `(${(v as number[]).map(spokenNumber).join(', ')})`;
}

const ordinal = (n: number): string => `box ${n}`;

/** Chain families: boxes from the variable to y, innermost first, as the view draws them. */
export function describeChain(q: PublicQuestion, s: ViewState): string {
  const layers = q.layers ?? [];
  const variable = (q.task as ExprTask).var ?? 'x';
  const n = layers.length;
  // Wire order is outermost first; the drawing (and box numbers) run innermost first.
  const inner = [...layers.keys()].reverse();
  const fns = inner.map((li) => spoken(boxFunction(layers[li]!, variable).text));
  const parts = [`Diagram: a chain of ${n} ${n === 1 ? 'box' : 'boxes'} from ${variable} to y. ${variable} goes into ${fns.join(', then ')}, giving y.`];
  const boxNo = (li: number): number => n - li;
  if (s.activeLayer !== undefined && layers[s.activeLayer]) parts.push(`${capital(ordinal(boxNo(s.activeLayer)))}, ${fns[boxNo(s.activeLayer) - 1]}, is highlighted.`);
  const marks = inner.flatMap((li) => {
    const m = s.layerMarks?.[li];
    return m ? [`${ordinal(boxNo(li))}: ${spoken(m.expr)}, ${m.correct ? 'right' : 'wrong'}`] : [];
  });
  if (marks.length > 0) parts.push(`Your answers: ${marks.join('; ')}.`);
  const rev = s.revealed?.layers;
  if (rev) {
    // As the view writes them: the box that takes the variable itself shows its derivative in that variable.
    const deriv = (li: number): string => {
      const r = rev[li];
      return spoken((r?.inner.trim() === variable ? r.evaluated : r?.derivative) ?? '');
    };
    parts.push(`The derivative of each box is written under it: ${inner.map((li) => `${ordinal(boxNo(li))}: ${deriv(li)}`).join('; ')}.`);
    if (!s.noProduct) parts.push(`dy/d${variable} is their product, each evaluated at its input${s.revealed?.answer.expr ? `: ${spoken(s.revealed.answer.expr)}` : ''}.`);
  }
  return parts.join(' ');
}

/** Multivariable / partial: the dependency tree and its paths, the lit one at reveal. */
export function describeTree(q: PublicQuestion, s: ViewState): string {
  const t = q.task as SubsTask;
  const mids = q.paths?.map((p) => p.via) ?? Object.keys(t.subs);
  const parts = [`Diagram: a dependency tree. z = ${spoken(t.expr)} depends on ${list(mids)}; ${mids.map((v) => `${v} = ${spoken(t.subs[v] ?? '')}`).join(', ')}. ${mids.length} ${mids.length === 1 ? 'path runs' : 'paths run'} from z down to ${t.wrt}: ${mids.map((v, i) => `path ${i + 1} through ${v}`).join(', ')}.`];
  const paths = s.revealed?.paths;
  if (paths) {
    const lit = s.activePath !== undefined ? [s.activePath] : [...paths.keys()];
    for (const i of lit) {
      const p = paths[i];
      if (p) parts.push(`Path ${i + 1}, z to ${p.via} to ${t.wrt}${s.activePath !== undefined ? ', is lit' : ''}: ${spoken(p.outer)} times ${spoken(p.inner)} gives ${spoken(p.term)}.`);
    }
    if (s.activePath === undefined && s.revealed?.answer.expr) parts.push(`Their sum: ${spoken(s.revealed.answer.expr)}.`);
  }
  return parts.join(' ');
}

/** Jacobian: two blocks with their shapes, their product's shape, the answer matrix at reveal. */
export function describeJacobian(q: PublicQuestion, s: ViewState): string {
  const t = q.task as JacobianTask;
  const m = t.outer.length;
  const k = t.outerVars.length;
  const n = t.innerVars.length;
  const parts = [`Diagram: the Jacobian of f after g as a product of two blocks. J f at g of x, ${m} by ${k}, times J g of x, ${t.inner.length} by ${n}, gives J of f after g, ${m} by ${n}; the inner sizes, ${k}, must match.`];
  const a = s.revealed?.answer;
  if (a?.matrix && !s.noProduct) parts.push(`The answer: ${spokenAnswer(a)}.`);
  return parts.join(' ');
}

/** Implicit: the curve, the marked point, and at reveal the tangent's slope. */
export function describeImplicit(q: PublicQuestion, s: ViewState, point: { x: number; y: number } | null, slope: number): string {
  const t = q.task as ImplicitTask;
  const parts = [`Diagram: a plot of the curve ${spoken(t.equation)}${point ? `, with the point (${spokenNumber(point.x)}, ${spokenNumber(point.y)}) marked on it` : ''}.`];
  if (s.revealed) {
    if (point && Number.isFinite(slope)) parts.push(`The tangent at that point is drawn, slope ${spokenNumber(slope)}.`);
    const a = s.revealed.answer;
    const d = t.order === 2 ? 'd2y/dx2' : 'dy/dx';
    if (a.expr !== undefined) parts.push(`${d} = ${spoken(a.expr)}.`);
    else if (typeof a.value === 'number') parts.push(`${d} = ${spokenNumber(a.value)}.`);
  }
  return parts.join(' ');
}

/** Backprop: the network's layers, weights and loss, the quantity asked for, and the gradients as they fill in. */
export function describeNetwork(task: BackpropTask, graph: BackpropGraph, grads: ReadonlyArray<{ id: string; value: Value }>, asked: string | null): string {
  const value = (id: string): string => {
    const v = graph.nodes.find((nd) => nd.id === id)?.value;
    return v === null || v === undefined ? 'hidden until the reveal' : spokenValue(v);
  };
  const layers = task.layers.map((l, i) => `layer ${i + 1}: z${i + 1} = W${i + 1} times ${i === 0 ? 'x' : `a${i}`} plus b${i + 1}, W${i + 1} = ${spokenValue(l.W)}, b${i + 1} = ${spokenValue(l.b)}, then ${l.activation} gives a${i + 1} = ${value(`a${i + 1}`)}`);
  const parts = [
    `Diagram: the computation graph of a network with ${task.layers.length} ${task.layers.length === 1 ? 'layer' : 'layers'}, from x = ${spokenValue(task.x)} to the loss L.`,
    `${capital(layers.join('; '))}.`,
    `The ${task.loss === 'mse' ? 'mean squared error' : 'cross-entropy'} loss against y = ${spokenValue(task.y)} is L = ${value('L')}.`,
    `The question asks for ${task.target}${asked ? `, the gradient at ${asked}` : ''}.`,
  ];
  if (grads.length > 0) parts.push(`Gradients filled in from the loss backwards: ${grads.map((g) => `dL/d${g.id} = ${spokenValue(g.value)}`).join('; ')}.`);
  return parts.join(' ');
}

/** Gradient flow: the chain of layers and their factors, the product's value at reveal. */
export function describeGradientFlow(task: GradientFlowTask, depth: number, shared: { w?: number; z?: number }, s: ViewState): string {
  const factor = `${shared.w === undefined || shared.w === 1 ? '' : 'w times '}${task.activation}'s derivative at z k`;
  const givens = Object.entries(shared).map(([k, v]) => `${k} = ${spokenNumber(v)}`);
  const parts = [`Diagram: a chain of ${depth} ${depth === 1 ? 'layer' : 'layers'} from a0 to a${depth}; each multiplies the gradient by its local factor, ${factor}${givens.length ? `, with ${givens.join(' and ')}` : ''}.`];
  const v = s.revealed?.answer.value;
  if (v !== undefined) parts.push(`The product of the factors: ${spokenValue(v)}.`);
  return parts.join(' ');
}

/** A question's answer read aloud: an expression, a number, a vector or a matrix row by row. */
export function spokenAnswer(a: Answer): string {
  if (a.expr !== undefined) return spoken(a.expr);
  if (a.matrix) return a.matrix.map((r, i) => `row ${i + 1}: ${r.map((e) => (typeof e === 'number' ? spokenNumber(e) : spoken(e))).join(', ')}`).join('; ');
  return a.value === undefined ? '' : spokenValue(a.value);
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
