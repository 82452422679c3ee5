import type { MathNode } from 'mathjs';
import { TaskError } from '../family';
import type { Difficulty, Distractor, JacobianTask, Question, Step } from '../types';
import type { MistakeCode } from '../../check/types';
import { differentiate } from './differentiate';
import { checkVarName, domainPoints, finitePoints, parseIn } from './expr-task';
import { addAll, mulAll, substituteNode, substituteTidy, sym } from './nodes';
import { close, compileNode, sameValues, valuesAt } from './numeric';
import { texNode, toStr } from './print';

export type NodeMatrix = MathNode[][];

export interface JacobianAnalysis {
  outer: MathNode[];
  inner: MathNode[];
  outerVars: string[];
  innerVars: string[];
  jf: NodeMatrix;
  jg: NodeMatrix;
  jfAtG: NodeMatrix;
  j: NodeMatrix;
  at?: Record<string, number>;
  points: Array<Record<string, number>>;
}

const MAX_DIM = 3;

function readVars(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_DIM) throw new TaskError(`${what} must list 1 to ${MAX_DIM} variable names.`);
  const names = v.map((n) => checkVarName(n, `A name in ${what}`));
  if (new Set(names).size !== names.length) throw new TaskError(`${what} has a repeated name.`);
  return names;
}

function readExprs(v: unknown, vars: string[], what: string, count?: number): MathNode[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_DIM) throw new TaskError(`${what} must list 1 to ${MAX_DIM} expressions.`);
  if (count !== undefined && v.length !== count) throw new TaskError(`${what} must have one expression per outer variable (${count}).`);
  return v.map((e, i) => parseIn(e, vars, `${what}[${i}]`));
}

function readAt(at: unknown, innerVars: string[]): Record<string, number> | undefined {
  if (at === undefined) return undefined;
  if (at === null || typeof at !== 'object' || Array.isArray(at)) throw new TaskError('at must map each inner variable to a number.');
  const out: Record<string, number> = {};
  for (const v of innerVars) {
    const x = (at as Record<string, unknown>)[v];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new TaskError(`at must give a number for ${v}.`);
    out[v] = x;
  }
  const extra = Object.keys(at).find((k) => !innerVars.includes(k));
  if (extra) throw new TaskError(`at names "${extra}", which is not an inner variable.`);
  return out;
}

const jacobianOf = (fs: MathNode[], vars: string[]): NodeMatrix => fs.map((f) => vars.map((v) => differentiate(f, v)));

/** Matrix product of trees, each entry a tidy sum of products. */
export function matMul(a: NodeMatrix, b: NodeMatrix): NodeMatrix {
  const cols = b[0]?.length ?? 0;
  return a.map((row) => Array.from({ length: cols }, (_, j) => addAll(row.map((x, k) => mulAll([x, b[k]?.[j] as MathNode])))));
}

export const transpose = (m: NodeMatrix): NodeMatrix => (m[0] ?? []).map((_, j) => m.map((row) => row[j] as MathNode));

// The generator analyses its draw to reject degenerate ones and solve() analyses the same task right
// after: one remembered analysis (keyed by the task's JSON, trees are never mutated) halves the work.
let last: { key: string; analysis: JacobianAnalysis } | null = null;

/** Reads and solves a Jacobian task: J_{f∘g}(x) = J_f(g(x)) · J_g(x). TaskError when unusable. */
export function analyseJacobian(task: JacobianTask): JacobianAnalysis {
  const key = JSON.stringify(task);
  if (last?.key === key) return last.analysis;
  const analysis = analyseUncached(task);
  last = { key, analysis };
  return analysis;
}

function analyseUncached(task: JacobianTask): JacobianAnalysis {
  if (task === null || typeof task !== 'object') throw new TaskError('The task must be an object {outer, outerVars, inner, innerVars, at?}.');
  const outerVars = readVars(task.outerVars, 'outerVars');
  const innerVars = readVars(task.innerVars, 'innerVars');
  const outer = readExprs(task.outer, outerVars, 'outer');
  const inner = readExprs(task.inner, innerVars, 'inner', outerVars.length);
  const at = readAt(task.at, innerVars);
  const map: Record<string, MathNode> = Object.fromEntries(outerVars.map((v, k) => [v, inner[k] as MathNode]));
  const jf = jacobianOf(outer, outerVars);
  const jg = jacobianOf(inner, innerVars);
  const jfAtG = jf.map((row) => row.map((e) => substituteTidy(e, map)));
  const j = matMul(jfAtG, jg);
  const points = at ? [at] : domainPoints(j.flat(), innerVars);
  if (points.length === 0 || (at && !definedAt(outer, map, j, at))) {
    throw new TaskError(at ? 'The Jacobian is not defined at the given point.' : 'The Jacobian is not defined at any point we tried.');
  }
  return { outer, inner, outerVars, innerVars, jf, jg, jfAtG, j, ...(at ? { at } : {}), points };
}

