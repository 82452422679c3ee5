/**
 * LaTeX for the notation the checker's sentences use beyond what an answer may contain (docs/notation.md):
 * derivative names (`dL/dW2[1][1]`, `∂z/∂u`, `dy/dx`), primes (`σ'(z)`, `f''(g)`, `g'^2`), subscripts (`F_x`),
 * Greek letters and print operators (`·`, `−`, `⊙`, `ᵀ`). The feedback paragraph typesets a run of maths with
 * the expression printer when the parser reads it, and with this when it does not, so "That is what dL/dW2[1][1]
 * comes to" shows a fraction rather than program text.
 *
 * It writes only LaTeX it builds itself from a closed set of pieces: any character outside that set gives null
 * and the run stays as typed, so a sentence can never inject a command.
 */

/** Greek letters as the sentences write them (a name, like a letter: δ2 is δ₂). */
const GREEK: Record<string, string> = {
  σ: '\\sigma', δ: '\\delta', Σ: '\\Sigma', η: '\\eta', θ: '\\theta', λ: '\\lambda', ε: '\\varepsilon',
};
/** Print operators and brackets. */
const SYMBOLS: Record<string, string> = {
  '·': '\\cdot ', '*': '\\cdot ', '×': '\\times ', '⊙': '\\odot ', '−': '-', '-': '-', '+': '+', '/': '/',
  '=': '=', '<': '<', '>': '>', '≤': '\\le ', '≥': '\\ge ', '≈': '\\approx ', ',': ',\\,', '(': '(', ')': ')',
  '[': '[', ']': ']', '|': '|', ᵀ: '^{\\top}', '∞': '\\infty ',
};
/** Function names printed upright as on the board. */
const FUNCTIONS = new Set(['sin', 'cos', 'tan', 'exp', 'log', 'ln', 'tanh', 'sinh', 'cosh', 'arctan', 'sec', 'csc', 'cot']);
const OPERATOR_NAMES: Record<string, string> = { relu: 'ReLU', ReLU: 'ReLU', softmax: 'softmax', softplus: 'softplus', sigmoid: '\\sigma' };

/** `dL/dW2[1][3]`, `∂z/∂u`, `dy/dx`: a derivative of one name by another, with optional entry indices. */
const DERIVATIVE = /^(∂|d)([A-Za-zσ][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?)\/(∂|d)([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)?)((?:\[\d+\])*)/;
/** A name: one letter, then digits (a layer: W2), or a subscript (F_x), or a known word. */
const NAME = /^(?:[A-Za-z]+|[σδΣηθλε])[0-9]*(?:_[A-Za-z0-9]+)?/;
const NUMBER = /^\d+(?:\.\d+)?(?:e[+-]?\d+)?/;

/** LaTeX for a run of the sentences' notation, or null when it holds anything this does not know. */
export function notationTex(text: string): string | null {
  const out: string[] = [];
  let rest = text.trim();
  if (rest === '' || rest.length > 200) return null;
  while (rest.length > 0) {
    const space = /^\s+/.exec(rest);
    if (space) {
      out.push(' ');
      rest = rest.slice(space[0].length);
      continue;
    }
    const deriv = DERIVATIVE.exec(rest);
    if (deriv) {
      out.push(derivativeTex(deriv));
      rest = rest.slice(deriv[0].length);
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      out.push(num[0].replace(/e([+-]?)(\d+)$/, (_m, s: string, d: string) => `\\times10^{${s === '-' ? '-' : ''}${d}}`));
      rest = rest.slice(num[0].length);
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      const tex = nameTex(name[0]);
      if (tex === null) return null;
      out.push(tex);
      rest = rest.slice(name[0].length);
      continue;
    }
    const primes = /^'+/.exec(rest);
    if (primes) {
      out.push(primes[0]);
      rest = rest.slice(primes[0].length);
      continue;
    }
    if (rest[0] === '^') {
      const power = /^\^(\d+|[A-Za-z]|-\d+|−\d+)/.exec(rest);
      if (power) {
        out.push(`^{${(power[1] as string).replace('−', '-')}}`);
        rest = rest.slice(power[0].length);
        continue;
      }
      const group = balancedGroup(rest.slice(1));
      if (group === null) return null;
      const inner = notationTex(group.slice(1, -1));
      if (inner === null) return null;
      out.push(`^{${inner}}`);
      rest = rest.slice(1 + group.length);
      continue;
    }
    const ch = String.fromCodePoint(rest.codePointAt(0) as number);
    const sym = SYMBOLS[ch];
    if (sym === undefined) return null;
    out.push(sym);
    rest = rest.slice(ch.length);
  }
  return out.join('').replace(/\s+/g, ' ').trim();
}

function derivativeTex(m: RegExpExecArray): string {
  const [, top, of, bottom, by, indices] = m as unknown as [string, string, string, string, string, string];
  // The loss's gradients are partial derivatives, as the backprop prompt writes them (targetTex).
  const d = top === '∂' || bottom === '∂' || of === 'L' ? '\\partial ' : 'd';
  const frac = `\\frac{${d}${nameTex(of) ?? of}}{${d}${nameTex(by) ?? by}}`;
  const index = [...indices.matchAll(/\[(\d+)\]/g)].map((x) => x[1]);
  return index.length === 0 ? frac : `\\left[${frac}\\right]_{${index.join(',')}}`;
}

/** W2 → W_{2}, F_x → F_{x}, σ → \sigma, sin → \sin, softmax → \operatorname{softmax}, fg → fg; a longer word → null. */
function nameTex(name: string): string | null {
  if (FUNCTIONS.has(name)) return `\\${name}`;
  const op = OPERATOR_NAMES[name];
  if (op !== undefined) return op.startsWith('\\') ? op : `\\operatorname{${op}}`;
  const m = /^([A-Za-z]|[σδΣηθλε])([0-9]*)(?:_([A-Za-z0-9]+))?$/.exec(name);
  // Two or three letters side by side are a product, as on the board (fg' in the quotient rule).
  if (!m) return /^[A-Za-z]{2,3}$/.test(name) ? name : null;
  const [, first = '', digits, index] = m;
  const sub = digits || index;
  const letter = GREEK[first] ?? first;
  return sub ? `${letter}_{${sub}}` : letter;
}

/** The bracketed group at the start of `s` ("(…)"), brackets included, or null when it does not close. */
function balancedGroup(s: string): string | null {
  if (s[0] !== '(') return null;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth += 1;
    else if (s[i] === ')') depth -= 1;
    if (depth === 0) return s.slice(0, i + 1);
  }
  return null;
}
