/**
 * LaTeX for a long derivative that can break across lines on a screen. KaTeX (inline mode) wraps only after a
 * top-level binary operator or relation, so a chain-rule product written as juxtaposed factors, or as one big
 * fraction, cannot wrap and must shrink instead: a nested chain's answer shrank to a fifth of its size on the
 * projector. Here the product is written with `\cdot` between its compound factors, and a fraction of products
 * as a product of smaller fractions (numerator and denominator factors paired in order), which is equal and
 * reads the way the chain rule built it. Short expressions come out as the printer writes them.
 */
import type { Expr } from '../../math/ast';
import { isBin, isSumLike } from '../../math/algebra';
import { exprToTex } from '../../math/latex';

/** Factors of a product, flattened (`(a*b)*c` → a, b, c). */
function factorsOf(n: Expr): Expr[] {
  return isBin(n, '*') ? [...factorsOf(n.a), ...factorsOf(n.b)] : [n];
}

/** Numbers, letters and powers of letters: they sit next to the next factor without a dot (`2x^2 \sin x`). */
function isSmall(n: Expr): boolean {
  if (n.k === 'num' || n.k === 'var') return true;
  if (n.k === 'neg') return n.a.k === 'num';
  return isBin(n, '^') && n.a.k === 'var' && n.b.k === 'num';
}

const bracket = (n: Expr): string => (isSumLike(n) ? `\\left(${exprToTex(n)}\\right)` : exprToTex(n));

/** Joins factors: small ones juxtaposed, compound ones separated by a breakable `\cdot`. */
function joinFactors(parts: Array<{ tex: string; small: boolean }>): string {
  let out = '';
  parts.forEach((p, i) => {
    const prev = parts[i - 1];
    out += i === 0 ? p.tex : prev?.small ? ` ${p.tex}` : ` \\cdot ${p.tex}`;
  });
  return out;
}

function productTex(n: Expr): string | null {
  if (isBin(n, '/')) {
    const { a, b } = n;
    const all = factorsOf(a);
    // Numbers in the denominator go under the coefficient (-3x²/2), not under the first compound factor.
    const numDens = factorsOf(b).filter((f) => f.k === 'num');
    const dens = factorsOf(b).filter((f) => f.k !== 'num');
    // Numbers and letters lead as a coefficient; the compound factors pair with the denominator's.
    const nums = all.filter((f) => !isSmall(f));
    if (nums.length === 0 || dens.length === 0 || all.length + dens.length <= 2) return null;
    const k = Math.min(nums.length, dens.length);
    const smallTex = all.filter(isSmall).map(exprToTex).join(' ');
    const parts: Array<{ tex: string; small: boolean }> = [];
    if (numDens.length > 0) parts.push({ tex: `\\frac{${smallTex === '' ? '1' : smallTex}}{${numDens.map(exprToTex).join(' \\cdot ')}}`, small: true });
    else if (smallTex !== '') parts.push({ tex: smallTex, small: true });
    for (let i = 0; i < k; i++) {
      // The last pair takes every denominator factor left over.
      const den = i === k - 1 ? dens.slice(i) : [dens[i] as Expr];
      const denTex = den.length === 1 ? exprToTex(den[0] as Expr) : den.map(bracket).join(' ');
      parts.push({ tex: `\\frac{${exprToTex(nums[i] as Expr)}}{${denTex}}`, small: false });
    }
    for (const f of nums.slice(k)) parts.push({ tex: bracket(f), small: false });
    return joinFactors(parts);
  }
  const fs = factorsOf(n);
  if (fs.length < 2) return null;
  const joined = joinFactors(fs.map((f) => ({ tex: bracket(f), small: isSmall(f) })));
  // Nothing to break between: the printer's own spacing reads better.
  return joined.includes('\\cdot') ? joined : null;
}

/** The expression's LaTeX, written so a screen can break it between factors. */
export function breakableTex(n: Expr): string {
  if (n.k === 'neg') {
    const arg = n.a;
    const inner = isSumLike(arg) ? null : productTex(arg);
    return inner === null ? exprToTex(n) : `-${inner}`;
  }
  return productTex(n) ?? exprToTex(n);
}
