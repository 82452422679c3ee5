import type { Expr } from './ast';
import { functionSpec } from './functions';
import { PREC, prec } from './text';

/**
 * THE LaTeX printer: every expression on every screen is typeset here, the live preview of a typed answer as
 * much as the prompts, the worked steps, the diagram's boxes and the reveal, so the phone, the projector and the
 * report read alike. It prints the tree's structure, never a reading the checker does not make: `6x(x^2+1)^2`
 * shows 6x(x²+1)², `e^2x` shows e²x. Generated trees come out in textbook order because the tidy constructors
 * (algebra.ts) build them so. As on the board: `2x\sin(x)`, letters side by side (`xy`), a thin space before a
 * call or a bracket, a dot only where digits would run together; `e^{u}` for the exponential, `\sin^{2}(x)` for a
 * power of a function; heads and names from the one function table.
 */
export function exprToTex(e: Expr): string {
  switch (e.k) {
    case 'num':
      return number(e.v);
    case 'var':
      return texSymbol(e.name);
    case 'fn':
      return call(e);
    case 'neg':
      return `-${wrap(e.a, prec(e.a) <= PREC.SUM || e.a.k === 'neg')}`;
    case 'bin':
      return binary(e);
  }
}

const paren = (s: string): string => `\\left(${s}\\right)`;
const wrap = (e: Expr, yes: boolean): string => (yes ? paren(exprToTex(e)) : exprToTex(e));

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'rho',
  'sigma', 'tau', 'phi', 'chi', 'psi', 'omega',
]);

/** A variable name in LaTeX: `theta` → `\theta`, `x1` and `x_1` → `x_{1}`, other long names upright. */
export function texSymbol(name: string): string {
  if (GREEK.has(name)) return `\\${name}`;
  const m = /^([a-zA-Z])_?([0-9]{1,2})$/.exec(name);
  if (m) return `${m[1]}_{${m[2]}}`;
  return name.length === 1 ? name : `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

function number(v: number): string {
  const s = String(v);
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
  if (!m) return s;
  return `${m[1]}\\times 10^{${m[2] === '-' ? '-' : ''}${m[3]}}`;
}

/** Functions whose integer powers are written on the name, as sin²(x). */
const powerOnName = (e: Expr): e is Extract<Expr, { k: 'fn' }> =>
  e.k === 'fn' && e.args.length === 1 && !['sqrt', 'abs', 'exp', 'sign', 'step'].includes(e.name);

function call(e: Extract<Expr, { k: 'fn' }>, power?: string): string {
  const arg = e.args[0] as Expr;
  if (e.name === 'sqrt') return `\\sqrt{${exprToTex(arg)}}`;
  if (e.name === 'abs') return `\\left|${exprToTex(arg)}\\right|`;
  if (e.name === 'exp' && e.args.length === 1) return `e^{${exprToTex(arg)}}`;
  const base = e.args[1];
  if (e.name === 'log' && base !== undefined) return `\\log_{${exprToTex(base)}}${paren(exprToTex(arg))}`;
  const head = functionSpec(e.name)?.tex || `\\operatorname{${e.name}}`;
  return `${head}${power === undefined ? '' : `^{${power}}`}${paren(e.args.map(exprToTex).join(', '))}`;
}

/** A variable or a power of one (x, y^2): what a board writes side by side without a space. e^… is the exponential. */
function isLetter(e: Expr): boolean {
  if (e.k === 'var') return e.name.length === 1;
  return e.k === 'bin' && e.op === '^' && e.a.k === 'var' && e.a.name.length === 1 && e.a.name !== 'e';
}

function binary(e: Extract<Expr, { k: 'bin' }>): string {
  const { a, b } = e;
  switch (e.op) {
    case '+':
      return `${exprToTex(a)}+${wrap(b, prec(b) === PREC.NEG)}`;
    case '-':
      return `${exprToTex(a)}-${wrap(b, prec(b) <= PREC.SUM || prec(b) === PREC.NEG)}`;
    case '*': {
      const left = wrap(a, prec(a) < PREC.PRODUCT);
      const right = wrap(b, prec(b) < PREC.PRODUCT || prec(b) === PREC.NEG);
      // Letters multiply by juxtaposition as on the board (xy, x^2y, 2x); a thin space sets off calls and brackets.
      const juxtaposed = (a.k === 'num' && !(b.k === 'bin' && b.op === '/')) || (isLetter(a) && isLetter(b));
      const sep = /^[\d.]/.test(right) ? '\\cdot ' : juxtaposed ? '' : '\\,';
      return `${left}${sep}${right}`;
    }
    case '/':
      return `\\frac{${exprToTex(a)}}{${exprToTex(b)}}`;
    case '^':
      return power(a, b);
  }
}

function power(a: Expr, b: Expr): string {
  const exp = exprToTex(b);
  if (powerOnName(a) && b.k === 'num' && Number.isInteger(b.v)) return call(a, exp);
  if (a.k === 'fn' && a.name === 'abs') return `${call(a)}^{${exp}}`;
  const bracket = prec(a) < PREC.ATOM || a.k === 'fn' || (a.k === 'num' && !Number.isInteger(a.v));
  return bracket ? `{${paren(exprToTex(a))}}^{${exp}}` : `${exprToTex(a)}^{${exp}}`;
}