/** f∘g itself and every entry of J are real at the point (log(u) at u = -1 has a derivative but no value). */
function definedAt(outer: MathNode[], map: Record<string, MathNode>, j: NodeMatrix, at: Record<string, number>): boolean {
  const composed = outer.map((f) => substituteNode(f, map));
  return finitePoints([...composed, ...j.flat()], [at]).length === 1;
}

function numbers(m: NodeMatrix, at: Record<string, number>): number[][] {
  return m.map((row) => row.map((e) => {
    const v = compileNode(e)(at);
    return Object.is(v, -0) ? 0 : v;
  }));
}

/** A matrix's values at the comparison points, entry by entry, computed once per matrix. */
interface Signature {
  rows: number;
  cols: number;
  vals: number[][];
}

function signature(m: NodeMatrix, points: ReadonlyArray<Record<string, number>>): Signature {
  return { rows: m.length, cols: m[0]?.length ?? 0, vals: m.flat().map((e) => valuesAt(e, points)) };
}

/** Same shape and every entry equal: at the single point `at`, or wherever the first is defined. */
function sameSignature(a: Signature, b: Signature, single: boolean): boolean {
  if (a.rows !== b.rows || a.cols !== b.cols) return false;
  return a.vals.every((va, i) => {
    const vb = b.vals[i] as number[];
    return single ? close(va[0] as number, vb[0] as number) : sameValues(va, vb);
  });
}

/** Entries as the answer format wants them: expression strings, or numbers when `at` is given. */
export function matrixOut(m: NodeMatrix, at?: Record<string, number>): Array<Array<string | number>> {
  return at ? numbers(m, at) : m.map((row) => row.map(toStr));
}

/** Jacobian slips: the product in the wrong order or transposed, J_f not evaluated at g, J_g left out. */
function jacobianCandidates(a: JacobianAnalysis): Array<{ mistake: MistakeCode; m: NodeMatrix; feedback: string }> {
  const out: Array<{ mistake: MistakeCode; m: NodeMatrix; feedback: string }> = [];
  const square = a.innerVars.length === a.outer.length;
  if (square) out.push({ mistake: 'wrong-order', m: matMul(a.jg, a.jfAtG), feedback: 'You multiplied J_g · J_f: the chain rule puts the outer Jacobian first, J_f(g(x)) · J_g(x).' });
  out.push({ mistake: 'wrong-order', m: transpose(a.j), feedback: 'Your matrix is transposed: row i holds the derivatives of output i, column j the derivatives with respect to input j.' });
  if (a.outerVars.length === a.innerVars.length) {
    const rename = Object.fromEntries(a.outerVars.map((v, k) => [v, sym(a.innerVars[k] as string)]));
    const jfAtX = a.jf.map((row) => row.map((e) => substituteTidy(e, rename)));
    out.push({ mistake: 'outer-not-evaluated-at-inner', m: matMul(jfAtX, a.jg), feedback: `J_f must be evaluated at g(${a.innerVars.join(', ')}): replace ${a.outerVars.join(', ')} by ${a.inner.map(toStr).join(', ')}.` });
  }
  out.push({ mistake: 'forgot-inner-derivative', m: a.jfAtG, feedback: 'You stopped at J_f(g(x)): multiply by the inner Jacobian J_g(x) on the right.' });
  return out;
}

function distractors(a: JacobianAnalysis): Distractor[] {
  const pts = a.at ? [a.at] : a.points.slice(0, 6);
  const answer = signature(a.j, pts);
  const kept: Array<{ mistake: MistakeCode; m: NodeMatrix; feedback: string; sig: Signature }> = [];
  for (const c of jacobianCandidates(a)) {
    const sig = signature(c.m, pts);
    if (sameSignature(sig, answer, !!a.at) || kept.some((k) => sameSignature(k.sig, sig, !!a.at))) continue;
    kept.push({ ...c, sig });
  }
  return kept.map((c) => ({ mistake: c.mistake, matrix: matrixOut(c.m, a.at), feedback: c.feedback }));
}

