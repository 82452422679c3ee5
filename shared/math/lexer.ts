import { CONSTANT_VALUES, FUNCTION_TABLE, LOG10_NAMES, functionSpec } from './functions';

/**
 * The tokenizer of the one expression language (docs/notation.md). It reads what people and phones type
 * (`·`, `×`, `−`, `π`, `²`, `⁻¹`, `√`), splits letter runs into the question's variables and function names
 * (`2xcos` → 2, x, cos), and refuses every character it does not know instead of dropping it.
 */
export type Token =
  /** `spaced`: whitespace comes right before it (`cos(x^2) 2x`: a new factor after a closing bracket). */
  | { t: 'num'; v: number; at: number; spaced: boolean }
  | { t: 'var'; name: string; at: number }
  | { t: 'const'; name: string; v: number; at: number }
  /** `log10` arrives as fn log with `base10`. */
  | { t: 'fn'; name: string; typed: string; base10?: boolean; at: number }
  | { t: 'op'; op: '+' | '-' | '*' | '/' | '^'; at: number }
  | { t: '(' | ')' | '|' | ','; at: number };

/** A refusal whose message is shown to the student as is. */
export class Refusal extends Error {}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-',
};

const REPLACEMENTS: Array<[RegExp, string]> = [
  [/\*\*/g, '^'],
  [/[·×⋅∙]/g, '*'],
  [/[÷∕]/g, '/'],
  [/[−–—]/g, '-'],
  [/π/g, ' pi '],
  [/√/g, ' sqrt '],
  [/[′’]/g, "'"],
  [/[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+/g, (run: string) => `^(${[...run].map((c) => SUPERSCRIPT[c]).join('')})`] as unknown as [RegExp, string],
];

/** Maps what phones and people type to plain ASCII notation: `**`, `·`, `×`, `−`, `π`, `²`, `⁻¹`, `√`. */
export function normalizeInput(src: string): string {
  let out = src;
  for (const [re, by] of REPLACEMENTS) out = out.replace(re, by);
  return out.trim();
}

/** Sticky: matched at `lastIndex`, so no substring is copied per token. */
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z][A-Za-z0-9_]*/y;
const LETTERS = /[A-Za-z]+/y;
const CALL_AFTER = /\s*\(/y;

function stickyMatch(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : null;
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const SIMPLE: Readonly<Record<string, Token['t']>> = { '(': '(', ')': ')', '|': '|', ',': ',' };

/** Where the variables come from: a closed list (answers, split letter runs) or any name (trusted trees). */
export interface Names {
  vars: readonly string[] | null;
}

export function tokenize(text: string, names: Names): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      i++;
      continue;
    }
    if ((ch >= '0' && ch <= '9') || ch === '.') {
      const m = stickyMatch(NUMBER, text, i);
      if (m === null) throw new Refusal(`"." must be part of a number such as 0.5 (near character ${i + 1}).`);
      const v = Number(m);
      if (!Number.isFinite(v)) throw new Refusal('That number is too large.');
      out.push({ t: 'num', v, at: i, spaced: i > 0 && /\s/.test(text[i - 1] as string) });
      i += m.length;
      continue;
    }
    if (isLetter(text.charCodeAt(i))) {
      i += word(text, i, names, out);
      continue;
    }
    if ('+-*/^'.includes(ch)) {
      out.push({ t: 'op', op: ch as '+', at: i });
      i++;
      continue;
    }
    const simple = SIMPLE[ch];
    if (simple) {
      out.push({ t: simple, at: i } as Token);
      i++;
      continue;
    }
    throw new Refusal(characterMessage(ch));
  }
  return out;
}

