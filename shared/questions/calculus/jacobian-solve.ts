import type { Expr } from '../../math/ast';
import { substituteTidy, sym } from '../../math/algebra';
import { exprToTex, texSymbol } from '../../math/latex';
import { toText } from '../../math/text';
import type { MistakeCode } from '../../check/types';
import type { Difficulty, Distractor, JacobianTask, Question, Step } from '../types';
import { analyseJacobian, matMul, numMul, numbers, transpose, type JacobianAnalysis, type NodeMatrix } from './jacobian-analysis';
import { close, sameValues, valuesAt } from './numeric';

export { analyseJacobian, matMul, transpose, type JacobianAnalysis, type NodeMatrix } from './jacobian-analysis';

type Matrix = Array<Array<string | number>>;

interface Candidate {
  mistake: MistakeCode;
  matrix: Matrix;
  /** Values per entry, for telling matrices apart: one number at a point, else values at sample points. */
  vals: number[][];
  feedback: string;
}

const FEEDBACK = {
  order: 'You multiplied J_g · J_f: the chain rule puts the outer Jacobian first, J_f(g(x)) · J_g(x).',
  transposed: 'Your matrix is transposed: row i holds the derivatives of output i, column j the derivatives with respect to input j.',
  inner: 'You stopped at J_f(g(x)): multiply by the inner Jacobian J_g(x) on the right.',
};

function outerAtX(a: JacobianAnalysis): NodeMatrix | null {
  if (a.outerVars.length !== a.innerVars.length) return null;
  const rename = Object.fromEntries(a.outerVars.map((v, k) => [v, sym(a.innerVars[k] as string)]));
  return a.jf.map((row) => row.map((e) => substituteTidy(e, rename)));
}

const notAtG = (a: JacobianAnalysis): string => `J_f must be evaluated at g(${a.innerVars.join(', ')}): replace ${a.outerVars.join(', ')} by ${a.inner.map(toText).join(', ')}.`;

/** Jacobian slips as numbers at the point: J_g·J_f, the transpose, J_f not evaluated at g, J_g left out. */
function numericCandidates(a: JacobianAnalysis & { at: Record<string, number> }, num: NonNullable<JacobianAnalysis['num']>): Candidate[] {
  const wrap = (mistake: MistakeCode, m: number[][], feedback: string): Candidate => ({ mistake, matrix: m, vals: m.flat().map((x) => [x]), feedback });
  const out: Candidate[] = [];
  if (a.innerVars.length === a.outer.length) out.push(wrap('wrong-order', numMul(num.jg, num.jfAtG), FEEDBACK.order));
  out.push(wrap('wrong-order', transpose(num.j), FEEDBACK.transposed));
  const atX = outerAtX(a);
  if (atX) out.push(wrap('outer-not-evaluated-at-inner', numMul(numbers(atX, a.at), num.jg), notAtG(a)));
  out.push(wrap('forgot-inner-derivative', num.jfAtG, FEEDBACK.inner));
  return out;
}

/** The same slips as expression matrices, told apart by their values at sample points. */
function symbolicCandidates(a: JacobianAnalysis, j: NodeMatrix): Candidate[] {
  const pts = a.points.slice(0, 6);
  const wrap = (mistake: MistakeCode, m: NodeMatrix, feedback: string): Candidate => ({ mistake, matrix: m.map((row) => row.map(toText)), vals: m.flat().map((e) => valuesAt(e, pts)), feedback });
  const out: Candidate[] = [];
  if (a.innerVars.length === a.outer.length) out.push(wrap('wrong-order', matMul(a.jg, a.jfAtG), FEEDBACK.order));
  out.push(wrap('wrong-order', transpose(j), FEEDBACK.transposed));
  const atX = outerAtX(a);
  if (atX) out.push(wrap('outer-not-evaluated-at-inner', matMul(atX, a.jg), notAtG(a)));
  out.push(wrap('forgot-inner-derivative', a.jfAtG, FEEDBACK.inner));
  return out;
}

function sameCandidate(x: Candidate, y: Candidate, single: boolean): boolean {
  if (x.matrix.length !== y.matrix.length || x.matrix[0]?.length !== y.matrix[0]?.length) return false;
  return x.vals.every((vx, i) => (single ? close(vx[0] as number, y.vals[i]?.[0] as number) : sameValues(vx, y.vals[i] as number[])));
}

function distractors(a: JacobianAnalysis, answer: Candidate): Distractor[] {
  const cands = a.at && a.num ? numericCandidates({ ...a, at: a.at }, a.num) : symbolicCandidates(a, a.j as NodeMatrix);
  const kept: Candidate[] = [];
  for (const c of cands) {
    if (sameCandidate(c, answer, !!a.at) || kept.some((k) => sameCandidate(k, c, !!a.at))) continue;
    kept.push(c);
  }
  return kept.map((c) => ({ mistake: c.mistake, matrix: c.matrix, feedback: c.feedback }));
}

