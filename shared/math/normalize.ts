/**
 * Bounds applied before a string is tokenized: long strings cost time and deep nesting costs stack, so both
 * are refused up front in one pass.
 */
import { ANSWER_MAX_CHARS } from '../limits';

export { normalizeInput } from './lexer';

export const MAX_BRACKET_DEPTH = 24;

/** Overrides for trusted-but-checked strings (expected answers are longer than typed ones). */
export interface ParseLimits {
  maxChars?: number;
  maxDepth?: number;
}

const OPEN = '([{';
const CLOSE = ')]}';

/**
 * Returns a message for a person when the (normalised) string must not reach the parser, else null. Runs in
 * one pass over at most `maxChars` characters.
 */
export function checkBounds(src: string, limits: ParseLimits = {}): string | null {
  const maxChars = limits.maxChars ?? ANSWER_MAX_CHARS;
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
