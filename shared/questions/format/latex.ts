/**
 * LaTeX escaping that keeps a worksheet compilable with plain pdflatex: special characters are escaped and the
 * Unicode our prompts use (·, −, Σ, ², ⊙, ᵀ, δ, ∂ …) becomes math commands, since pdflatex stops on any
 * character it has no definition for.
 */
const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', '^': '\\textasciicircum{}',
  _: '\\_', '%': '\\%', '~': '\\textasciitilde{}', '<': '\\textless{}', '>': '\\textgreater{}', '|': '\\textbar{}',
};

/** Unicode → math-mode command; text escaping wraps these in $…$. */
const MATH_SYMBOLS: Record<string, string> = {
  '·': '\\cdot', '−': '-', 'Σ': '\\Sigma', '²': '^{2}', '³': '^{3}', '⊙': '\\odot', 'ᵀ': '^{\\top}', 'δ': '\\delta',
  'σ': '\\sigma', '∂': '\\partial', '→': '\\to', '≤': '\\le', '≥': '\\ge', '×': '\\times', '≈': '\\approx',
  'π': '\\pi', '√': '\\surd', '∞': '\\infty', '±': '\\pm', '≠': '\\ne', '∘': '\\circ', 'λ': '\\lambda', 'θ': '\\theta',
};

const TEXT_PUNCT: Record<string, string> = {
  '…': '\\ldots{}', '–': '--', '—': '---', '‘': '`', '’': "'", '“': '``', '”': "''", '′': "'", '\u00a0': '~',
};

/** pdflatex with utf8 + T1 handles Latin-1 letters; anything else unknown is shown as "?" rather than failing. */
const isLatin1 = (ch: string): boolean => {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0xa1 && c <= 0xff && c !== 0xb2 && c !== 0xb3 && c !== 0xb7 && c !== 0xd7;
};

/** Plain text → LaTeX text mode. Neighbouring symbols share one math group (`$\\cdot\\Sigma$`), never `$$`. */
export function escapeLatexText(text: string): string {
  let out = '';
  let math = '';
  const flush = (): void => {
    if (math !== '') out += `$${math}$`;
    math = '';
  };
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (MATH_SYMBOLS[ch] !== undefined) {
      // A control word ends at the next backslash or symbol, so the commands can simply be concatenated.
      math += MATH_SYMBOLS[ch];
      continue;
    }
    flush();
    if (SPECIAL[ch] !== undefined) out += SPECIAL[ch];
    else if (TEXT_PUNCT[ch] !== undefined) out += TEXT_PUNCT[ch];
    else if (c === 0x0a || c === 0x09) out += ' ';
    else if (c < 0x20 || c === 0x7f) continue;
    else if (c < 0x80 || isLatin1(ch)) out += ch;
    else out += '?';
  }
  flush();
  return out;
}

/** LaTeX math written by our own generators → safe for pdflatex: only stray Unicode is replaced. */
export function sanitizeLatexMath(latex: string): string {
  let out = '';
  for (const ch of latex) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out += c < 0x20 && c !== 0x0a ? ' ' : ch;
    else if (MATH_SYMBOLS[ch] !== undefined) out += ` ${MATH_SYMBOLS[ch]} `;
    else out += '?';
  }
  return out;
}
