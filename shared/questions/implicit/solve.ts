import type { MathNode } from 'mathjs';
import { TaskError } from '../family';
import type { Difficulty, Distractor, ImplicitTask, Question, Step } from '../types';
import { differentiate, toStr, toTex } from '../calculus/differentiate';
import { agreeAt, compileNode, type NumericFn } from '../calculus/numeric';
import { add, div, mul, neg, substituteNode, sym, tidy } from '../calculus/nodes';
import { fmtNum, texNum } from '../format/number';
import { partialsForgettingInner, readCurve, readPoint, samplePoints, type Curve } from './curve';

/**
 * Solver shared by the implicit (dy/dx) and implicit2 (d²y/dx²) families: y' = −F_x/F_y from differentiating
 * both sides, then y'' by differentiating y' again (y still a function of x) and substituting y'. The answer is
 * an expression in x and y, or a value when the task gives a point on the curve.
 */
const YP = "y'";
const P = sym(YP);

interface Derivation {
  curve: Curve;
  yp: MathNode;
  /** y'' before substituting y' (order 2 only). */
  raw2: MathNode | null;
  answer: MathNode;
}

function totalDerivative(n: MathNode): MathNode {
  return tidy(add(differentiate(n, 'x'), mul(differentiate(n, 'y'), P)));
}

function derive(curve: Curve, order: 1 | 2): Derivation {
  const yp = tidy(neg(div(curve.Fx, curve.Fy)));
  if (order === 1) return { curve, yp, raw2: null, answer: yp };
  const raw2 = totalDerivative(yp);
  return { curve, yp, raw2, answer: tidy(substituteNode(raw2, { [YP]: yp })) };
}

const isZero = (n: MathNode): boolean => n.type === 'ConstantNode' && (n as unknown as { value: number }).value === 0;

interface Candidate {
  mistake: Distractor['mistake'];
  node: MathNode;
  feedback: string;
}

function candidateMistakes(d: Derivation): Candidate[] {
  if (d.raw2) {
    return [
      { mistake: 'sign-error', node: tidy(neg(d.answer)), feedback: 'The sign is flipped: check the minus in y\' = −F_x/F_y and in the quotient rule.' },
      { mistake: 'forgot-inner-derivative', node: tidy(differentiate(d.yp, 'x')),
        feedback: `When you differentiate y' = ${toStr(d.yp)} again, y still depends on x: every y brings a factor y' (then substitute y').` },
    ];
  }
  const out: Candidate[] = [
    { mistake: 'sign-error', node: tidy(div(d.curve.Fx, d.curve.Fy)), feedback: 'The sign is off: moving the terms without y\' across the equals sign gives dy/dx = −F_x/F_y.' },
  ];
  if (!isZero(d.curve.Fx)) {
    out.unshift({ mistake: 'reciprocal', node: tidy(neg(div(d.curve.Fy, d.curve.Fx))), feedback: 'That is dx/dy, upside down: dy/dx = −F_x/F_y, with ∂F/∂y in the denominator.' });
  }
  const forgot = partialsForgettingInner(d.curve);
  if (!isZero(forgot.Fy)) {
    out.push({ mistake: 'forgot-inner-derivative', node: tidy(neg(div(forgot.Fx, forgot.Fy))),
      feedback: 'In a term that mixes x and y (like x·y or sin(x·y)), y is a function of x: the product or chain rule gives a y\' term too.' });
  }
  return out;
}

function differsOnCurve(curve: Curve, a: MathNode, b: MathNode): boolean {
  const pts = samplePoints(curve);
  if (pts.length < 2) return !agreeAt(a, b, [{ x: 0.31, y: 0.77 }, { x: -1.3, y: 0.52 }, { x: 1.7, y: -1.9 }]);
  const fa = compileNode(a);
  const fb = compileNode(b);
  return pts.some((p) => {
    const [va, vb] = [fa(p), fb(p)];
    return Number.isFinite(va) && Number.isFinite(vb) && Math.abs(va - vb) > 1e-6 * Math.max(1, Math.abs(va));
  });
}

/**
 * Everything about a question that does not depend on the point: the symbolic work (differentiation, printing,
 * on-curve sampling) costs ~1 ms, and generated questions reuse a limited set of equations, so it is memoised
 * by equation. Entries hold only strings and compiled functions, and every question gets fresh copies.
 */
interface Prepared {
  curve: Curve;
  eqTex: string;
  answerStr: string;
  answerFn: NumericFn;
  steps: Step[];
  candidates: Array<{ mistake: Distractor['mistake']; expr: string; fn: NumericFn; feedback: string; differs: boolean }>;
}

const CACHE = new Map<string, Prepared>();
const CACHE_MAX = 512;

function prepare(equation: unknown, order: 1 | 2): Prepared {
  const key = typeof equation === 'string' ? `${order}|${equation}` : null;
  const hit = key !== null ? CACHE.get(key) : undefined;
  if (hit) return hit;
  const curve = readCurve(equation);
  const d = derive(curve, order);
  const prepared: Prepared = {
    curve,
    eqTex: `${toTex(curve.left)} = ${toTex(curve.right)}`,
    answerStr: toStr(d.answer),
    answerFn: compileNode(d.answer),
    steps: [...firstOrderSteps(curve, d.yp), ...secondOrderSteps(d)],
    candidates: candidateMistakes(d).map((c) => ({
      mistake: c.mistake, expr: toStr(c.node), fn: compileNode(c.node), feedback: c.feedback, differs: differsOnCurve(curve, c.node, d.answer),
    })),
  };
  if (key !== null) {
    if (CACHE.size >= CACHE_MAX) CACHE.clear();
    CACHE.set(key, prepared);
  }
  return prepared;
}

