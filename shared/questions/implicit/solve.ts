import type { Expr } from '../../math/ast';
import { add, div, mul, neg, substituteNode, sym, tidy } from '../../math/algebra';
import { toText } from '../../math/text';
import { TaskError } from '../family';
import type { Difficulty, Distractor, ImplicitTask, Question, Step } from '../types';
import { differentiate, toTex } from '../calculus/differentiate';
import { agreeAt, compileExpr, type NumericFn } from '../calculus/numeric';
import { fmtNum, texNum } from '../format/number';
import { exactValueAt, numbersAgree } from '../../math/numeric';
import { buildCurve, isZeroNode, partialsForgettingInner, readPoint, readSides, splitConstant, type Curve, type Sides } from './curve';

/**
 * Solver shared by the implicit (dy/dx) and implicit2 (d²y/dx²) families: y' = −F_x/F_y from differentiating
 * both sides, then y'' by differentiating y' again (y still a function of x) and substituting y'. The answer is
 * an expression in x and y, or a value when the task gives a point on the curve.
 */
const YP = "y'";
const P = sym(YP);

interface Derivation {
  curve: Curve;
  yp: Expr;
  /** y'' before substituting y' (order 2 only). */
  raw2: Expr | null;
  answer: Expr;
}

function totalDerivative(n: Expr): Expr {
  return tidy(add(differentiate(n, 'x'), mul(differentiate(n, 'y'), P)));
}

function derive(curve: Curve, order: 1 | 2): Derivation {
  const yp = tidy(neg(div(curve.Fx, curve.Fy)));
  if (order === 1) return { curve, yp, raw2: null, answer: yp };
  const raw2 = totalDerivative(yp);
  return { curve, yp, raw2, answer: tidy(substituteNode(raw2, { [YP]: yp })) };
}

interface Candidate {
  mistake: Distractor['mistake'];
  node: Expr;
  feedback: string;
}

function candidateMistakes(d: Derivation): Candidate[] {
  if (d.raw2) {
    return [
      { mistake: 'sign-error', node: tidy(neg(d.answer)), feedback: 'The sign is flipped: check the minus in y\' = −F_x/F_y and in the quotient rule.' },
      { mistake: 'forgot-inner-derivative', node: tidy(differentiate(d.yp, 'x')),
        feedback: `When you differentiate y' = ${toText(d.yp)} again, y still depends on x: every y brings a factor y' (then substitute y').` },
    ];
  }
  const out: Candidate[] = [
    { mistake: 'sign-error', node: tidy(div(d.curve.Fx, d.curve.Fy)), feedback: 'The sign is off: moving the terms without y\' across the equals sign gives dy/dx = −F_x/F_y.' },
  ];
  if (!isZeroNode(d.curve.Fx)) {
    out.unshift({ mistake: 'reciprocal', node: tidy(neg(div(d.curve.Fy, d.curve.Fx))), feedback: 'That is dx/dy, upside down: dy/dx = −F_x/F_y, with ∂F/∂y in the denominator.' });
  }
  const forgot = partialsForgettingInner(d.curve);
  if (!isZeroNode(forgot.Fy)) {
    out.push({ mistake: 'forgot-inner-derivative', node: tidy(neg(div(forgot.Fx, forgot.Fy))),
      feedback: 'In a term that mixes x and y (like x·y or sin(x·y)), y is a function of x: the product or chain rule gives a y\' term too.' });
  }
  return out;
}

/** Points well inside the usual domains (xy > 0, x² + y² > 0) where wrong and right answers are compared. */
const PROBES = [{ x: 0.7, y: 1.3 }, { x: 1.9, y: 0.45 }, { x: 0.35, y: 2.2 }, { x: -1.1, y: -0.6 }, { x: 2.6, y: 1.7 }];

/**
 * A distractor is kept when it differs from the answer as a function of x and y; it depends only on the
 * constant-free curve, so the cached decision is the same for every constant.
 */
function differs(a: Expr, b: Expr): boolean {
  return !agreeAt(a, b, PROBES);
}

/**
 * Everything about a question that depends on neither the point nor the curve's additive constants: the
 * symbolic work (differentiating, printing) costs about a millisecond, and generated questions reuse a few
 * dozen curve shapes, so it is memoised by shape. Entries are never mutated; every question gets fresh copies.
 */
interface Prepared {
  curve: Curve;
  answerStr: string;
  answerFn: NumericFn;
  steps: Step[];
  candidates: Array<{ mistake: Distractor['mistake']; expr: string; fn: NumericFn; feedback: string; differs: boolean }>;
}

