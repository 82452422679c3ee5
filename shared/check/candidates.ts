import { mul, neg, product, recip, substitute, sum, type Expr } from '../math/ast';
import type { Question } from '../questions/types';
import type { MistakeCode } from './types';
import { GENERIC_FEEDBACK } from './feedback';
import { parseTrusted } from './judges';

/** A typical wrong answer, as a tree in the question's answer variables, with what to tell the student. */
export interface CandidateExpr {
  mistake: MistakeCode;
  feedback: string;
  expr: Expr;
}

const LAYERED = new Set(['chain', 'nested', 'activation']);

/**
 * The usual wrong answers built from the question's own structure
 * (docs/answer-checking.md#rule-7-naming-the-mistake), in priority order: the solver's distractors first (their
 * feedback is the most specific), then the ones built here from layers and paths, then a flipped sign and the
 * reciprocal. Unreadable pieces are skipped.
 */
export function buildCandidates(q: Question, expected: Expr, vars: readonly string[]): CandidateExpr[] {
  const out: CandidateExpr[] = [];
  for (const d of q.distractors ?? []) {
    if (typeof d.expr !== 'string') continue;
    const p = parseTrusted(d.expr, vars);
    if (p.ok) out.push({ mistake: d.mistake, feedback: d.feedback, expr: p.expr });
  }
  if (LAYERED.has(q.family)) out.push(...layerCandidates(q));
  out.push(...pathCandidates(q, vars));
  out.push({ mistake: 'sign-error', feedback: GENERIC_FEEDBACK.sign, expr: neg(expected) });
  out.push({ mistake: 'reciprocal', feedback: GENERIC_FEEDBACK.reciprocal, expr: recip(expected) });
  return out;
}

interface ParsedLayer {
  fn: string;
  inner: string;
  derivativeText: string;
  derivative: Expr;
  evaluated: Expr;
}

function parseLayers(q: Question, v: string): ParsedLayer[] | null {
  const out: ParsedLayer[] = [];
  for (const l of q.layers ?? []) {
    const d = parseTrusted(l.derivative, ['u']);
    const e = parseTrusted(l.evaluated, [v]);
    if (!d.ok || !e.ok) return null;
    out.push({ fn: l.fn, inner: l.inner, derivativeText: l.derivative, derivative: d.expr, evaluated: e.expr });
  }
  return out;
}

function layerCandidates(q: Question): CandidateExpr[] {
  const { var: raw } = q.task as { var?: unknown };
  const v = typeof raw === 'string' ? raw : 'x';
  const layers = parseLayers(q, v);
  if (!layers || layers.length < 2) return [];
  const [outer, ...rest] = layers as [ParsedLayer, ...ParsedLayer[]];
  const atVar = new Map<string, Expr>([['u', { k: 'var', name: v }]]);
  const out: CandidateExpr[] = [
    {
      mistake: 'forgot-inner-derivative',
      feedback: `You differentiated ${outer.fn} but did not multiply by the derivative of ${outer.inner}.`,
      expr: outer.evaluated,
    },
    {
      mistake: 'outer-not-evaluated-at-inner',
      feedback: `You evaluated ${outer.derivativeText} at ${v} instead of at the inner function ${outer.inner} (u = ${outer.inner}).`,
      expr: mul(substitute(outer.derivative, atVar), product(rest.map((l) => l.evaluated))),
    },
    {
      mistake: 'outer-not-evaluated-at-inner',
      feedback: `You evaluated each layer's derivative at ${v} instead of at its own input: f'(${v})·g'(${v}) rather than f'(g(${v}))·g'(${v}).`,
      expr: product(layers.map((l) => substitute(l.derivative, atVar))),
    },
    {
      mistake: 'inner-derivative-composed',
      feedback: GENERIC_FEEDBACK.composed,
      expr: substitute(outer.derivative, new Map([['u', product(rest.map((l) => l.evaluated))]])),
    },
  ];
  layers.forEach((skip, i) => {
    if (i === 0 || layers.length < 3) return;
    out.push({
      mistake: 'missing-layer-factor',
      feedback: `You left out the factor of the layer ${skip.fn} (u = ${skip.inner}): multiply by its derivative too.`,
      expr: product(layers.filter((_, j) => j !== i).map((l) => l.evaluated)),
    });
  });
  return out;
}

function pathCandidates(q: Question, vars: readonly string[]): CandidateExpr[] {
  const paths = q.paths ?? [];
  if (paths.length < 2) return [];
  const terms: Expr[] = [];
  for (const p of paths) {
    const t = parseTrusted(p.term, vars);
    if (!t.ok) return [];
    terms.push(t.expr);
  }
  return paths.map((p, i) => ({
    mistake: 'missing-path' as const,
    feedback: `You left out the path through ${p.via}: add ∂z/∂${p.via} · d${p.via}/d${wrtOf(q)}.`,
    expr: sum(terms.filter((_, j) => j !== i)),
  }));
}

function wrtOf(q: Question): string {
  const { wrt } = q.task as { wrt?: unknown };
  return typeof wrt === 'string' ? wrt : 't';
}
