import type { Expr } from '../../math/ast';
import { addAll, mulAll, substituteNode, substituteTidy } from '../../math/algebra';
import { TaskError } from '../family';
import type { JacobianTask } from '../types';
import { differentiate } from './differentiate';
import { checkVarName, domainPoints, finitePoints, parseIn } from './expr-task';
import { compileExpr } from './numeric';

/** A matrix of expression trees, row i = output i, column j = input j. */
export type NodeMatrix = Expr[][];

/** J_f(g)·J_g at the task's point, evaluated first and multiplied as numbers (how a person does it). */
export interface NumericJacobian {
  jfAtG: number[][];
  jg: number[][];
  j: number[][];
}

/** A Jacobian task read and differentiated: J_f, J_g, J_f at g, and the product (symbolic or at the point). */
export interface JacobianAnalysis {
  outer: Expr[];
  inner: Expr[];
  outerVars: string[];
  innerVars: string[];
  jf: NodeMatrix;
  jg: NodeMatrix;
  jfAtG: NodeMatrix;
  /** The symbolic product: only without a point (with one, `num` holds the numbers). */
  j?: NodeMatrix;
  at?: Record<string, number>;
  num?: NumericJacobian;
  /** Points where every entry is real (the given point, or sample points). */
  points: Array<Record<string, number>>;
}

const MAX_DIM = 3;

function readVars(v: unknown, what: string): string[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_DIM) throw new TaskError(`${what} must list 1 to ${MAX_DIM} variable names.`);
  const names = v.map((n) => checkVarName(n, `A name in ${what}`));
  if (new Set(names).size !== names.length) throw new TaskError(`${what} has a repeated name.`);
  return names;
}

function readExprs(v: unknown, vars: string[], what: string, count?: number): Expr[] {
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

const jacobianOf = (fs: Expr[], vars: string[]): NodeMatrix => fs.map((f) => vars.map((v) => differentiate(f, v)));

/** Matrix product of trees, each entry a tidy sum of products. */
export function matMul(a: NodeMatrix, b: NodeMatrix): NodeMatrix {
  const cols = b[0]?.length ?? 0;
  return a.map((row) => Array.from({ length: cols }, (_, j) => addAll(row.map((x, k) => mulAll([x, b[k]?.[j] as Expr])))));
}

/** Matrix product of numbers. */
export function numMul(a: number[][], b: number[][]): number[][] {
  const cols = b[0]?.length ?? 0;
  return a.map((row) => Array.from({ length: cols }, (_, j) => row.reduce((s, x, k) => s + x * (b[k]?.[j] as number), 0)));
}

/** Rows become columns. */
export function transpose<T>(m: T[][]): T[][] {
  return (m[0] ?? []).map((_, j) => m.map((row) => row[j] as T));
}

/** Entries' values at a point; -0 written as 0 so JSON stays clean. */
export function numbers(m: NodeMatrix, at: Record<string, number>): number[][] {
  return m.map((row) => row.map((e) => {
    const v = compileExpr(e)(at);
    return Object.is(v, -0) ? 0 : v;
  }));
}

const allFinite = (m: number[][]): boolean => m.every((row) => row.every(Number.isFinite));

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
  const map: Record<string, Expr> = Object.fromEntries(outerVars.map((v, k) => [v, inner[k] as Expr]));
  const jf = jacobianOf(outer, outerVars);
  const jg = jacobianOf(inner, innerVars);
  const jfAtG = jf.map((row) => row.map((e) => substituteTidy(e, map)));
  const base = { outer, inner, outerVars, innerVars, jf, jg, jfAtG };
  if (at) {
    const num = { jfAtG: numbers(jfAtG, at), jg: numbers(jg, at), j: [] as number[][] };
    num.j = numMul(num.jfAtG, num.jg);
    const composed = outer.map((f) => substituteNode(f, map));
    if (finitePoints(composed, [at]).length === 0 || !allFinite(num.j) || !allFinite(num.jfAtG) || !allFinite(num.jg)) {
      throw new TaskError('The Jacobian is not defined at the given point.');
    }
    return { ...base, at, num, points: [at] };
  }
  const j = matMul(jfAtG, jg);
  const points = domainPoints(j.flat(), innerVars);
  if (points.length === 0) throw new TaskError('The Jacobian is not defined at any point we tried.');
  return { ...base, j, points };
}
