/**
 * An independent second opinion on every question the server generates or a teacher types (docs/expressions.md):
 * mathjs (server/math/mathjs.ts) works the question out again its own way and the result is compared numerically
 * with the question's answer. For the calculus families that is mathjs's own symbolic `derivative` of the same
 * function (the whole composition at once, not the chain-rule product the question shows); for backprop the
 * network run again as a mathjs program and its gradient taken by central differences; for gradient flow mathjs's
 * derivative of one layer. Both sides are evaluated by mathjs, so only the mathematics differs.
 *
 * `disagree` means the question's answer is wrong somewhere (the caller logs it and regenerates or refuses the
 * question); `unchecked` means mathjs could not judge it (a function its derivative does not know, too few points
 * where both are defined): the question stands, as it did before this check existed.
 */
import type { MathNode } from 'mathjs';
import { parseTarget, targetValue, type Target } from '../../shared/questions/backprop/target';
import type { BackpropTask, GradientFlowTask, ImplicitTask, JacobianTask, Question, SubsTask } from '../../shared/questions/types';
import { parseExpr } from '../../shared/questions/calculus/parse';
import { symbolsOf } from '../../shared/math/algebra';
import { toText } from '../../shared/math/text';
import { math, realFunction as evaluator, toMathjsNode, valueAt } from './mathjs';

export type CrossCheck = { verdict: 'agree' } | { verdict: 'disagree' | 'unchecked'; reason: string };

type Scope = Record<string, number>;

/** Values a variable takes at the compared points: small, both signs, a few scales, never a kink at 0 or ±1. */
const VALUES = [0.37, 0.81, 1.23, -0.52, 1.61, -1.13, 0.46, 2.14, -0.27, 0.93, 1.37, -1.71, 3.1, -2.7, 4.4, -4.2, 6.3, -6.9, 12.3, -13.7];
/** Agreement to this relative precision (the question's answer and mathjs's rounding differ far below it). */
const REL = 1e-6;
/** Fewer comparable points than this decide nothing. */
const MIN_POINTS = 3;

const derivative = (node: MathNode, v: string): MathNode => math.derivative(node, v, { simplify: false });