const bmatrix = (m: Array<Array<string | number>> | NodeMatrix): string =>
  `\\begin{bmatrix}${m.map((row) => row.map((e) => (typeof e === 'object' ? texNode(e) : typeof e === 'number' ? fmt(e) : e)).join(' & ')).join(' \\\\ ')}\\end{bmatrix}`;

const fmt = (x: number): string => String(Number(x.toPrecision(6)));
const vec = (vars: string[]): string => vars.join(', ');
const matText = (m: Array<Array<string | number>>): string => `[${m.map((row) => row.map((e) => (typeof e === 'number' ? fmt(e) : e)).join(', ')).join('; ')}]`;

function steps(a: JacobianAnalysis): Step[] {
  const out: Step[] = [
    { text: `Outer Jacobian J_f(${vec(a.outerVars)}) = ${matText(matrixOut(a.jf))}.`, latex: `J_f=${bmatrix(a.jf)}` },
    { text: `Inner Jacobian J_g(${vec(a.innerVars)}) = ${matText(matrixOut(a.jg))}.`, latex: `J_g=${bmatrix(a.jg)}` },
    { text: `Evaluate J_f at g: ${a.outerVars.map((v, k) => `${v} = ${toStr(a.inner[k] as MathNode)}`).join(', ')}.`, latex: `J_f(g)=${bmatrix(a.jfAtG)}` },
    { text: `Multiply, outer first: J = J_f(g) · J_g = ${matText(matrixOut(a.j))}.`, latex: `J_{f\\circ g}=J_f(g)\\,J_g=${bmatrix(a.j)}` },
  ];
  if (a.at) {
    const where = a.innerVars.map((v) => `${v} = ${a.at?.[v]}`).join(', ');
    out.push({ text: `At ${where}: ${matText(matrixOut(a.j, a.at))}.`, latex: `J_{f\\circ g}\\big|_{${a.innerVars.map((v) => `${v}=${a.at?.[v]}`).join(',')}}=${bmatrix(matrixOut(a.j, a.at))}` });
  }
  return out;
}

function prompt(a: JacobianAnalysis): { text: string; latex: string } {
  const f = `f(${vec(a.outerVars)}) = (${a.outer.map(toStr).join(', ')})`;
  const g = `g(${vec(a.innerVars)}) = (${a.inner.map(toStr).join(', ')})`;
  const where = a.at ? ` at (${vec(a.innerVars)}) = (${a.innerVars.map((v) => a.at?.[v]).join(', ')})` : '';
  const col = (fs: MathNode[]): string => `\\begin{pmatrix}${fs.map(texNode).join(' \\\\ ')}\\end{pmatrix}`;
  const atTex = a.at ? `(${a.innerVars.map((v) => a.at?.[v]).join(',')})` : `(${vec(a.innerVars)})`;
  return {
    text: `Let ${f} and ${g}. Find the Jacobian of f∘g${where}, as J_f(g(x))·J_g(x).`,
    latex: `f(${vec(a.outerVars)})=${col(a.outer)},\\quad g(${vec(a.innerVars)})=${col(a.inner)}.\\quad J_{f\\circ g}${atTex}=\\,?`,
  };
}

/** The whole Jacobian question: answer matrix (strings, or numbers at a point), steps and distractors. */
export function solveJacobian(task: JacobianTask, meta: { difficulty: Difficulty; seed: number }): Question {
  const a = analyseJacobian(task);
  return {
    id: `jacobian-${meta.difficulty}-${meta.seed}`,
    family: 'jacobian',
    difficulty: meta.difficulty,
    seed: meta.seed,
    prompt: prompt(a),
    task: {
      outer: a.outer.map(toStr),
      outerVars: a.outerVars,
      inner: a.inner.map(toStr),
      innerVars: a.innerVars,
      ...(a.at ? { at: a.at } : {}),
    },
    answer: { matrix: matrixOut(a.j, a.at) },
    steps: steps(a),
    distractors: distractors(a),
  };
}
