import type { Expr } from './ast';

/**
 * The one text printer: a tree as compact expression-language text (`-2*x*sin(x^2)*cos(cos(x^2))`, `x^2 + 1`,
 * `1/(2*sqrt(x))`, `e^(-t)`), with exactly the parentheses the parser (shared/math/parser.ts) needs to read the
 * same tree back. It writes every expression a question stores (docs/question-format.md), so the prompts, the
 * CSV report and the phone's review show what the LaTeX printer (latex.ts) typesets.
 */
export function toText(e: Expr): string {
  switch (e.k) {
    case 'num':
      return String(e.v);
    case 'var':
      return e.name;
    case 'fn':
      if (e.name === 'exp' && e.args.length === 1) return `e^${exponent(e.args[0] as Expr)}`;
      return `${e.name}(${e.args.map(toText).join(', ')})`;
    case 'neg':
      return `-${wrap(e.a, (a) => prec(a) <= SUM || a.k === 'neg')}`;
    case 'bin':
      return binary(e);
  }
}

const SUM = 1;
const PRODUCT = 2;
const NEG = 3;
const POW = 4;
const ATOM = 5;

/** How tightly a node binds as printed (an exponential prints as a power, e^x). */
export function prec(e: Expr): number {
  switch (e.k) {
    case 'num':
      return e.v < 0 ? NEG : ATOM;
    case 'var':
      return ATOM;
    case 'fn':
      return e.name === 'exp' && e.args.length === 1 ? POW : ATOM;
    case 'neg':
      return NEG;
    case 'bin':
      return e.op === '+' || e.op === '-' ? SUM : e.op === '^' ? POW : PRODUCT;
  }
}

export const PREC = { SUM, PRODUCT, NEG, POW, ATOM } as const;

function wrap(e: Expr, yes: (e: Expr) => boolean): string {
  return yes(e) ? `(${toText(e)})` : toText(e);
}

/** An exponent: bracketed unless it is a number or a letter, so `e^(sin(x))` reads at a glance. */
function exponent(e: Expr): string {
  return wrap(e, (x) => x.k !== 'num' && x.k !== 'var');
}

function binary(e: Extract<Expr, { k: 'bin' }>): string {
  const { a, b } = e;
  switch (e.op) {
    case '+':
      return `${toText(a)} + ${wrap(b, (x) => prec(x) === NEG)}`;
    case '-':
      return `${toText(a)} - ${wrap(b, (x) => prec(x) <= SUM || prec(x) === NEG)}`;
    case '*':
      return `${wrap(a, (x) => prec(x) < PRODUCT)}*${wrap(b, (x) => prec(x) < PRODUCT || prec(x) === NEG)}`;
    case '/':
      return `${wrap(a, (x) => prec(x) < PRODUCT)}/${wrap(b, (x) => prec(x) < POW)}`;
    case '^':
      return `${wrap(a, (x) => prec(x) < ATOM)}^${exponent(b)}`;
  }
}