export function crossCheck(q: Question): CrossCheck {
  try {
    switch (q.family) {
      case 'chain':
      case 'nested':
      case 'activation':
      case 'higher-order':
        return checkChain(q);
      case 'multivariable':
      case 'partial':
        return checkSubs(q);
      case 'jacobian':
        return checkJacobian(q);
      case 'implicit':
      case 'implicit2':
        return checkImplicit(q);
      case 'backprop':
        return checkBackprop(q);
      case 'gradient-flow':
        return checkFlow(q);
    }
  } catch (err) {
    // mathjs's derivative knows most, not all, functions (step, sign): then the question stands unchecked.
    return { verdict: 'unchecked', reason: `mathjs could not work it out: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Our text as mathjs reads it: through our parser and printer first, so implicit products are explicit. */
function node(text: string, vars?: readonly string[]): MathNode {
  return toMathjsNode(toText(parseExpr(text, vars)));
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= REL * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Compares two functions at points: a disagreement at two points or more, and at a quarter of them, is one. */
function compareAt(ours: (p: Scope) => number, theirs: (p: Scope) => number, points: readonly Scope[], what: string): CrossCheck {
  let compared = 0;
  const differ: string[] = [];
  for (const p of points) {
    const a = ours(p);
    const b = theirs(p);
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    compared++;
    if (!close(a, b)) differ.push(`${JSON.stringify(p)}: ${a} vs mathjs ${b}`);
  }
  if (compared < MIN_POINTS) return { verdict: 'unchecked', reason: `${what}: only ${compared} points where both are defined` };
  if (differ.length >= 2 && differ.length * 4 >= compared) return { verdict: 'disagree', reason: `${what} differs from mathjs at ${differ.length} of ${compared} points, e.g. ${differ[0]}` };
  return { verdict: 'agree' };
}

function points(vars: readonly string[]): Scope[] {
  return VALUES.map((_, i) => Object.fromEntries(vars.map((v, k) => [v, VALUES[(i + 7 * k) % VALUES.length] as number])));
}

function checkChain(q: Question): CrossCheck {
  const task = q.task as { expr: string; var: string; order?: number };
  let d = derivative(node(task.expr, [task.var]), task.var);
  if (q.family === 'higher-order' || task.order === 2) d = derivative(d, task.var);
  return compareAt(evaluator(node(q.answer.expr ?? '', [task.var])), evaluator(d), points([task.var]), 'the derivative');
}

/** mathjs tree with variables replaced by trees (the substitutions of a multivariable task, g into f). */
function substituted(n: MathNode, map: ReadonlyMap<string, MathNode>): MathNode {
  return n.transform((m) => {
    const name = m.type === 'SymbolNode' ? (m as unknown as { name: string }).name : '';
    const by = map.get(name);
    return by ? new math.ParenthesisNode(by) : m;
  });
}

function checkSubs(q: Question): CrossCheck {
  const task = q.task as SubsTask;
  const names = Object.keys(task.subs);
  const map = new Map(names.map((k) => [k, node(task.subs[k] ?? '')]));
  const params = [...new Set(names.flatMap((k) => symbolsOf(parseExpr(task.subs[k] ?? ''))))];
  const z = substituted(node(task.expr, names), map);
  return compareAt(evaluator(node(q.answer.expr ?? '', params)), evaluator(derivative(z, task.wrt)), points(params), `d${'z'}/d${task.wrt}`);
}

function checkJacobian(q: Question): CrossCheck {
  const task = q.task as JacobianTask;
  const map = new Map(task.outerVars.map((v, k) => [v, node(task.inner[k] ?? '', task.innerVars)]));
  const composed = task.outer.map((f) => substituted(node(f, task.outerVars), map));
  const matrix = q.answer.matrix ?? [];
  const pts = task.at ? [task.at] : points(task.innerVars);
  for (const [i, f] of composed.entries()) {
    for (const [j, v] of task.innerVars.entries()) {
      const theirs = evaluator(derivative(f, v));
      const cell = matrix[i]?.[j];
      if (cell === undefined) return { verdict: 'disagree', reason: `the answer has no entry (${i + 1}, ${j + 1})` };
      const ours = typeof cell === 'number' ? () => cell : evaluator(node(cell, [...task.innerVars, ...task.outerVars]));
      const r = task.at
        ? agreeAtPoint(ours(task.at), theirs(task.at), `J[${i + 1}][${j + 1}]`)
        : compareAt(ours, theirs, pts, `J[${i + 1}][${j + 1}]`);
      if (r.verdict !== 'agree') return r;
    }
  }
  return { verdict: 'agree' };
}

function agreeAtPoint(ours: number, theirs: number, what: string): CrossCheck {
  if (!Number.isFinite(theirs)) return { verdict: 'unchecked', reason: `${what}: mathjs finds no value at the point` };
  return close(ours, theirs) ? { verdict: 'agree' } : { verdict: 'disagree', reason: `${what} is ${ours}, mathjs finds ${theirs}` };
}

function checkImplicit(q: Question): CrossCheck {
  const task = q.task as ImplicitTask;
  const [left, right] = task.equation.split('=');
  const F = new math.OperatorNode('-', 'subtract', [node(left ?? '', ['x', 'y']), new math.ParenthesisNode(node(right ?? '', ['x', 'y']))]);
  // y' = -F_x/F_y; y'' = d/dx y' + d/dy y' · y' (y a function of x), both as functions of x and y.
  let d: MathNode = new math.OperatorNode('-', 'unaryMinus', [
    new math.OperatorNode('/', 'divide', [new math.ParenthesisNode(derivative(F, 'x')), new math.ParenthesisNode(derivative(F, 'y'))]),
  ]);
  if (task.order === 2) {
    const yp = new math.ParenthesisNode(d);
    d = new math.OperatorNode('+', 'add', [derivative(d, 'x'), new math.OperatorNode('*', 'multiply', [new math.ParenthesisNode(derivative(d, 'y')), yp])]);
  }
  const theirs = evaluator(d);
  if (typeof q.answer.value === 'number' && task.at) return agreeAtPoint(q.answer.value, theirs(task.at), task.order === 2 ? "y''" : "y'");
  return compareAt(evaluator(node(q.answer.expr ?? '', ['x', 'y'])), theirs, points(['x', 'y']), task.order === 2 ? "y''" : "y'");
}

const ACTIVATION: Readonly<Record<string, (z: string) => string>> = {
  sigmoid: (z) => `1 / (1 + exp(-${z}))`,
  tanh: (z) => `tanh(${z})`,
  relu: (z) => `(${z} + abs(${z})) / 2`,
  linear: (z) => z,
};

/**
 * The network as a mathjs program: every z and a is a statement, each with an offset (dz…, da…) that is 0 unless a
 * gradient with respect to it is being measured. L is the loss.
 */
function networkProgram(task: BackpropTask): string {
  const lines: string[] = [];
  let prev = task.x.map((_, j) => `x_${j + 1}`);
  task.layers.forEach((layer, k) => {
    const l = k + 1;
    const zs = layer.W.map((row, r) => {
      const terms = row.map((_, c) => `W${l}_${r + 1}_${c + 1} * ${prev[c]}`);
      lines.push(`z${l}_${r + 1} = ${terms.join(' + ')} + b${l}_${r + 1} + dz${l}_${r + 1}`);
      return `z${l}_${r + 1}`;
    });
    const as = zs.map((z, r) => {
      const act = layer.activation === 'softmax'
        ? `exp(${z}) / (${zs.map((s) => `exp(${s})`).join(' + ')})`
        : (ACTIVATION[layer.activation] ?? ((s: string) => s))(z);
      lines.push(`a${l}_${r + 1} = ${act} + da${l}_${r + 1}`);
      return `a${l}_${r + 1}`;
    });
    prev = as;
  });
  const y = task.y.map((_, j) => `y_${j + 1}`);
  const last = task.layers[task.layers.length - 1];
  if (task.loss === 'mse') lines.push(`L = 0.5 * (${prev.map((a, j) => `(${a} - ${y[j]})^2`).join(' + ')})`);
  else if (last?.activation === 'softmax') lines.push(`L = -(${prev.map((a, j) => `${y[j]} * log(${a})`).join(' + ')})`);
  else lines.push(`L = -(y_1 * log(${prev[0]}) + (1 - y_1) * log(1 - ${prev[0]}))`);
  return lines.join('; ');
}

function networkScope(task: BackpropTask): Scope {
  const s: Scope = {};
  task.x.forEach((v, j) => (s[`x_${j + 1}`] = v));
  task.y.forEach((v, j) => (s[`y_${j + 1}`] = v));
  task.layers.forEach((layer, k) => {
    layer.W.forEach((row, r) => row.forEach((w, c) => (s[`W${k + 1}_${r + 1}_${c + 1}`] = w)));
    layer.b.forEach((b, r) => {
      s[`b${k + 1}_${r + 1}`] = b;
      s[`dz${k + 1}_${r + 1}`] = 0;
      s[`da${k + 1}_${r + 1}`] = 0;
    });
  });
  return s;
}

/** The symbol a target's entry is measured by: a parameter, or a z/a offset (dL/dx: an input). */
function symbolOf(t: Target, r: number, c: number): string {
  switch (t.quantity) {
    case 'dW':
      return `W${t.layer}_${r}_${c}`;
    case 'db':
      return `b${t.layer}_${r}`;
    case 'dz':
      return `dz${t.layer}_${r}`;
    case 'da':
      return t.layer === 0 ? `x_${r}` : `da${t.layer}_${r}`;
    default:
      return `${t.quantity}${t.layer}_${r}`;
  }
}

function checkBackprop(q: Question): CrossCheck {
  const task = q.task as BackpropTask;
  const sizes = [task.x.length, ...task.layers.map((l) => l.b.length)];
  const t = parseTarget(task.target, sizes);
  const code = math.compile(networkProgram(task));
  const base = networkScope(task);
  const run = (change: Scope = {}): Scope => {
    const scope = new Map(Object.entries({ ...base, ...change }));
    code.evaluate(scope);
    return Object.fromEntries(scope);
  };
  const values = run();
  // Central differences cannot see through a ReLU kink: a pre-activation this close to 0 leaves it unchecked.
  const kink = task.layers.some((l, k) => l.activation === 'relu' && l.b.some((_, r) => Math.abs(values[`z${k + 1}_${r + 1}`] ?? 1) < 1e-4));
  if (kink && t.quantity.startsWith('d')) return { verdict: 'unchecked', reason: 'a ReLU pre-activation is at its kink' };
  const rows = t.quantity === 'loss' ? 1 : sizes[t.quantity === 'da' ? t.layer : t.layer] ?? 1;
  const cols = t.quantity === 'dW' ? sizes[t.layer - 1] ?? 1 : 1;
  const entry = (r: number, c: number): number => {
    if (t.quantity === 'loss') return values.L ?? NaN;
    if (t.quantity === 'z' || t.quantity === 'a') return values[`${t.quantity}${t.layer}_${r}`] ?? NaN;
    const sym = symbolOf(t, r, c);
    const at = base[sym] ?? 0;
    const h = 1e-6 * Math.max(1, Math.abs(at));
    return ((run({ [sym]: at + h }).L ?? NaN) - (run({ [sym]: at - h }).L ?? NaN)) / (2 * h);
  };
  const full = t.quantity === 'loss' ? entry(1, 1)
    : t.quantity === 'dW' ? Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => entry(r + 1, c + 1)))
      : Array.from({ length: rows }, (_, r) => entry(r + 1, 1));
  const theirs = [targetValue(t, full)].flat(2);
  const ours = [q.answer.value ?? NaN].flat(2);
  if (theirs.length !== ours.length) return { verdict: 'disagree', reason: `${t.name} has ${ours.length} entries, mathjs finds ${theirs.length}` };
  // Central differences carry an error of about 1e-9 relative: compared to 1e-5.
  for (const [i, v] of ours.entries()) {
    const w = theirs[i] as number;
    if (!Number.isFinite(w)) return { verdict: 'unchecked', reason: `mathjs finds no value for ${t.name}` };
    if (Math.abs(v - w) > 1e-5 * Math.max(1e-3, Math.abs(v), Math.abs(w))) return { verdict: 'disagree', reason: `${t.name}: ${v} vs mathjs ${w}` };
  }
  return { verdict: 'agree' };
}

/** Where an activation's slope is largest: what a question without z asks about. */
const STEEPEST: Readonly<Record<string, number>> = { sigmoid: 0, tanh: 0, relu: 1, linear: 1 };

function checkFlow(q: Question): CrossCheck {
  const task = q.task as GradientFlowTask;
  const act = ACTIVATION[task.activation];
  if (!act || typeof q.answer.value !== 'number') return { verdict: 'unchecked', reason: `no reference for ${task.activation}` };
  const w = typeof task.w === 'number' ? task.w : 1;
  const z = typeof task.z === 'number' ? task.z : (STEEPEST[task.activation] ?? 0);
  // One layer a_k = f(w a_{k-1} + b): ∂a_k/∂a_{k-1} at the point where w a + b = z, then one factor per layer.
  const slope = valueAt(derivative(toMathjsNode(act('(w * a + b)')), 'a'), { w, a: 0, b: z });
  return agreeAtPoint(q.answer.value, slope ** task.depth, '∂a_n/∂a_0');
}
