/**
 * Number display for prompts, steps and worksheets. Display only: stored answers keep full double precision
 * (docs/question-format.md#a-question), so nothing here is ever used to compute an answer.
 */

/** Significant figures shown in steps: enough to check a calculator, short enough to read on a projector. */
export const DISPLAY_SIG_FIGS = 4;

/**
 * A number for people: up to `sig` significant figures, no trailing zeros, "-0" shown as "0". A large number is
 * written with a power of ten (`2.851e15`, not `2851000000000000`, whose zeros would claim digits it does not
 * have); a very small one already is (`9.537e-7`).
 */
export function fmtNum(v: number, sig = DISPLAY_SIG_FIGS): string {
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : v < 0 ? '-inf' : 'NaN';
  if (v === 0) return '0';
  const rounded = Number(v.toPrecision(sig));
  if (Math.abs(rounded) >= 10 ** Math.max(6, sig + 1)) {
    const [mantissa = '', exponent = ''] = rounded.toExponential(sig - 1).split('e');
    return `${mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa}e${Number(exponent)}`;
  }
  const text = String(rounded);
  return text === '-0' ? '0' : text;
}

/** The same number as LaTeX: exponent notation becomes `\times 10^{n}`. */
export function texNum(v: number, sig = DISPLAY_SIG_FIGS): string {
  const text = fmtNum(v, sig);
  const m = /^(-?[\d.]+)e([+-]?\d+)$/.exec(text);
  if (!m) return text === 'inf' ? '\\infty' : text === '-inf' ? '-\\infty' : text;
  return `${m[1] ?? ''} \\times 10^{${Number(m[2])}}`;
}

/** A scalar, vector or matrix as plain text: `0.5`, `[0.5, 1]`, `[[0.5, 1], [0, 2]]`. */
export function fmtValue(value: number | number[] | number[][], sig = DISPLAY_SIG_FIGS): string {
  if (typeof value === 'number') return fmtNum(value, sig);
  return `[${value.map((v) => (typeof v === 'number' ? fmtNum(v, sig) : fmtValue(v, sig))).join(', ')}]`;
}

/** A scalar, column vector or matrix as LaTeX (`pmatrix`, which both amsmath and KaTeX know). */
export function texValue(value: number | number[] | number[][], sig = DISPLAY_SIG_FIGS): string {
  if (typeof value === 'number') return texNum(value, sig);
  const rows = value.map((row) =>
    typeof row === 'number' ? texNum(row, sig) : row.map((v) => texNum(v, sig)).join(' & '),
  );
  return `\\begin{pmatrix} ${rows.join(' \\\\ ')} \\end{pmatrix}`;
}