function distractors(p: Prepared, point: { x: number; y: number } | null, value: number | null): Distractor[] {
  const out: Distractor[] = [];
  for (const c of p.candidates) {
    if (point && value !== null) {
      const v = c.fn(point);
      if (Number.isFinite(v) && Math.abs(v - value) > 1e-9 * Math.max(1, Math.abs(value))) out.push({ mistake: c.mistake, value: v, feedback: c.feedback });
    } else if (c.differs) {
      out.push({ mistake: c.mistake, expr: c.expr, feedback: c.feedback });
    }
  }
  return out;
}

function firstOrderSteps(c: Curve, yp: MathNode): Step[] {
  const [L, R] = [toTex(c.left), toTex(c.right)];
  const [dL, dR] = [totalDerivative(c.left), totalDerivative(c.right)];
  return [
    { text: `Differentiate both sides of ${c.equation} with respect to x, treating y as a function of x: each y-term gets a factor y' by the chain rule.`,
      latex: `\\frac{d}{dx}\\left(${L}\\right) = \\frac{d}{dx}\\left(${R}\\right)` },
    { text: `This gives ${toStr(dL)} = ${toStr(dR)}.`, latex: `${toTex(dL)} = ${toTex(dR)}` },
    { text: `Collect the y' terms on one side: y'·(${toStr(c.Fy)}) = ${toStr(tidy(neg(c.Fx)))}.`,
      latex: `y'\\left(${toTex(c.Fy)}\\right) = ${toTex(tidy(neg(c.Fx)))}` },
    { text: `Divide: dy/dx = −F_x/F_y = ${toStr(yp)}.`, latex: `\\frac{dy}{dx} = -\\frac{F_x}{F_y} = ${toTex(yp)}` },
  ];
}

function secondOrderSteps(d: Derivation): Step[] {
  if (!d.raw2) return [];
  return [
    { text: `Differentiate y' = ${toStr(d.yp)} again with respect to x. y is still a function of x, so each y brings a factor y': y'' = ${toStr(d.raw2)}.`,
      latex: `\\frac{d^2y}{dx^2} = \\frac{d}{dx}\\left(${toTex(d.yp)}\\right) = ${toTex(d.raw2)}` },
    { text: `Substitute y' = ${toStr(d.yp)}: y'' = ${toStr(d.answer)}.`, latex: `\\frac{d^2y}{dx^2} = ${toTex(d.answer)}` },
  ];
}

function promptFor(p: Prepared, order: 1 | 2, point: { x: number; y: number } | null): Question['prompt'] {
  const [what, whatTex] = order === 1 ? ['dy/dx', '\\frac{dy}{dx}'] : ['d²y/dx²', '\\frac{d^2y}{dx^2}'];
  const [c, eqTex] = [p.curve, p.eqTex];
  if (!point) return { text: `Find ${what} for the curve ${c.equation}, in terms of x and y.`, latex: `${whatTex} \\text{ for } ${eqTex}` };
  const [px, py] = [fmtNum(point.x, 12), fmtNum(point.y, 12)];
  return {
    text: `Find ${what} on the curve ${c.equation} at the point (${px}, ${py}).`,
    latex: `\\left.${whatTex}\\right|_{(${texNum(point.x, 12)},\\,${texNum(point.y, 12)})} \\text{ on } ${eqTex}`,
  };
}

export function solveImplicit(family: 'implicit' | 'implicit2', order: 1 | 2, raw: ImplicitTask, meta: { difficulty: Difficulty; seed: number }): Question {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new TaskError('The task must be a JSON object {equation, order, at?}.');
  if (raw.order !== undefined && raw.order !== order) {
    throw new TaskError(`The ${family} family asks for order ${order}; use ${order === 1 ? 'implicit2 for d²y/dx²' : 'implicit for dy/dx'}.`);
  }
  const p = prepare(raw.equation, order);
  const point = raw.at !== undefined ? readPoint(p.curve, raw.at) : null;
  const value = point ? p.answerFn(point) : null;
  if (value !== null && !Number.isFinite(value)) throw new TaskError('The derivative is undefined at that point.');
  const steps = p.steps.map((s) => ({ ...s }));
  if (point && value !== null) {
    const what = order === 1 ? ['dy/dx', '\\frac{dy}{dx}'] : ['d²y/dx²', '\\frac{d^2y}{dx^2}'];
    steps.push({ text: `At (${fmtNum(point.x, 12)}, ${fmtNum(point.y, 12)}): ${what[0]} = ${fmtNum(value)}.`, latex: `${what[1]} = ${texNum(value)}` });
  }
  const ds = distractors(p, point, value);
  return {
    id: `${family}-${meta.difficulty}-${meta.seed}`,
    family,
    difficulty: meta.difficulty,
    seed: meta.seed,
    prompt: promptFor(p, order, point),
    task: { equation: p.curve.equation, order, ...(point ? { at: point } : {}) },
    answer: value !== null ? { value } : { expr: p.answerStr },
    steps,
    ...(ds.length > 0 ? { distractors: ds } : {}),
  };
}
