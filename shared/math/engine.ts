import { create, all, type FactoryFunctionMap, type MathJsInstance } from 'mathjs';

/**
 * The trusted mathjs instance for code we write ourselves (generators, solvers, LaTeX). Player input never
 * goes through `math.parse` directly: it goes through the checker's bounded, allow-listed parser.
 *
 * Extra functions from question-format.md: `sigmoid`, `softplus`, `relu`, and `ln` as an alias of `log`.
 */
export const math: MathJsInstance = create(all as FactoryFunctionMap, { number: 'number' });

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const softplus = (x: number): number => (x > 30 ? x : Math.log1p(Math.exp(x)));
const relu = (x: number): number => (x > 0 ? x : 0);

math.import(
  {
    sigmoid,
    softplus,
    relu,
    ln: (x: number): number => Math.log(x),
  },
  { override: true },
);
