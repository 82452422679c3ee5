/**
 * Answers written one way for people: the report's CSV, the phone's end-of-game review and the solo mistake
 * list show the correct answer and the player's answer in the same notation. Expressions stay as typed;
 * vectors are "[a, b]" and matrices "[a, b; c, d]" (rows split by ";"), never JSON; correct numbers are given
 * to 4 significant figures, a player's numbers exactly as typed. Pure and isomorphic.
 */
import type { AnswerInput } from '../check/types';
import type { Answer } from '../questions/types';

type Cell = string | number;

const num = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v));

function cellText(c: unknown, exact: boolean): string {
  if (typeof c === 'number') return exact ? String(c) : num(c);
  if (typeof c === 'string') return c.trim();
  return '?';
}

/** A number, a vector or a matrix in the shared notation; `exact` keeps every digit (a player's input). */
function arrayNotation(v: unknown, exact: boolean): string {
  if (!Array.isArray(v)) return cellText(v, exact);
  if (v.some((row) => Array.isArray(row))) {
    return `[${v.map((row: unknown) => (Array.isArray(row) ? row.map((c) => cellText(c, exact)).join(', ') : cellText(row, exact))).join('; ')}]`;
  }
  return `[${v.map((c) => cellText(c, exact)).join(', ')}]`;
}

/** The question's correct answer. */
export function correctNotation(a: Answer): string {
  if (a.expr !== undefined) return a.expr;
  if (a.matrix) return arrayNotation(a.matrix, false);
  if (a.value !== undefined) return arrayNotation(a.value, false);
  return '';
}

/** A player's answer as submitted (a string, number or rows); '' for no answer. */
export function inputNotation(input: AnswerInput | null | undefined): string {
  if (input === null || input === undefined) return '';
  if (typeof input === 'string') return input.trim();
  return arrayNotation(input, true);
}

/**
 * A stored answer text: earlier reports kept vector and matrix answers as JSON; those are rewritten in the
 * shared notation, anything else (an expression) is returned as it was.
 */
export function storedAnswerNotation(text: string): string {
  const t = text.trim();
  if (!t.startsWith('[') || t.length > 10_000) return t;
  try {
    const v = JSON.parse(t) as unknown;
    return Array.isArray(v) && v.every((c) => typeof c === 'number' || typeof c === 'string' || Array.isArray(c))
      ? arrayNotation(v as Cell[] | Cell[][], true)
      : t;
  } catch {
    return t;
  }
}
