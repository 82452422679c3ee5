/**
 * Friendly input and bounds, applied before mathjs sees a string: deep nesting overflows the mathjs parser's
 * stack (around 200 levels) and long strings cost time, so both are refused up front.
 */
export const MAX_ANSWER_CHARS = 400;
export const MAX_BRACKET_DEPTH = 24;

const REPLACEMENTS: Array<[RegExp, string]> = [
  [/\*\*/g, '^'],
  [/[·×⋅∙]/g, '*'],
  [/÷/g, '/'],
  [/[−–—]/g, '-'],
  [/π/g, ' pi '],
  [/²/g, '^2'],
  [/³/g, '^3'],
  [/√\s*\(/g, 'sqrt('],
];

/** Maps what phones and people type to mathjs syntax: `**`, `·`, `×`, `−`, `π`, `²`. */
export function normalizeInput(src: string): string {
  let out = src;
  for (const [re, by] of REPLACEMENTS) out = out.replace(re, by);
  return out.trim();
}

/** Overrides for trusted-but-checked strings (expected answers are longer than typed ones). */
export interface ParseLimits {
  maxChars?: number;
  /** Kept well under the ~200 levels that overflow the mathjs parser. */
  maxDepth?: number;
}

const OPEN = '([{';
const CLOSE = ')]}';

/**
 * Returns a message for a person when the (normalised) string must not reach the parser, else null. Runs in
 * one pass over at most MAX_ANSWER_CHARS characters.
 */
export function checkBounds(src: string, limits: ParseLimits = {}): string | null {
  const maxChars = limits.maxChars ?? MAX_ANSWER_CHARS;
  const maxDepth = limits.maxDepth ?? MAX_BRACKET_DEPTH;
  if (src.length === 0) return 'Type an answer first.';
  if (src.length > maxChars) return 'That answer is too long.';
  // Long runs of signs only make the parser recurse; nobody means "------x".
  if (/[-+]{6,}/.test(src)) return 'Too many signs in a row.';
  const stack: string[] = [];
  for (const ch of src) {
    const open = OPEN.indexOf(ch);
    if (open >= 0) {
      stack.push(CLOSE[open] as string);
      if (stack.length > maxDepth) return 'That answer is nested too deeply.';
    } else if (CLOSE.includes(ch)) {
      if (stack.pop() !== ch) return 'Unbalanced parentheses.';
    }
  }
  return stack.length === 0 ? null : 'Unbalanced parentheses.';
}