const fmt = (x: number): string => String(Number(x.toPrecision(6)));
const vec = (vars: string[]): string => vars.join(', ');
const texVec = (vars: string[]): string => vars.map(texSymbol).join(', ');
const matText = (m: Matrix | NodeMatrix): string => `[${m.map((row) => row.map((e) => (typeof e === 'number' ? fmt(e) : typeof e === 'string' ? e : toText(e))).join(', ')).join('; ')}]`;
const bmatrix = (m: Matrix | NodeMatrix): string =>
  `\\begin{bmatrix}${m.map((row) => row.map((e) => (typeof e === 'number' ? fmt(e) : typeof e === 'string' ? e : exprToTex(e))).join(' & ')).join(' \\\\ ')}\\end{bmatrix}`;

function steps(a: JacobianAnalysis): Step[] {
  const out: Step[] = [
    { prose: 'Outer Jacobian: each output of \\(f\\) differentiated by each of its inputs.', text: `Outer Jacobian J_f(${vec(a.outerVars)}) = ${matText(a.jf)}.`, latex: `J_f=${bmatrix(a.jf)}` },
    { prose: 'Inner Jacobian: each output of \\(g\\) differentiated by each of its inputs.', text: `Inner Jacobian J_g(${vec(a.innerVars)}) = ${matText(a.jg)}.`, latex: `J_g=${bmatrix(a.jg)}` },
    { prose: 'Put \\(g\\) into \\(J_f\\): its inputs become the inner functions.', text: `Evaluate J_f at g: ${a.outerVars.map((v, k) => `${v} = ${toText(a.inner[k] as Expr)}`).join(', ')}.`, latex: `J_f(g)=${bmatrix(a.jfAtG)}` },
  ];
  if (a.at && a.num) {
    const where = a.innerVars.map((v) => `${v} = ${a.at?.[v]}`).join(', ');
    const whereTex = a.innerVars.map((v) => `${texSymbol(v)}=${a.at?.[v]}`).join(',');
    out.push({ prose: 'Evaluate both Jacobians at the point.', text: `At ${where}: J_f(g) = ${matText(a.num.jfAtG)} and J_g = ${matText(a.num.jg)}.`, latex: `J_f(g)\\big|_{${whereTex}}=${bmatrix(a.num.jfAtG)},\\quad J_g\\big|_{${whereTex}}=${bmatrix(a.num.jg)}` });
    out.push({ prose: 'Multiply, outer first: \\(J_{f\\circ g} = J_f(g)\\,J_g\\).', text: `Multiply, outer first: J = J_f(g) · J_g = ${matText(a.num.j)}.`, latex: `J_{f\\circ g}=J_f(g)\\,J_g=${bmatrix(a.num.j)}` });
  } else if (a.j) {
    out.push({ prose: 'Multiply, outer first: \\(J_{f\\circ g} = J_f(g)\\,J_g\\).', text: `Multiply, outer first: J = J_f(g) · J_g = ${matText(a.j)}.`, latex: `J_{f\\circ g}=J_f(g)\\,J_g=${bmatrix(a.j)}` });
  }
  return out;
}

function prompt(a: JacobianAnalysis): { text: string; latex: string } {
  const f = `f(${vec(a.outerVars)}) = (${a.outer.map(toText).join(', ')})`;
  const g = `g(${vec(a.innerVars)}) = (${a.inner.map(toText).join(', ')})`;
  const point = a.at ? `(${a.innerVars.map((v) => a.at?.[v]).join(', ')})` : '';
  const col = (fs: Expr[]): string => `\\begin{pmatrix}${fs.map(exprToTex).join(' \\\\ ')}\\end{pmatrix}`;
  return {
    text: `Let ${f} and ${g}. Find the Jacobian of f∘g${a.at ? ` at (${vec(a.innerVars)}) = ${point}` : ''}, as J_f(g(x))·J_g(x).`,
    // Each definition is one group, so a narrow screen breaks between them, never after an "=".
    latex: `{f(${texVec(a.outerVars)})=${col(a.outer)}},\\allowbreak\\quad {g(${texVec(a.innerVars)})=${col(a.inner)}}.\\allowbreak\\quad {J_{f\\circ g}${a.at ? point.replace(/ /g, '') : `(${texVec(a.innerVars)})`}=\\,?}`,
  };
}

/** The answer matrix: numbers at full precision when the task gives a point, expression strings otherwise. */
function answerOf(a: JacobianAnalysis): Candidate {
  if (a.num) return { mistake: 'wrong-order', matrix: a.num.j, vals: a.num.j.flat().map((x) => [x]), feedback: '' };
  const j = a.j as NodeMatrix;
  const pts = a.points.slice(0, 6);
  return { mistake: 'wrong-order', matrix: j.map((row) => row.map(toText)), vals: j.flat().map((e) => valuesAt(e, pts)), feedback: '' };
}

/** The whole Jacobian question: answer matrix (strings, or numbers at a point), steps and distractors. */
export function solveJacobian(task: JacobianTask, meta: { difficulty: Difficulty; seed: number }): Question {
  const a = analyseJacobian(task);
  const answer = answerOf(a);
  return {
    id: `jacobian-${meta.difficulty}-${meta.seed}`,
    family: 'jacobian',
    difficulty: meta.difficulty,
    seed: meta.seed,
    prompt: prompt(a),
    task: {
      outer: a.outer.map(toText),
      outerVars: a.outerVars,
      inner: a.inner.map(toText),
      innerVars: a.innerVars,
      ...(a.at ? { at: a.at } : {}),
    },
    answer: { matrix: answer.matrix },
    steps: steps(a),
    distractors: distractors(a, answer),
  };
}
