import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../../shared/check/index';
import { FAMILIES, answerVars, generateQuestion, type Difficulty, type Family, type Question } from '../../../shared/questions/index';
import type { AnswerInput } from '../../../shared/check/types';
import { compileExpr } from '../../../shared/questions/calculus/numeric';
import { parseExpr } from '../../../shared/questions/calculus/parse';
import { SAMPLE_VALUES } from '../../../shared/questions/calculus/expr-task';
import { composesInverse, saturates } from '../../../shared/questions/calculus/draw-sanity';

/**
 * Sweeps generated questions the way a class meets them: every family, difficulty and many seeds. Each
 * question must be judgeable: its answer accepted, a 0.1 % (expressions) or 1 % (numbers) perturbation and
 * the negated answer rejected, and every distractor distinct, judged wrong and named by its own mistake code.
 */
const DIFFICULTIES: Difficulty[] = [1, 2, 3, 4, 5];
const SEEDS = 60;

type Matrix = Array<Array<string | number>>;
type Value = number | number[] | number[][];

function mapValue(v: Value, f: (x: number) => number): Value {
  if (typeof v === 'number') return f(v);
  return (v as Array<number | number[]>).map((r) => (Array.isArray(r) ? r.map(f) : f(r))) as Value;
}

function flatValue(v: Value): number[] {
  return typeof v === 'number' ? [v] : (v as Array<number | number[]>).flat();
}

const mapMatrix = (m: Matrix, f: (e: string | number) => string | number): Matrix => m.map((r) => r.map(f));

/** The answer as a player would type it, scaled (numbers) or wrapped (expressions). */
function variants(q: Question): { right: AnswerInput; scaled: AnswerInput; negated: AnswerInput } {
  const a = q.answer;
  if (a.matrix !== undefined) {
    return {
      right: mapMatrix(a.matrix, (e) => e),
      scaled: mapMatrix(a.matrix, (e) => (typeof e === 'number' ? e * 1.01 : `1.001*(${e})`)),
      negated: mapMatrix(a.matrix, (e) => (typeof e === 'number' ? -e : `-(${e})`)),
    };
  }
  if (a.value !== undefined) {
    return {
      right: a.value,
      scaled: mapValue(a.value, (x) => x * 1.01),
      negated: mapValue(a.value, (x) => -x),
    };
  }
  const e = a.expr as string;
  return { right: e, scaled: `1.001*(${e})`, negated: `-(${e})` };
}

/** Values of an expression answer at generic points of its variables (implicit answers: off the curve too). */
function sampleExpr(q: Question, expr: string): number[] {
  const f = compileExpr(parseExpr(expr));
  const vars = answerVars(q);
  return SAMPLE_VALUES.map((v, i) => {
    const scope: Record<string, number> = {};
    vars.forEach((name, k) => {
      scope[name] = k === 0 ? v : (SAMPLE_VALUES[(i + 5 * k) % SAMPLE_VALUES.length] as number);
    });
    return f(scope);
  });
}

/** Problems of one question, as readable strings (empty when it is fine). */
function problems(q: Question): string[] {
  const out: string[] = [];
  const v = variants(q);
  if (!checkAnswer(q, v.right).correct) out.push('answer not accepted');
  if (checkAnswer(q, v.scaled).correct) out.push('perturbed answer accepted');
  if (checkAnswer(q, v.negated).correct) out.push('negated answer accepted');
  if (q.answer.value !== undefined && flatValue(q.answer.value).every((x) => x === 0)) out.push('answer is all zero');
  if (q.answer.expr !== undefined) {
    const ys = sampleExpr(q, q.answer.expr).filter(Number.isFinite);
    if (ys.length < 3) out.push(`answer finite at ${ys.length} sample points`);
    if (ys.every((y) => Math.abs(y) < 1e-8)) out.push('answer ~0 everywhere');
  }
  out.push(...compositionProblems(q));
  out.push(...distractorProblems(q));
  return out;
}

