import { neg, recip } from '../math/ast';
import { TYPED_FUNCTION_NAMES, isReservedName } from '../math/functions';
import { parseAnswer } from '../math/safe-parse';
import { GENERIC_FEEDBACK, UNSAMPLABLE } from './feedback';
import type { Candidate } from './expr-context';
import { judgeExpression } from './expr-verdict';
import { allVars, judgeFor, type JudgeKey } from './judges';
import type { Verdict } from './types';

export interface ExpressionsInput {
  expected: string;
  given: string;
  vars?: string[];
  curve?: string;
  subs?: Record<string, string>;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,15}$/;
const RESERVED = new Set(['e', 'pi', 'ln']);

/**
 * The free-form comparison behind `arena check` lines: is `given` the same expression as `expected`, on
 * `curve` when given, with `subs` intermediate variables allowed in `given`? Variables default to the
 * names found in the expected answer, curve and substitutions. Never throws on input.
 */
export function checkExpressions(input: ExpressionsInput): Verdict {
  try {
    return compareExpressions(input);
  } catch {
    return { correct: false, error: 'These expressions could not be compared.' };
  }
}

function compareExpressions(input: ExpressionsInput): Verdict {
  const { expected, given, curve, subs } = input as unknown as Record<string, unknown>;
  if (typeof expected !== 'string') return { correct: false, error: '"expected" must be an expression string.' };
  if (curve !== undefined && typeof curve !== 'string') return { correct: false, error: '"curve" must be an equation string.' };
  const subsMap = readSubs(subs);
  if (typeof subsMap === 'string') return { correct: false, error: subsMap };
  const vars = readVars(input.vars, [expected, curve ?? '', ...Object.values(subsMap ?? {})], subsMap);
  if (typeof vars === 'string') return { correct: false, error: vars };
  const key: JudgeKey = { expected, params: vars, subs: subsMap, curve: curve as string | undefined };
  const built = judgeFor(key);
  if (!built.ok) return { correct: false, error: built.error };
  const parsed = parseAnswer(given, allVars(key));
  if (!parsed.ok) return { correct: false, error: parsed.error };
  if (!built.judge.usable) return { correct: false, error: UNSAMPLABLE };
  const { judge, expr } = built;
  const candidates = (): Candidate[] => [
    { mistake: 'sign-error', feedback: GENERIC_FEEDBACK.sign, sampled: judge.sampleExpr(neg(expr)) },
    { mistake: 'reciprocal', feedback: GENERIC_FEEDBACK.reciprocal, sampled: judge.sampleExpr(recip(expr)) },
  ];
  return judgeExpression(judge, parsed.expr, expected, candidates);
}

function readSubs(subs: unknown): Record<string, string> | undefined | string {
  if (subs === undefined || subs === null) return undefined;
  if (typeof subs !== 'object' || Array.isArray(subs)) return '"subs" must map variable names to expressions.';
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(subs)) {
    if (!NAME.test(k) || RESERVED.has(k) || isReservedName(k)) return `"${k.slice(0, 20)}" cannot be a variable name.`;
    if (typeof v !== 'string') return `The definition of ${k} must be an expression string.`;
    out[k] = v;
  }
  return out;
}

function readVars(vars: unknown, sources: string[], subs: Record<string, string> | undefined): string[] | string {
  if (vars !== undefined) {
    if (!Array.isArray(vars) || vars.length > 12) return '"vars" must be a short list of variable names.';
    for (const v of vars) {
      if (typeof v !== 'string' || !NAME.test(v) || RESERVED.has(v) || isReservedName(v)) {
        return `"${String(v).slice(0, 20)}" cannot be a variable name.`;
      }
    }
    return [...new Set([...(vars as string[]), ...Object.keys(subs ?? {})])];
  }
  const found = new Set<string>();
  for (const src of sources) {
    for (const m of src.slice(0, 4000).match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []) for (const v of namesIn(m)) found.add(v);
  }
  for (const k of Object.keys(subs ?? {})) found.add(k);
  return [...found].slice(0, 12);
}

/**
 * The variables in one word of an expected answer, read as the answer language reads letter runs: names with
 * digits (x1, a_2) are one variable; a run of letters is function names (longest first) and single letters,
 * so `2xcos(x)` has the variable x and `2xy` has x and y. Pass `vars` for longer variable names.
 */
function namesIn(word: string): string[] {
  if (isReservedName(word)) return [];
  if (!/^[A-Za-z]+$/.test(word)) return NAME.test(word) ? [word] : [];
  const out: string[] = [];
  for (let i = 0; i < word.length; ) {
    const fn = TYPED_FUNCTION_NAMES.filter((f) => word.startsWith(f, i)).sort((a, b) => b.length - a.length)[0];
    const piece = fn ?? (word.startsWith('pi', i) ? 'pi' : (word[i] as string));
    if (!isReservedName(piece)) out.push(piece);
    i += piece.length;
  }
  return out;
}

/**
 * For live feedback while typing: is this string an allowed expression in these variables? Only parses
 * (bounded, no sampling), so it is cheap enough to run on every keystroke.
 */
export function validateExpression(src: string, vars: readonly string[]): { ok: true } | { ok: false; error: string } {
  const parsed = parseAnswer(src, vars);
  return parsed.ok ? { ok: true } : { ok: false, error: parsed.error };
}
