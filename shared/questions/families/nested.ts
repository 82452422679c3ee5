import type { FamilyModule } from '../family';
import type { Difficulty } from '../types';
import type { Rng } from '../rng';
import { solveChain } from '../calculus/chain-question';
import { composeAll, poly } from '../calculus/compose';
import { drawChainExpr } from '../calculus/chain-draw';

/**
 * `nested`: three to six layers. Difficulty sets the layer count (1–2: 3, 3: 4, 4: 5, 5: 6) and how
 * friendly the functions are; the innermost layer is a polynomial piece or a plain sin/exp of x.
 */
export const NESTED_LAYERS: Readonly<Record<Difficulty, number>> = { 1: 3, 2: 3, 3: 4, 4: 5, 5: 6 };

const WRAPPERS: Readonly<Record<Difficulty, readonly string[]>> = {
  1: ['sin(u)', 'cos(u)', 'exp(u)', 'u^2', 'u^3'],
  2: ['sin(u)', 'cos(u)', 'exp(u)', 'u^2', 'u^3', 'tan(u)', 'sqrt(u)', 'log(u)'],
  3: ['sin(u)', 'cos(u)', 'exp(u)', 'u^2', 'u^3', 'sqrt(u)', 'log(u)', 'sinh(u)', 'cosh(u)', 'atan(u)'],
  4: ['sin(u)', 'cos(u)', 'exp(u)', 'u^2', 'sqrt(u)', 'log(u)', 'atan(u)', 'tanh(u)', 'sec(u)', 'cosh(u)'],
  5: ['sin(u)', 'cos(u)', 'u^2', 'sqrt(u)', 'log(u)', 'atan(u)', 'tanh(u)', 'sec(u)', 'softplus(u)', 'sigmoid(u)', 'asin(u)'],
};

const INNERMOST = ['sin(x)', 'cos(x)', 'exp(x)'];

/** Outer|inner pairs that cancel or read badly: exp(log(u)), sqrt(u^2), a power of a power or of exp/sqrt. */
const CLASHES: ReadonlySet<string> = new Set([
  'u^2|u^3', 'u^3|u^2', 'u^2|exp(u)', 'u^3|exp(u)', 'u^2|sqrt(u)', 'u^3|sqrt(u)', 'exp(u)|log(u)', 'log(u)|exp(u)',
  'sqrt(u)|u^2', 'log(u)|u^2', 'log(u)|u^3', 'sqrt(u)|exp(u)', 'log(u)|sqrt(u)',
]);

/** Picks wrappers outermost first; no function twice in a row and never a power of a power. */
function wrappers(d: Difficulty, count: number, rng: Rng): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const w = rng.pick(WRAPPERS[d]);
    const prev = out[out.length - 1];
    if (w === prev || (prev !== undefined && CLASHES.has(`${prev}|${w}`))) continue;
    out.push(w);
  }
  return out;
}

/** The `nested` family module (see the file comment). */
export const nested: FamilyModule<'nested'> = {
  family: 'nested',
  generate(difficulty, rng) {
    const expr = drawChainExpr(rng, (r) => {
      const ws = wrappers(difficulty, NESTED_LAYERS[difficulty] - 1, r);
      const last = ws[ws.length - 1] ?? '';
      const sumOnly = last.startsWith('u^') || last === 'sqrt(u)' || last === 'log(u)';
      const innermost = r.bool(0.6) ? poly(r, difficulty, 'x', sumOnly) : r.pick(INNERMOST);
      return composeAll(ws, innermost);
    }, NESTED_FALLBACK[difficulty]);
    return { expr, var: 'x' };
  },
  solve(task, meta) {
    return solveChain('nested', task, meta);
  },
};

const NESTED_FALLBACK: Readonly<Record<Difficulty, string>> = {
  1: 'sin(cos(x^2))',
  2: 'exp(sin(2*x + 1))',
  3: 'sin(exp(cos(x^2 + 1)))',
  4: 'sqrt(exp(sin(cos(x^2 + 1))))',
  5: 'log(cosh(sin(exp(cos(x^2 + 1)))))',
};
