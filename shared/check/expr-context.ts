import type { Expr } from '../math/ast';
import type { Judge, Sampled } from '../math/equivalence';
import { answerVars } from '../questions/public';
import type { Question } from '../questions/types';
import { buildCandidates } from './candidates';
import { judgeFor, type JudgeKey } from './judges';
import type { MistakeCode } from './types';

export interface Candidate {
  mistake: MistakeCode;
  feedback: string;
  sampled: Sampled;
}

/** Everything about an expression question that does not depend on the player: built once per question. */
export interface ExprContext {
  expectedText: string;
  vars: string[];
  key: JudgeKey;
  judge: Judge | null;
  error: string | null;
  /** Wrong-answer candidates sampled at the judge's points; built on the first wrong answer only. */
  candidates: () => Candidate[];
}

const contexts = new WeakMap<Question, ExprContext>();

/** The cached context of a question object (the server checks every player against the same object). */
export function exprContext(q: Question): ExprContext {
  let ctx = contexts.get(q);
  if (!ctx) {
    ctx = buildContext(q);
    contexts.set(q, ctx);
  }
  return ctx;
}

function buildContext(q: Question): ExprContext {
  const vars = answerVars(q);
  const key = keyFor(q, vars);
  const expectedText = key.expected;
  const result = judgeFor(key);
  if (!result.ok) return { expectedText, vars, key, judge: null, error: result.error, candidates: () => [] };
  const { judge, expr } = result;
  let built: Candidate[] | null = null;
  const candidates = (): Candidate[] => {
    built ??= sampleCandidates(q, judge, expr, vars);
    return built;
  };
  return { expectedText, vars, key, judge, error: null, candidates };
}

function sampleCandidates(q: Question, judge: Judge, expected: Expr, vars: string[]): Candidate[] {
  return buildCandidates(q, expected, vars).map((c) => ({
    mistake: c.mistake,
    feedback: c.feedback,
    sampled: judge.sampleExpr(c.expr),
  }));
}

/** Where a family's expression answers live: the plain variable, parameters with substitutions, or a curve. */
function keyFor(q: Question, vars: string[]): JudgeKey {
  const t = q.task as unknown as Record<string, unknown>;
  const expected = String(q.answer.expr ?? '');
  switch (q.family) {
    case 'multivariable':
    case 'partial':
      return { expected, params: vars, subs: t.subs as Record<string, string> };
    case 'implicit':
    case 'implicit2':
      return { expected, params: vars, curve: String(t.equation) };
    default:
      return { expected, params: vars };
  }
}
