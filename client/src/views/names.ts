/**
 * One name per function on every screen: the inverse trigonometric functions as arcsin / arccos / arctan (never
 * sin⁻¹, which reads as 1/sin), the natural logarithm as ln (never log). Applied to every LaTeX string before it
 * is typeset, whichever generator or converter produced it.
 */
const RULES: Array<[RegExp, string]> = [
  [/\\(sin|cos|tan)\^\{-1\}/g, '\\arc$1'],
  [/\\(sin|cos|tan)\^\{\s*-\s*1\s*\}/g, '\\arc$1'],
  [/\\operatorname\{a(sin|cos|tan)\}/g, '\\arc$1'],
  [/\\mathrm\{a(sin|cos|tan)\}/g, '\\arc$1'],
  [/\\log(?![a-zA-Z_])/g, '\\ln'],
];

/** `latex` with every function under its one chosen name. */
export function unifyNames(latex: string): string {
  let out = latex;
  for (const [re, to] of RULES) out = out.replace(re, to);
  return out;
}
