/**
 * Math rendering for the question views and the phone's answer preview: KaTeX for display, the trusted mathjs
 * instance for turning a (guarded) mathjs expression into LaTeX. No Phaser here, so the phone can import it cheaply.
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import type { MathNode } from 'mathjs';
import { math } from '../../../shared/math/engine';
import { unifyNames } from './names';

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

/** Longest expression we will parse for a preview; answers in this game are far shorter. */
export const MAX_PREVIEW_LENGTH = 200;
const MAX_NESTING = 24;
const ALLOWED_CHARS = /^[0-9a-zA-Z_+\-*/^().,\s]*$/;

/** Names a preview may contain (question-format.md's function list and constants). */
const KNOWN_NAMES = new Set([
  'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'sech',
  'exp', 'log', 'ln', 'sqrt', 'abs', 'sigmoid', 'softplus', 'relu', 'e', 'pi', 'sign',
]);
/** Free variables of an expression of ours (a substitution), in order of first appearance. */
export function freeVars(expr: string): string[] {
  const names = expr.match(/[a-zA-Z_][a-zA-Z_0-9]*/g) ?? [];
  return [...new Set(names.filter((n) => !KNOWN_NAMES.has(n)))];
}

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
    if (depth < 0 || depth > MAX_NESTING) return false;
  }
  return depth === 0;
}

const OPERATOR_NAMES: Record<string, string> = {
  sigmoid: '\\sigma',
  softplus: '\\operatorname{softplus}',
  relu: '\\operatorname{ReLU}',
  sech: '\\operatorname{sech}',
  sign: '\\operatorname{sign}',
  ln: '\\ln',
};

function texHandler(node: MathNode, options: object): string | undefined {
  if (node.type === 'SymbolNode') {
    // Our variables are letters, never units (mathjs would print t, the tonne, upright); a1 reads as a₁.
    const name = (node as MathNode & { name: string }).name;
    const m = /^([a-zA-Z])_?([0-9]{1,2})?$/.exec(name);
    if (!m?.[1]) return undefined;
    // The leading space matters: mathjs glues operators to operands (`\\cdot` + `y` would be `\\cdoty`).
    return m[2] ? ` ${m[1]}_{${m[2]}}` : ` ${m[1]}`;
  }
  if (node.type !== 'FunctionNode') return undefined;
  const fn = node as MathNode & { fn: { name?: string }; args: MathNode[] };
  const name = fn.fn.name ?? '';
  const op = OPERATOR_NAMES[name];
  if (op === undefined) return undefined;
  const args = fn.args.map((a) => a.toTex(options)).join(',');
  return `${op}\\left(${args}\\right)`;
}

/**
 * LaTeX for a mathjs-syntax expression, or null when it is not safe or not parseable (the caller then shows the
 * raw text). Player input reaches the trusted parser only after `isPreviewSafe`; parsing builds a tree and never
 * evaluates it.
 */
export function exprToLatex(expr: string): string | null {
  const src = expr.trim();
  if (!isPreviewSafe(src)) return null;
  try {
    const tex = math.parse(src).toTex({ parenthesis: 'auto', implicit: 'hide', handler: texHandler });
    // A coefficient times a letter, a function or a bracket reads as on the board: 3x, 15(3x+4)^4, 2\sin x.
    return tex.replace(/~\s*/g, '\\,').replace(/(\d)\s*\\cdot\s*(?=[a-zA-Z(]|\{(?:\\left|[a-zA-Z])|\\(?:left|sin|cos|tan|sec|csc|cot|exp|log|ln|sqrt|sigma|operatorname|mathrm|tanh|sinh|cosh|arcsin|arccos|arctan))/g, '$1 ');
  } catch {
    return null;
  }
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
