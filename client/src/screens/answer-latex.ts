/**
 * The correct answer of a revealed question as one LaTeX string: an expression typeset, a number to 3
 * significant figures, a vector or matrix (numbers or expressions, as a Jacobian can be) as a bracketed matrix.
 */
import type { Answer } from '../../../shared/questions/types';
import { sigFig } from '../app/format';
import { trustedTex } from '../views/trusted-tex';
import { parseExpr } from '../../../shared/questions/calculus/parse';
import { breakableTex } from '../../../shared/questions/calculus/break-tex';

function breakableAnswer(expr: string): string | null {
  if (expr.trim() === '' || Number.isFinite(Number(expr))) return null;
  try {
    return breakableTex(parseExpr(expr));
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

function cellLatex(cell: string | number, exprToLatex: (e: string) => string | null): string {
  if (typeof cell === 'number') return numberLatex(cell);
  const n = Number(cell);
  if (cell.trim() !== '' && Number.isFinite(n)) return numberLatex(n);
  return trustedTex(cell) ?? exprToLatex(cell) ?? `\\text{${cell.replace(/[\\{}$&#^_%~]/g, ' ')}}`;
}

/** The answer as LaTeX, or null when the question has none to show. */
export function answerLatex(a: Answer, exprToLatex: (e: string) => string | null): string | null {
  // A long derivative is written so the screen can break it between factors rather than shrink it.
  if (a.expr !== undefined) return breakableAnswer(a.expr) ?? cellLatex(a.expr, exprToLatex);
  const rows = a.matrix ?? (Array.isArray(a.value) ? (Array.isArray(a.value[0]) ? (a.value as number[][]) : (a.value as number[]).map((x) => [x])) : null);
  if (rows) return `\\begin{bmatrix} ${rows.map((r) => r.map((c) => cellLatex(c, exprToLatex)).join(' & ')).join(' \\\\ ')} \\end{bmatrix}`;
  if (typeof a.value === 'number') return numberLatex(a.value);
  return null;
}
