/**
 * The correct answer of a revealed question as one LaTeX string: an expression typeset, a number to 3
 * significant figures, a vector or matrix (numbers or expressions, as a Jacobian can be) as a bracketed matrix.
 * Expressions go through the one LaTeX printer (shared/math/latex.ts), as the prompt and the worked steps did.
 */
import type { Answer } from '../../../shared/questions/types';
import { STORED_EXPR_LIMITS } from '../../../shared/limits';
import type { Expr } from '../../../shared/math/ast';
import { exprToTex } from '../../../shared/math/latex';
import { parseOpen } from '../../../shared/math/safe-parse';
import { breakableTex } from '../../../shared/questions/calculus/break-tex';
import { sigFig } from '../app/format';

function read(expr: string): Expr | null {
  try {
    return parseOpen(expr, STORED_EXPR_LIMITS);
  } catch {
    return null;
  }
}

/** LaTeX for a number at 3 s.f.: a true minus sign, powers of ten written out. */
export function numberLatex(value: number): string {
  const s = sigFig(value);
  const m = /^(-?[\d.]+)e([+-]\d+)$/.exec(s);
  if (m) return `${m[1]}\\times 10^{${Number(m[2])}}`;
  return s;
}

function cellLatex(cell: string | number): string {
  if (typeof cell === 'number') return numberLatex(cell);
  const n = Number(cell);
  if (cell.trim() !== '' && Number.isFinite(n)) return numberLatex(n);
  const e = read(cell);
  return e ? exprToTex(e) : `\\text{${cell.replace(/[\\{}$&#^_%~]/g, ' ')}}`;
}

/** The answer as LaTeX, or null when the question has none to show. */
export function answerLatex(a: Answer): string | null {
  if (a.expr !== undefined) {
    // A long derivative is written so the screen can break it between factors rather than shrink it.
    const e = Number.isFinite(Number(a.expr)) ? null : read(a.expr);
    return e ? breakableTex(e) : cellLatex(a.expr);
  }
  const rows = a.matrix ?? (Array.isArray(a.value) ? (Array.isArray(a.value[0]) ? (a.value as number[][]) : (a.value as number[]).map((x) => [x])) : null);
  if (rows) return `\\begin{bmatrix} ${rows.map((r) => r.map(cellLatex).join(' & ')).join(' \\\\ ')} \\end{bmatrix}`;
  if (typeof a.value === 'number') return numberLatex(a.value);
  return null;
}
