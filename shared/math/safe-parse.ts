import { usedVars, type Expr } from './ast';
import { Refusal, listVars, normalizeInput, tokenize } from './lexer';

export { Refusal };
import { MAX_BRACKET_DEPTH, checkBounds, type ParseLimits } from './normalize';
import { ANSWER_MAX_CHARS } from '../limits';
import { parseTokens } from './parser';

export { listVars };
export type { ParseLimits };

/** Limits, and for display only: keep `e` and `pi` as names (the preview prints them) instead of values. */
export interface ParseOptions extends ParseLimits {
  constantsAsNames?: boolean;
}

export type ParseResult = { ok: true; expr: Expr; vars: Set<string> } | { ok: false; error: string };

/**
 * A leading name of the derivative, stripped before reading: `dy/dx =`, `d^2y/dx^2 =`, `y' =`, `y'' =`,
 * `f'(x) =`, `dz/dt =`, `∂z/∂u =`, `d/dx (…) =`. Anything else before an `=` is refused.
 */
const DERIVATIVE_PREFIX =
  /^\s*(?:(?:d|∂)\s*(?:\^\s*\d\s*)?[A-Za-z]\w*\s*\/\s*(?:d|∂)\s*[A-Za-z]\w*(?:\s*\^\s*\d)?|[A-Za-z]\w*\s*'+\s*(?:\(\s*[A-Za-z]\w*\s*\))?|(?:d|∂)\s*\/\s*(?:d|∂)\s*[A-Za-z]\w*[^=]*)\s*=/;

/**
 * Reads a hostile answer string with the one expression language (docs/notation.md) into the checker's tree:
 * numbers, the given variables, `e`, `pi`, `+ - * / ^`, implicit products, `|x|` and the table's functions.
 * Anything else is refused with a message that says the fix. Never throws; bounded work whatever the input.
 * This is also the entry point of shared/check/readable.ts: keep the signature.
 */
export function parseAnswer(src: unknown, vars: readonly string[], limits: ParseOptions = {}): ParseResult {
  if (typeof src !== 'string') return { ok: false, error: 'The answer must be text, such as 2x cos(x^2).' };
  const maxChars = limits.maxChars ?? ANSWER_MAX_CHARS;
  // Normalising never shortens much, so refuse absurd lengths before spending time on them.
  if (src.length > 2 * maxChars) return { ok: false, error: 'That answer is too long.' };
  const text = stripPrefix(normalizeInput(src));
  if (typeof text !== 'string') return text;
  const bounds = checkBounds(text, limits);
  if (bounds) return { ok: false, error: bounds };
  try {
    const expr = parseTokens(tokenize(text, { vars }), limits.maxDepth ?? MAX_BRACKET_DEPTH, limits);
    return { ok: true, expr, vars: usedVars(expr) };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, error: err.message };
    // A RangeError from an absurd input is still the player's input, not our bug.
    return { ok: false, error: 'That answer could not be read.' };
  }
}

/**
 * Reads a generator's or a teacher's expression for the symbolic code: `e` and `pi` stay names. With `vars`
 * letter runs split as in answers; without, any name that is not a function or a constant is one variable
 * (`theta`). Throws Refusal with a message for a person.
 */
export function parseOpen(src: string, limits: ParseLimits = {}, vars: readonly string[] | null = null): Expr {
  const text = normalizeInput(src);
  const bounds = checkBounds(text, limits);
  if (bounds) throw new Refusal(bounds);
  return parseTokens(tokenize(text, { vars }), limits.maxDepth ?? MAX_BRACKET_DEPTH, { constantsAsNames: true });
}

function stripPrefix(text: string): string | { ok: false; error: string } {
  if (!text.includes('=')) return text;
  const m = DERIVATIVE_PREFIX.exec(text);
  const rest = m ? text.slice(m[0].length) : text;
  if (m && !rest.includes('=')) return rest.trim();
  return {
    ok: false,
    error: 'Write only the derivative, e.g. -x/y; it may start with "dy/dx =", "y\' =" or "f\'(x) =", but must not be an equation.',
  };
}