function characterMessage(ch: string): string {
  if ('[]{}'.includes(ch)) return 'Use round brackets ( ) for grouping; square brackets and braces are not allowed here.';
  if (ch === '!') return 'Factorials ("!") are not allowed in an answer.';
  if ('<>'.includes(ch)) return 'Write only the expression, not a comparison: for the indicator 1[u > 0] (ReLU\'s derivative) write step(u).';
  if (ch === '=') return 'Write only the expression, not an equation or comparison (a leading "dy/dx =" is fine).';
  if (ch === "'") return "Write the derivative itself: y' or f'(x) may only start the answer, as in y' = -x/y.";
  if (ch === '"' || ch === '`') return 'Text in quotes is not allowed in an answer.';
  if (ch === ';') return 'Write a single expression.';
  const shown = /[\x21-\x7e]/.test(ch) ? `"${ch}"` : `U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
  return `The character ${shown} cannot be used in an answer: use numbers, letters, + - * / ^ and ( ).`;
}

/** Reads one identifier at `at` in `text`; returns how many characters it used. */
function word(text: string, at: number, names: Names, out: Token[]): number {
  const ident = stickyMatch(IDENT, text, at) as string;
  const called = stickyMatch(CALL_AFTER, text, at + ident.length) !== null;
  // A long name called like a function (`foo(t)`) is an unknown function, even in a loose list of variables.
  if (called && /^[A-Za-z]{2,}$/.test(ident) && functionSpec(ident) === undefined && !LOG10_NAMES.includes(ident)) {
    if (names.vars === null || names.vars.includes(ident)) throw unknownFunction(ident);
  }
  const whole = single(ident, at, names);
  if (whole) {
    out.push(whole);
    return ident.length;
  }
  if (names.vars === null) {
    out.push({ t: 'var', name: ident, at });
    return ident.length;
  }
  // Not one name: split the letters (digits that follow become a number token: sin2x → sin 2 x).
  const letters = stickyMatch(LETTERS, text, at) as string;
  try {
    out.push(...split(letters, at, names.vars));
  } catch (err) {
    if (called && err instanceof Refusal && err.message.startsWith('Unknown symbol')) throw unknownFunction(ident);
    throw err;
  }
  return letters.length;
}

function single(name: string, at: number, names: Names): Token | null {
  // Function and constant names win: they can never be variables (a sloppy vars list may contain "sin").
  const c = CONSTANT_VALUES.get(name);
  if (c !== undefined) return { t: 'const', name, v: c, at };
  const f = functionSpec(name);
  if (f) return { t: 'fn', name: f.name, typed: name, at };
  if (LOG10_NAMES.includes(name)) return { t: 'fn', name: 'log', typed: name, base10: true, at };
  if (names.vars?.includes(name)) return { t: 'var', name, at };
  if (names.vars === null && !/^[A-Za-z]+$/.test(name)) return { t: 'var', name, at };
  return null;
}

const MAX_SPLIT = 40;

/**
 * Splits a letter run into variables, constants and function names when there is exactly one way to do it
 * (`xy` → x y, `xcos` → x cos); refuses a run with no reading or with two readings, showing the fix.
 */
function split(letters: string, at: number, vars: readonly string[]): Token[] {
  const shown = letters.length > 20 ? `${letters.slice(0, 20)}…` : letters;
  if (letters.length > MAX_SPLIT) throw unknownSymbol(shown, vars);
  const n = letters.length;
  // ways[i]: number of readings of letters[i..] (capped at 2); next[i]: the first piece of one reading.
  const ways = new Array<number>(n + 1).fill(0);
  const next = new Array<string>(n + 1).fill('');
  const alt = new Array<string>(n + 1).fill('');
  ways[n] = 1;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = n; j > i; j--) {
      const piece = letters.slice(i, j);
      if (ways[j] === 0 || !isPiece(piece, vars)) continue;
      if (ways[i] === 0) next[i] = piece;
      else if (alt[i] === '') alt[i] = piece;
      ways[i] = Math.min(2, (ways[i] as number) + (ways[j] as number));
    }
  }
  if (ways[0] === 0) throw unknownSymbol(shown, vars);
  const reading = readingFrom(letters, next, 0);
  if (ways[0] as number > 1) {
    const other = alternative(letters, next, alt, ways);
    throw new Refusal(
      `"${shown}" can be read as ${reading.join('·')} or as ${other.join('·')}: write it with * or spaces, e.g. ${reading.join('*')}.`,
    );
  }
  const tokens: Token[] = [];
  let pos = at;
  for (const piece of reading) {
    tokens.push(single(piece, pos, { vars }) as Token);
    pos += piece.length;
  }
  return tokens;
}

function isPiece(piece: string, vars: readonly string[]): boolean {
  return vars.includes(piece) || CONSTANT_VALUES.has(piece) || functionSpec(piece) !== undefined;
}

function readingFrom(letters: string, next: readonly string[], start: number): string[] {
  const out: string[] = [];
  for (let i = start; i < letters.length; ) {
    const p = next[i] as string;
    out.push(p);
    i += p.length;
  }
  return out;
}

/** A second reading: at the first position with two choices, take the other one. */
function alternative(letters: string, next: readonly string[], alt: readonly string[], ways: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < letters.length; ) {
    if (alt[i] !== '' && ways[i + (next[i] as string).length] !== 0) {
      out.push(alt[i] as string, ...readingFrom(letters, next, i + (alt[i] as string).length));
      return out;
    }
    const p = next[i] as string;
    out.push(p);
    i += p.length;
  }
  return out;
}

function unknownFunction(name: string): Refusal {
  const shown = name.length > 20 ? `${name.slice(0, 20)}…` : name;
  if (/^(derivative|diff|deriv|d)$/i.test(name)) return new Refusal('Write the derivative itself, not derivative(...).');
  return new Refusal(`Unknown function "${shown}": the functions are ${TYPED_LIST}.`);
}

const TYPED_LIST = listVars([...FUNCTION_TABLE.map((f) => f.aliases.find((a) => a.startsWith('arc')) ?? f.name), 'ln', ...LOG10_NAMES.slice(0, 1)]);

export function unknownSymbol(name: string, vars: readonly string[]): Refusal {
  if (vars.length === 0) return new Refusal(`Unknown symbol "${name}": this answer must be a number.`);
  return new Refusal(`Unknown symbol "${name}": this answer may use only ${listVars(vars)}.`);
}

/** "x", "x and y", "x, y and t". */
export function listVars(vars: readonly string[]): string {
  if (vars.length <= 1) return vars.join('');
  return `${vars.slice(0, -1).join(', ')} and ${vars[vars.length - 1]}`;
}
