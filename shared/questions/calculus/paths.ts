import type { Expr } from '../../math/ast';
import { addAll, dependsOn, isNeg, mulAll, neg, substituteNode, substituteTidy, symbolsOf } from '../../math/algebra';
import { exprToTex, texSymbol } from '../../math/latex';
import { toText } from '../../math/text';
import { TaskError } from '../family';
import type { Difficulty, Question, Step, SubsTask } from '../types';
import type { Candidate } from './distractors';
import { keepDistinct } from './distractors';
import { differentiate } from './differentiate';
import { checkVarName, domainPoints, parseIn } from './expr-task';

/** One path z → via → wrt as trees. */
export interface PathNodes {
  via: string;
  outer: Expr;
  inner: Expr;
  term: Expr;
}

/** A multivariable / partial task read and differentiated path by path. */
export interface SubsAnalysis {
  z: Expr;
  subs: Array<[string, Expr]>;
  params: string[];
  wrt: string;
  paths: PathNodes[];
  answer: Expr;
  points: Array<Record<string, number>>;
}

const MAX_INTERMEDIATES = 4;

/** Reads `{expr, subs, wrt}` written by anyone; TaskError with a message for a person when it is unusable. */
export function readSubsTask(task: SubsTask): { z: Expr; subs: Array<[string, Expr]>; params: string[]; wrt: string } {
  if (task === null || typeof task !== 'object') throw new TaskError('The task must be an object {expr, subs, wrt}.');
  const raw = task.subs as unknown;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new TaskError('subs must map each intermediate variable to its expression, e.g. {"x": "cos(t)"}.');
  const names = Object.keys(raw).map((k) => checkVarName(k, 'An intermediate variable'));
  if (names.length === 0 || names.length > MAX_INTERMEDIATES) throw new TaskError(`Give between 1 and ${MAX_INTERMEDIATES} intermediate variables.`);
  const wrt = checkVarName(task.wrt, 'wrt');
  const subs: Array<[string, Expr]> = names.map((k) => [k, parseIn((raw as Record<string, unknown>)[k], symbolsIn(raw, k), `${k}`)]);
  const params = [...new Set(subs.flatMap(([, n]) => symbolsOf(n)))];
  const clash = names.find((k) => params.includes(k));
  if (clash) throw new TaskError(`"${clash}" is both an intermediate variable and a parameter.`);
  if (!params.includes(wrt)) throw new TaskError(`None of ${names.join(', ')} depends on ${wrt}.`);
  const z = parseIn(task.expr, names, 'z');
  if (!names.some((k) => dependsOn(z, k))) throw new TaskError(`z does not depend on ${names.join(', ')}.`);
  return { z, subs, params, wrt };
}

/** A sub may use any symbol that is not an intermediate name: those are its parameters. */
function symbolsIn(raw: object, self: string): string[] {
  const expr = (raw as Record<string, unknown>)[self];
  if (typeof expr !== 'string') throw new TaskError(`subs.${self} must be an expression string.`);
  const names = Object.keys(raw);
  const found = expr.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [];
  return found.filter((s) => !names.includes(s));
}

/** dz/d(wrt) = Σ ∂z/∂x_k · dx_k/d(wrt): one path per intermediate variable, in the order of `subs`. */
export function analyseSubs(task: SubsTask): SubsAnalysis {
  const { z, subs, params, wrt } = readSubsTask(task);
  const map: Record<string, Expr> = Object.fromEntries(subs);
  const paths = subs.map(([via, sub]): PathNodes => {
    const outer = differentiate(z, via);
    const inner = differentiate(sub, wrt);
    return { via, outer, inner, term: mulAll([inner, substituteTidy(outer, map)]) };
  });
  const answer = addAll(paths.map((p) => p.term));
  const points = domainPoints([substituteNode(z, map), answer], params);
  if (points.length === 0) throw new TaskError('z is not defined (as a real number) at any point we tried.');
  return { z, subs, params, wrt, paths, answer, points };
}

/** The whole multivariable / partial question: paths, answer in the parameters, steps, distractors. */
export function solveSubs(family: 'multivariable' | 'partial', task: SubsTask, meta: { difficulty: Difficulty; seed: number }): Question {
  const a = analyseSubs(task);
  return {
    id: `${family}-${meta.difficulty}-${meta.seed}`,
    family,
    difficulty: meta.difficulty,
    seed: meta.seed,
    prompt: subsPrompt(a, family === 'partial'),
    task: { expr: toText(a.z), subs: Object.fromEntries(a.subs.map(([k, n]) => [k, toText(n)])), wrt: a.wrt },
    answer: { expr: toText(a.answer) },
    paths: a.paths.map((p) => ({ via: p.via, outer: toText(p.outer), inner: toText(p.inner), term: toText(p.term) })),
    steps: pathSteps(a, family === 'partial'),
    distractors: keepDistinct(a.answer, pathCandidates(a, family === 'partial'), a.points),
  };
}

