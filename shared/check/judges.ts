import type { Expr } from '../math/ast';
import { STORED_EXPR_LIMITS } from '../limits';
import { Judge } from '../math/equivalence';
import { parseAnswer, type ParseResult } from '../math/safe-parse';
import type { SpaceSpec } from '../math/space';
import { LruCache, hashString } from './cache';

/**
 * Limits for expected answers and wrong-answer candidates: they come from our solvers or a teacher's task,
 * can be longer than a typed answer (second derivatives), and still go through the safe parser.
 */
export const EXPECTED_LIMITS = STORED_EXPR_LIMITS;

/** What a comparison is about: an expected expression and where it lives. */
export interface JudgeKey {
  expected: string;
  /** Variables drawn at random (the solved curve variable included). */
  params: readonly string[];
  /** Intermediate variables defined from the params, e.g. {x: "cos(t)"}. */
  subs?: Readonly<Record<string, string>> | undefined;
  /** "F = G": compare on this curve only. */
  curve?: string | undefined;
}

export type JudgeResult = { ok: true; judge: Judge; expr: Expr } | { ok: false; error: string };

const judges = new LruCache<string, JudgeResult>(512);

/** Forgets every cached judge: for benchmarks measuring a cold check, never needed in the game. */
export function clearJudgeCache(): void {
  judges.clear();
}

/** The cached judge for a key; the expected answer is parsed and its points drawn only on first use. */
export function judgeFor(key: JudgeKey): JudgeResult {
  const id = JSON.stringify([key.expected, key.params, key.subs ?? null, key.curve ?? null]);
  return judges.getOrCreate(id, () => buildJudge(key, hashString(id)));
}

function buildJudge(key: JudgeKey, seed: number): JudgeResult {
  const spec = specFor(key);
  if ('error' in spec) return { ok: false, error: spec.error };
  const expected = parseTrusted(key.expected, allVars(key));
  if (!expected.ok) return { ok: false, error: `The expected answer cannot be read: ${expected.error}` };
  return { ok: true, judge: new Judge(spec, expected.expr, seed), expr: expected.expr };
}

/** Variables an expression in this comparison may use: the params and the intermediate variables. */
export function allVars(key: JudgeKey): string[] {
  return [...new Set([...key.params, ...Object.keys(key.subs ?? {})])];
}

export function parseTrusted(src: unknown, vars: readonly string[]): ParseResult {
  return parseAnswer(src, vars, EXPECTED_LIMITS);
}

function specFor(key: JudgeKey): SpaceSpec | { error: string } {
  const params = key.params.filter((p) => !(key.subs && Object.hasOwn(key.subs, p)));
  const derived: Array<{ name: string; expr: Expr }> = [];
  for (const [name, src] of Object.entries(key.subs ?? {})) {
    const parsed = parseTrusted(src, params);
    if (!parsed.ok) return { error: `The definition of ${name} cannot be read: ${parsed.error}` };
    derived.push({ name, expr: parsed.expr });
  }
  if (key.curve === undefined) return { params, derived };
  const curve = parseCurve(key.curve, params);
  if ('error' in curve) return curve;
  return { params, derived, curve };
}

/** "x^2 + y^2 = 25" as F = lhs - rhs, solved for y (or the second variable when there is no y). */
export function parseCurve(src: string, params: readonly string[]): { f: Expr; solveFor: string } | { error: string } {
  const sides = typeof src === 'string' ? src.split('=') : [];
  if (sides.length !== 2) return { error: 'The curve must be one equation such as x^2 + y^2 = 25.' };
  const lhs = parseTrusted(sides[0], params);
  const rhs = parseTrusted(sides[1], params);
  if (!lhs.ok) return { error: `The curve cannot be read: ${lhs.error}` };
  if (!rhs.ok) return { error: `The curve cannot be read: ${rhs.error}` };
  const solveFor = params.includes('y') ? 'y' : params[1];
  if (solveFor === undefined) return { error: 'A curve needs two variables.' };
  return { f: { k: 'bin', op: '-', a: lhs.expr, b: rhs.expr }, solveFor };
}
