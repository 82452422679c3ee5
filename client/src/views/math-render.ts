/**
 * Math rendering for the question views and the phone's answer preview: KaTeX for display, the checker's own
 * parser and THE LaTeX printer (shared/math/latex.ts) for turning an expression into LaTeX, so a typed answer's
 * preview, a question's prompt and its reveal are typeset alike. No Phaser here, so the phone can import it cheaply.
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { CONSTANT_VALUES, TYPED_FUNCTION_NAMES } from '../../../shared/math/functions';
import { usedVars } from '../../../shared/math/ast';
import { exprToTex } from '../../../shared/math/latex';
import { parseAnswer, parseOpen } from '../../../shared/math/safe-parse';
import { MAX_BRACKET_DEPTH } from '../../../shared/math/normalize';
import { ANSWER_MAX_CHARS, STORED_EXPR_LIMITS } from '../../../shared/limits';
import { unifyNames } from './names';
import { notationTex } from './notation-tex';

/**
 * Renders `latex` into `el` as crisp HTML plus KaTeX's hidden MathML, so a screen reader speaks mathematics rather
 * than LaTeX source. Never throws: bad LaTeX shows KaTeX's red error text instead of breaking a live game screen.
 */
export function renderLatex(el: HTMLElement, latex: string, opts: { display?: boolean } = {}): void {
  katex.render(unifyNames(latex), el, {
    displayMode: opts.display ?? false,
    throwOnError: false,
    trust: false,
    output: 'htmlAndMathml',
    strict: 'ignore',
    maxSize: 50,
    maxExpand: 200,
  });
}

/** Longest typed answer previewed: what may be sent. */
export const MAX_PREVIEW_LENGTH = ANSWER_MAX_CHARS;
const ALLOWED_CHARS = /^[0-9a-zA-Z_+\-*/^().,\s]*$/;

/** Names a preview may contain: the one function table's names and aliases, and the constants. */
const KNOWN_NAMES: ReadonlySet<string> = new Set([...TYPED_FUNCTION_NAMES, ...CONSTANT_VALUES.keys()]);
/** Free variables of an expression of ours (a substitution), in order of first appearance. */
export function freeVars(expr: string): string[] {
  const names = expr.match(/[a-zA-Z_][a-zA-Z_0-9]*/g) ?? [];
  return [...new Set(names.filter((n) => !KNOWN_NAMES.has(n)))];
}

/** A variable name in a question of ours (checkVarName in shared/questions/calculus/expr-task.ts allows 12 characters). */
const QUESTION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,11}$/;

/** A variable: one letter with optional digits or one subscript-like suffix (x, y, t, a1, z2, W1, u_1). */
const VARIABLE = /^[a-zA-Z](?:_?[0-9]{1,2})?$/;

/** The conservative guard run before any parse: length, characters, names, nesting. */
export function isPreviewSafe(expr: string): boolean {
  if (expr.length === 0 || expr.length > MAX_PREVIEW_LENGTH || !ALLOWED_CHARS.test(expr)) return false;
  for (const name of expr.match(/[a-zA-Z_][a-zA-Z_0-9]*/g) ?? []) {
    if (!KNOWN_NAMES.has(name) && !VARIABLE.test(name)) return false;
  }
  let depth = 0;
  for (const ch of expr) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (depth < 0 || depth > MAX_BRACKET_DEPTH) return false;
  }
  return depth === 0;
}

/**
 * LaTeX for an expression, or null when it cannot be read (the caller then shows the raw text). It is parsed by
 * the checker's own parser (shared/math/safe-parse.ts) and printed from that tree, so the preview shows exactly
 * what the checker will judge. Pass the answer box's variables (`slotVars`) for typed answers: letter runs
 * then split the same way (`2xy` → 2·x·y). Without them (our own questions' text), every name is a variable.
 */
export function exprToLatex(expr: string, vars?: readonly string[]): string | null {
  const src = expr.trim();
  if (src.length === 0) return null;
  if (vars !== undefined) {
    if (src.length > MAX_PREVIEW_LENGTH) return null;
    const parsed = parseAnswer(src, vars, { constantsAsNames: true });
    return parsed.ok ? exprToTex(parsed.expr) : null;
  }
  try {
    const e = parseOpen(src, STORED_EXPR_LIMITS);
    // Our questions name variables briefly (x, t, a1, theta): anything else is not one of their expressions.
    return [...usedVars(e)].every((v) => QUESTION_NAME.test(v)) ? exprToTex(e) : null;
  } catch {
    return null;
  }
}

/** Notation the expression parser would misread: a derivative name (dy/dx as d·y/(d·x)), a prime, a partial, F_x. */
const NOTATION = /[∂']|(?:^|[^A-Za-z])d[A-Za-z][A-Za-z0-9_]*\/d[A-Za-z]|(?:^|[^A-Za-z])[A-Za-z]_[A-Za-z0-9]/;

/**
 * LaTeX for a run of maths in a feedback sentence: the expression printer for an expression, notationTex for the
 * sentences' own notation (dL/dW2[1][1], σ'(z)), null when neither reads it (the run then stays as typed).
 */
export function feedbackLatex(run: string): string | null {
  if (NOTATION.test(run)) return notationTex(run) ?? exprToLatex(run);
  return exprToLatex(run) ?? notationTex(run);
}

/** LaTeX for an expression from our own questions, falling back to escaped text so a view always shows something. */
export function latexOrText(expr: string): string {
  return exprToLatex(expr) ?? `\\text{${expr.replace(/[\\{}$&#^_%~]/g, ' ')}}`;
}

/** Short numeric display: 3 significant figures (as answers are judged), minus sign as in print, no "-0". */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '\\text{NaN}' : v > 0 ? '\\infty' : '-\\infty';
  if (Math.abs(v) < 5e-5) return '0';
  const s = Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(3)));
  return s.replace(/e([+-])(\d+)/, (_m, sign: string, d: string) => `\\times10^{${sign === '-' ? '-' : ''}${d}}`);
}

/** LaTeX for a number, vector or matrix value (vectors as columns, like the maths on the board). */
export function valueToLatex(value: number | number[] | number[][]): string {
  if (typeof value === 'number') return `{${formatNumber(value)}}`;
  if (value.length === 0) return '[\\,]';
  const rows = Array.isArray(value[0]) ? (value as number[][]) : (value as number[]).map((v) => [v]);
  const only = rows.length === 1 && rows[0]?.length === 1 ? rows[0][0] : undefined;
  if (only !== undefined) return `{${formatNumber(only)}}`;
  const body = rows.map((r) => r.map(formatNumber).join(' & ')).join(' \\\\ ');
  return `\\begin{bmatrix}${body}\\end{bmatrix}`;
}