function derivTex(top: string, bottom: string, partial: boolean): string {
  [top, bottom] = [texSymbol(top), texSymbol(bottom)];
  return partial ? `\\frac{\\partial ${top}}{\\partial ${bottom}}` : `\\frac{d${top}}{d${bottom}}`;
}

function subsPrompt(a: SubsAnalysis, partial: boolean): { text: string; latex: string } {
  const defs = a.subs.map(([k, n]) => `${k} = ${toText(n)}`).join(', ');
  // Each definition is one group: a narrow screen breaks between definitions, never after an "=".
  const defsTex = a.subs.map(([k, n]) => `{${texSymbol(k)}=${exprToTex(n)}}`).join(',\\allowbreak\\; ');
  const ask = partial ? `∂z/∂${a.wrt}` : `dz/d${a.wrt}`;
  return {
    text: `Let z = ${toText(a.z)} where ${defs}. Find ${ask}.`,
    latex: `{z=${exprToTex(a.z)}},\\allowbreak\\quad ${defsTex}.\\allowbreak\\quad {${derivTex('z', a.wrt, partial)}=\\,?}`,
  };
}

function pathSteps(a: SubsAnalysis, partial: boolean): Step[] {
  const steps: Step[] = a.paths.map((p, k) => ({
    path: k,
    prose: `Path ${k + 1}, through \\(${texSymbol(p.via)}\\): how \\(z\\) changes with \\(${texSymbol(p.via)}\\), times how \\(${texSymbol(p.via)}\\) changes with \\(${texSymbol(a.wrt)}\\).`,
    text: `Path through ${p.via}: ∂z/∂${p.via} = ${toText(p.outer)} and ${partial ? '∂' : 'd'}${p.via}/${partial ? '∂' : 'd'}${a.wrt} = ${toText(p.inner)}, so this path gives ${toText(p.term)}.`,
    latex: `\\frac{\\partial z}{\\partial ${texSymbol(p.via)}}\\,${derivTex(p.via, a.wrt, partial)}=\\left(${exprToTex(p.outer)}\\right)\\left(${exprToTex(p.inner)}\\right)=${exprToTex(p.term)}`,
  }));
  const sum = a.paths.map((p) => `\\frac{\\partial z}{\\partial ${texSymbol(p.via)}}${derivTex(p.via, a.wrt, partial)}`).join('+');
  steps.push({ prose: `Add the ${a.paths.length} paths: the multivariable chain rule.`, text: `Add the ${a.paths.length} paths (multivariable chain rule), with ${a.subs.map(([k]) => k).join(', ')} written in ${a.params.join(', ')}.`, latex: `${derivTex('z', a.wrt, partial)}=${sum}` });
  steps.push({ prose: `Tidy up, with ${a.subs.map(([k]) => `\\(${texSymbol(k)}\\)`).join(', ')} written in ${a.params.map((k) => `\\(${texSymbol(k)}\\)`).join(', ')}.`, text: `Tidy up: ${toText(a.answer)}.`, latex: `${derivTex('z', a.wrt, partial)}=${exprToTex(a.answer)}` });
  return steps;
}

/** Path slips: one path left out, the inner derivatives forgotten, a sign lost on a path. */
function pathCandidates(a: SubsAnalysis, partial: boolean): Candidate[] {
  const d = partial ? '∂' : 'd';
  const map: Record<string, Expr> = Object.fromEntries(a.subs);
  const out: Candidate[] = a.paths.map((p) => ({
    mistake: 'missing-path' as const,
    node: addAll(a.paths.filter((q) => q !== p).map((q) => q.term)),
    feedback: `You left out the path through ${p.via}: ∂z/∂${p.via} · ${d}${p.via}/${d}${a.wrt} = ${toText(p.term)}.`,
  }));
  out.push({
    mistake: 'forgot-inner-derivative',
    node: addAll(a.paths.map((p) => substituteTidy(p.outer, map))),
    feedback: `Each path needs its inner derivative: multiply ∂z/∂${a.paths[0]?.via ?? 'x'} by ${d}${a.paths[0]?.via ?? 'x'}/${d}${a.wrt} = ${toText(a.paths[0]?.inner ?? a.answer)}, and so on.`,
  });
  const k = a.paths.findIndex((p) => isNeg(p.inner));
  const flipped = a.paths[k];
  if (flipped) {
    out.push({
      mistake: 'sign-error',
      node: addAll(a.paths.map((p, j) => (j === k ? neg(p.term) : p.term))),
      feedback: `Sign error on the path through ${flipped.via}: ${d}${flipped.via}/${d}${a.wrt} = ${toText(flipped.inner)}.`,
    });
  }
  return out;
}
