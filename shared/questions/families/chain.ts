import type { FamilyModule } from '../family';
import type { Difficulty } from '../types';
import type { Rng } from '../rng';
import { solveChain } from '../calculus/chain-question';
import { composeAll, poly } from '../calculus/compose';
import { drawChainExpr } from '../calculus/chain-draw';

/**
 * `chain`: one composition f(g(x)), always two layers. Difficulty changes how friendly f and g are:
 * 1 polynomials/exp/sin, 3 tan/log/sqrt/atan, 5 sec/asin/softplus and square roots of sums.
 */
const OUTER: Readonly<Record<Difficulty, readonly string[]>> = {
  1: ['sin(u)', 'cos(u)', 'exp(u)', 'sin(u)', 'exp(u)', 'u^2', 'u^3', 'u^4'],
  2: ['sin(u)', 'cos(u)', 'exp(u)', 'u^5', 'tan(u)', 'log(u)', 'sqrt(u)'],
  3: ['tan(u)', 'log(u)', 'sqrt(u)', '1/u', 'sinh(u)', 'cosh(u)', 'atan(u)'],
  4: ['sec(u)', 'atan(u)', 'tanh(u)', 'cot(u)', 'csc(u)', '1/u^2', 'log(u)'],
  5: ['sec(u)', 'asin(u)', 'acos(u)', 'softplus(u)', 'sqrt(u)', 'sech(u)', 'log(u)'],
};

/** The inner g(x), one layer: a polynomial piece or a single function of x (sums at level 5). */
function inner(d: Difficulty, outer: string, rng: Rng): string {
  if (outer === 'asin(u)' || outer === 'acos(u)') return rng.pick(['x/3', 'x^2/4', 'x/2', 'x^3/9']);
  if (d <= 2) return poly(rng, d, 'x', outer.startsWith('u^'));
  if (d === 3) return rng.pick(['sin(x)', 'cos(x)', 'exp(x)', poly(rng, 2)]);
  if (d === 4) return rng.pick(['sin(x)', 'exp(x)', outer.includes('^') ? 'cos(x)' : 'sqrt(x)', 'log(x)', poly(rng, 2)]);
  return rng.pick([`x^2 + ${rng.int(1, 4)}*x + ${rng.int(1, 5)}`, 'sin(x) + cos(x)', 'exp(x) + x', `x^3 + ${rng.int(1, 5)}`]);
}

/** The `chain` family module (see the file comment). */
export const chain: FamilyModule<'chain'> = {
  family: 'chain',
  generate(difficulty, rng) {
    const expr = drawChainExpr(rng, (r) => {
      const outer = r.pick(OUTER[difficulty]);
      return composeAll([outer], inner(difficulty, outer, r));
    }, 'sin(x^2)');
    return { expr, var: 'x' };
  },
  solve(task, meta) {
    return solveChain('chain', task, meta);
  },
};