const CACHE = new Map<string, Prepared>();
const CACHE_MAX = 512;

function prepare(leftRest: Expr, rightRest: Expr, order: 1 | 2): Prepared {
  const key = `${order}|${toText(leftRest)}=${toText(rightRest)}`;
  const hit = CACHE.get(key);
  if (hit) return hit;
  const curve = buildCurve(leftRest, rightRest);
  const d = derive(curve, order);
  const prepared: Prepared = {
    curve,
    answerStr: toText(d.answer),
    answerFn: compileExpr(d.answer),
    steps: [...firstOrderSteps(curve, d.yp), ...secondOrderSteps(d)],
    candidates: candidateMistakes(d).map((c) => ({
      mistake: c.mistake, expr: toText(c.node), fn: compileExpr(c.node), feedback: c.feedback, differs: differs(c.node, d.answer),
    })),
  };
  if (CACHE.size >= CACHE_MAX) CACHE.clear();
  CACHE.set(key, prepared);
  return prepared;
}

export interface PreparedEquation {
  sides: Sides;
  texL: string;
  texR: string;
  p: Prepared;
  consts: { cL: number; cR: number };
}

/** Parsing and printing the equation itself is memoised too, by its exact text: same text, same result. */
const EQUATIONS = new Map<string, PreparedEquation>();

/** The equation read, its constants split off, and the prepared derivation for its shape. */
export function prepareEquation(equation: unknown, order: 1 | 2): PreparedEquation {
  const key = typeof equation === 'string' ? `${order}|${equation}` : '';
  const hit = EQUATIONS.get(key);
  if (hit) return hit;
  const sides = readSides(equation);
  const l = splitConstant(sides.left);
  const r = splitConstant(sides.right);
  const out = { sides, texL: toTex(sides.left), texR: toTex(sides.right), p: prepare(l.rest, r.rest, order), consts: { cL: l.c, cR: r.c } };
  if (EQUATIONS.size >= CACHE_MAX * 4) EQUATIONS.clear();
  EQUATIONS.set(key, out);
  return out;
}

/**
 * The candidates that differ from the answer, each also differing from every one kept before it (two
 * mistakes can give the same wrong answer, e.g. a sign flip and a forgotten y' term at a point where y' = 1):
 * the checker names the first match, so a later duplicate could never be reported and is dropped.
 */
function distractors(p: Prepared, point: { x: number; y: number } | null, value: number | null): Distractor[] {
  const out: Distractor[] = [];
  const kept: NumericFn[] = [];
  for (const c of p.candidates) {
    if (point && value !== null) {
      const v = c.fn(point);
      const seen = [value, ...out.map((d) => d.value as number)];
      if (Number.isFinite(v) && seen.every((s) => !numbersAgree(v, s) && !numbersAgree(s, v))) out.push({ mistake: c.mistake, value: v, feedback: c.feedback });
    } else if (c.differs && kept.every((k) => !sameAtProbes(k, c.fn))) {
      kept.push(c.fn);
      out.push({ mistake: c.mistake, expr: c.expr, feedback: c.feedback });
    }
  }
  return out;
}

function sameAtProbes(a: NumericFn, b: NumericFn): boolean {
  return PROBES.every((pt) => {
    const [u, v] = [a(pt), b(pt)];
    return (!Number.isFinite(u) && !Number.isFinite(v)) || Math.abs(u - v) <= 1e-9 * Math.max(1, Math.abs(u), Math.abs(v));
  });
}

/** The first step names the equation itself, constants included, so it is built for each question. */
function openingStep(sides: Sides, texL: string, texR: string): Step {
  return {
    prose: "Differentiate both sides with respect to \\(x\\). \\(y\\) is a function of \\(x\\), so each \\(y\\)-term gets a factor \\(y'\\) by the chain rule.",
    text: `Differentiate both sides of ${sides.equation} with respect to x, treating y as a function of x: each y-term gets a factor y' by the chain rule.`,
    latex: `\\frac{d}{dx}\\left(${texL}\\right) = \\frac{d}{dx}\\left(${texR}\\right)`,
  };
}