/** Single-variable tasks: no f(f⁻¹(u)) link and no activation fed a large argument. */
function compositionProblems(q: Question): string[] {
  const t = q.task as { expr?: unknown; var?: unknown };
  if (typeof t.expr !== 'string' || typeof t.var !== 'string') return [];
  const tree = parseExpr(t.expr);
  const points = SAMPLE_VALUES.map((v) => ({ [t.var as string]: v }));
  return [
    ...(composesInverse(tree) ? ['composes a function with its inverse'] : []),
    ...(saturates(tree, points) ? ['saturates an activation'] : []),
  ];
}

function distractorInput(d: NonNullable<Question['distractors']>[number]): AnswerInput {
  return (d.matrix ?? d.value ?? d.expr) as AnswerInput;
}

/** The question with a distractor as its answer, to ask the checker whether two distractors are the same. */
function withAnswer(q: Question, d: NonNullable<Question['distractors']>[number]): Question {
  const answer = d.matrix !== undefined ? { matrix: d.matrix } : d.value !== undefined ? { value: d.value } : { expr: d.expr as string };
  return { ...q, answer, distractors: [] };
}

function distractorProblems(q: Question): string[] {
  const out: string[] = [];
  const ds = q.distractors ?? [];
  ds.forEach((d, i) => {
    const verdict = checkAnswer(q, distractorInput(d));
    if (verdict.correct) out.push(`distractor ${i} (${d.mistake}) judged correct`);
    else if (verdict.mistake !== d.mistake) out.push(`distractor ${i} (${d.mistake}) reported as ${String(verdict.mistake)}`);
    for (let j = 0; j < i; j++) {
      if (checkAnswer(withAnswer(q, ds[j] as typeof d), distractorInput(d)).correct) out.push(`distractors ${j} and ${i} are equal`);
    }
  });
  return out;
}

function sweep(family: Family): { count: number; failures: string[] } {
  const failures: string[] = [];
  let count = 0;
  for (const d of DIFFICULTIES) {
    for (let seed = 0; seed < SEEDS; seed++) {
      const q = generateQuestion(family, d, seed);
      count++;
      const found = problems(q);
      if (found.length > 0) failures.push(`${family}/${d}/${seed} ${JSON.stringify(q.task)}: ${found.join('; ')}`);
    }
  }
  return { count, failures };
}

describe('generated question quality', () => {
  for (const family of FAMILIES) {
    it(`keeps every ${family} answer distinguishable and every distractor named when swept over seeds`, () => {
      const { count, failures } = sweep(family);
      expect(count).toBe(DIFFICULTIES.length * SEEDS);
      expect(failures.slice(0, 15), `${failures.length} of ${count} questions fail`).toEqual([]);
    });
  }
});

describe('generated question quality, reported cases', () => {
  it('keeps tanh/sigmoid arguments small when the family is nested at difficulty 4, seed 204', () => {
    const q = generateQuestion('nested', 4, 204);
    expect(compositionProblems(q)).toEqual([]);
    expect(checkAnswer(q, `1.001*(${q.answer.expr as string})`).correct).toBe(false);
  });

  it('asks for a non-zero second derivative when the family is higher-order at difficulty 4, seed 223', () => {
    const q = generateQuestion('higher-order', 4, 223);
    expect(sampleExpr(q, q.answer.expr as string).some((y) => Math.abs(y) > 1e-8)).toBe(true);
  });

  it('keeps the distractors distinct when the family is implicit2 at difficulty 5, seed 5', () => {
    const q = generateQuestion('implicit2', 5, 5);
    expect(distractorProblems(q)).toEqual([]);
  });

  it('never composes a function with its inverse when the family is nested at difficulty 5, seed 7', () => {
    const q = generateQuestion('nested', 5, 7);
    expect(composesInverse(parseExpr((q.task as { expr: string }).expr))).toBe(false);
  });

  it('flags asin(sin(x)), log(exp(x)) and sqrt(4*x^2) as inverse compositions when checked directly', () => {
    for (const e of ['sin(cos(asin(sin(x))^2))', 'log(exp(x))', 'sqrt(4*x^2)', 'exp(log(x^2 + 1))']) {
      expect(composesInverse(parseExpr(e)), e).toBe(true);
    }
    expect(composesInverse(parseExpr('sin(cos(x^2))'))).toBe(false);
  });
});
