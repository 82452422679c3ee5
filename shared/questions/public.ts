import { isReservedName } from '../math/functions';
import type { PublicQuestion, Question } from './types';

/**
 * What may be sent to a player before the reveal. Built field by field (never by deleting from a copy), so a
 * field added to Question later cannot leak the answer by accident.
 */
export function toPublicQuestion(q: Question): PublicQuestion {
  const out: PublicQuestion = {
    id: q.id,
    family: q.family,
    difficulty: q.difficulty,
    prompt: { text: q.prompt.text, latex: q.prompt.latex },
    task: structuredClone(q.task),
    answerKind: q.answer.matrix !== undefined ? 'matrix' : q.answer.value !== undefined ? 'value' : 'expr',
  };
  if (q.layers) out.layers = q.layers.map((l) => ({ fn: l.fn, inner: l.inner }));
  if (q.paths) out.paths = q.paths.map((p) => ({ via: p.via }));
  if (q.answer.matrix) out.shape = [q.answer.matrix.length, q.answer.matrix[0]?.length ?? 0];
  const v = q.answer.value;
  if (Array.isArray(v)) out.shape = Array.isArray(v[0]) ? [v.length, (v[0] as number[]).length] : [v.length];
  out.vars = answerVars(q);
  return out;
}

/** Variables an expression answer may be written in. */
export function answerVars(q: Question): string[] {
  const t = q.task as unknown as Record<string, unknown>;
  switch (q.family) {
    case 'chain':
    case 'nested':
    case 'higher-order':
    case 'activation':
      return [String(t.var)];
    case 'multivariable':
    case 'partial': {
      const subs = t.subs as Record<string, string>;
      const params = new Set<string>();
      for (const e of Object.values(subs)) for (const m of e.match(/[a-z]\w*/gi) ?? []) params.add(m);
      return [...new Set([...Object.keys(subs), ...[...params].filter((p) => isVarName(p))])];
    }
    case 'jacobian':
      return [...(t.innerVars as string[]), ...(t.outerVars as string[])];
    case 'implicit':
    case 'implicit2':
      return ['x', 'y'];
    default:
      return [];
  }
}

function isVarName(name: string): boolean {
  return !isReservedName(name);
}