function firstOrderSteps(c: Curve, yp: Expr): Step[] {
  const [dL, dR] = [totalDerivative(c.leftRest), totalDerivative(c.rightRest)];
  return [
    { prose: 'This gives:', text: `This gives ${toText(dL)} = ${toText(dR)}.`, latex: `${toTex(dL)} = ${toTex(dR)}` },
    { prose: "Collect the \\(y'\\) terms on one side.", text: `Collect the y' terms on one side: y'·(${toText(c.Fy)}) = ${toText(tidy(neg(c.Fx)))}.`,
      latex: `y'\\left(${toTex(c.Fy)}\\right) = ${toTex(tidy(neg(c.Fx)))}` },
    { prose: "Divide to get \\(y'\\).", text: `Divide: dy/dx = −F_x/F_y = ${toText(yp)}.`, latex: `\\frac{dy}{dx} = -\\frac{F_x}{F_y} = ${toTex(yp)}` },
  ];
}

function secondOrderSteps(d: Derivation): Step[] {
  if (!d.raw2) return [];
  return [
    { prose: "Differentiate \\(y'\\) again with respect to \\(x\\); each \\(y\\) still brings a factor \\(y'\\).", text: `Differentiate y' = ${toText(d.yp)} again with respect to x. y is still a function of x, so each y brings a factor y': y'' = ${toText(d.raw2)}.`,
      latex: `\\frac{d^2y}{dx^2} = \\frac{d}{dx}\\left(${toTex(d.yp)}\\right) = ${toTex(d.raw2)}` },
    { prose: "Substitute \\(y'\\) from the first derivative.", text: `Substitute y' = ${toText(d.yp)}: y'' = ${toText(d.answer)}.`, latex: `\\frac{d^2y}{dx^2} = ${toTex(d.answer)}` },
  ];
}

function promptFor(sides: Sides, eqTex: string, order: 1 | 2, point: { x: number; y: number } | null): Question['prompt'] {
  const [what, whatTex] = order === 1 ? ['dy/dx', '\\frac{dy}{dx}'] : ['d²y/dx²', '\\frac{d^2y}{dx^2}'];
  if (!point) return { text: `Find ${what} for the curve ${sides.equation}, in terms of x and y.`, latex: `${whatTex} \\text{ for } ${eqTex}` };
  const [px, py] = [fmtNum(point.x, 12), fmtNum(point.y, 12)];
  return {
    text: `Find ${what} on the curve ${sides.equation} at the point (${px}, ${py}).`,
    latex: `\\left.${whatTex}\\right|_{(${texNum(point.x, 12)},\\,${texNum(point.y, 12)})} \\text{ on } ${eqTex}`,
  };
}

export function solveImplicit(family: 'implicit' | 'implicit2', order: 1 | 2, raw: ImplicitTask, meta: { difficulty: Difficulty; seed: number }): Question {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new TaskError('The task must be a JSON object {equation, order, at?}.');
  if (raw.order !== undefined && raw.order !== order) {
    throw new TaskError(`The ${family} family asks for order ${order}; use ${order === 1 ? 'implicit2 for d²y/dx²' : 'implicit for dy/dx'}.`);
  }
  const { sides, texL, texR, p, consts } = prepareEquation(raw.equation, order);
  const point = raw.at !== undefined ? readPoint(p.curve, consts, raw.at) : null;
  const value = point ? exactValueAt(p.answerStr, point, p.answerFn(point)) : null;
  if (value !== null && !Number.isFinite(value)) throw new TaskError('The derivative is undefined at that point.');
  const steps = [openingStep(sides, texL, texR), ...p.steps.map((s) => ({ ...s }))];
  if (point && value !== null) {
    const what = order === 1 ? ['dy/dx', '\\frac{dy}{dx}'] : ['d²y/dx²', '\\frac{d^2y}{dx^2}'];
    steps.push({ prose: `At the point \\((${texNum(point.x, 12)},\\,${texNum(point.y, 12)})\\):`, text: `At (${fmtNum(point.x, 12)}, ${fmtNum(point.y, 12)}): ${what[0]} = ${fmtNum(value)}.`, latex: `${what[1]} = ${texNum(value)}` });
  }
  const ds = distractors(p, point, value);
  return {
    id: `${family}-${meta.difficulty}-${meta.seed}`,
    family,
    difficulty: meta.difficulty,
    seed: meta.seed,
    prompt: promptFor(sides, `${texL} = ${texR}`, order, point),
    task: { equation: sides.equation, order, ...(point ? { at: point } : {}) },
    answer: value !== null ? { value } : { expr: p.answerStr },
    steps,
    ...(ds.length > 0 ? { distractors: ds } : {}),
  };
}
