import type { Expr } from './ast';
import { functionSpec } from './functions';

/**
 * LaTeX of the checker's tree, for the live preview: the preview prints the tree the checker judges, so
 * `6x(x^2+1)^2` shows 6x(x²+1)² and `e^2x` shows e²x — never a reading the checker does not make.
 * Parentheses are exactly those the structure needs; function heads come from the one function table.
 */
export function exprToTex(e: Expr): string {
  return tex(e);
}

const SUM = 1;
const PRODUCT = 2;
const NEG = 3;
const POW = 4;
const ATOM = 5;

function prec(e: Expr): number {
  switch (e.k) {
    case 'num':
      return e.v < 0 ? NEG : ATOM;
    case 'var':
    case 'fn':
      return ATOM;
    case 'neg':
      return NEG;
    case 'bin':
      return e.op === '+' || e.op === '-' ? SUM : e.op === '^' ? POW : PRODUCT;
  }
}

const paren = (s: string): string => `\\left(${s}\\right)`;

function tex(e: Expr): string {
  switch (e.k) {
    case 'num':
      return number(e.v);
    case 'var':
      return symbol(e.name);
    case 'neg':
      return `-${prec(e.a) <= NEG ? paren(tex(e.a)) : tex(e.a)}`;
    case 'fn':
      return call(e);
    case 'bin':
      return binary(e);
  }
}

function binary(e: Extract<Expr, { k: 'bin' }>): string {
  const a = tex(e.a);
  switch (e.op) {
    case '+':
      if (e.b.k === 'neg') return `${a}-${prec(e.b.a) <= SUM ? paren(tex(e.b.a)) : tex(e.b.a)}`;
      return `${a}+${tex(e.b)}`;
    case '-':
      return `${a}-${prec(e.b) <= SUM || prec(e.b) === NEG ? paren(tex(e.b)) : tex(e.b)}`;
    case '/':
      return `\\frac{${a}}{${tex(e.b)}}`;
    case '^': {
      // sin(x)^2 is written sin²(x), as on the board.
      const f = e.a;
      const head = f.k === 'fn' && f.args.length === 1 && f.name !== 'sqrt' ? functionSpec(f.name)?.tex : undefined;
      if (f.k === 'fn' && head && e.b.k === 'num' && Number.isInteger(e.b.v) && e.b.v > 0) {
        return `${head}^{${e.b.v}}${paren(tex(f.args[0] as Expr))}`;
      }
      const base = prec(e.a) < ATOM || e.a.k === 'fn' ? paren(a) : a;
      return `{${base}}^{${tex(e.b)}}`;
    }
    case '*': {
      const left = prec(e.a) < PRODUCT ? paren(a) : a;
      const rightTex = tex(e.b);
      const right = prec(e.b) <= PRODUCT && !(e.b.k === 'bin' && e.b.op === '*') ? paren(rightTex) : rightTex;
      // 2x, 3\sin x, x(x+1) as on the board; a dot only where digits would run together.
      const dot = startsWithDigit(e.b) || (e.a.k === 'bin' && e.a.op === '/') ? ' \\cdot ' : ' ';
      return `${left}${dot}${right}`;
    }
  }
}

/** Does the printed factor start with a digit (so that a juxtaposed coefficient would run into it)? */
function startsWithDigit(e: Expr): boolean {
  if (e.k === 'num') return true;
  if (e.k === 'bin' && e.op === '*') return startsWithDigit(e.a);
  if (e.k === 'bin' && e.op === '^') return e.a.k === 'num';
  return false;
}

function call(e: Extract<Expr, { k: 'fn' }>): string {
  const arg = tex(e.args[0] as Expr);
  if (e.name === 'sqrt') return `\\sqrt{${arg}}`;
  if (e.name === 'abs') return `\\left|${arg}\\right|`;
  const base = e.args[1];
  if (e.name === 'log' && base !== undefined) return `\\log_{${tex(base)}}${paren(arg)}`;
  const head = functionSpec(e.name)?.tex ?? `\\operatorname{${e.name}}`;
  return `${head}${paren(arg)}`;
}

const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'theta', 'phi', 'psi', 'omega', 'lambda', 'mu', 'rho', 'tau', 'pi', 'sigma']);

function symbol(name: string): string {
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
