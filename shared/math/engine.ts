import { create, all, type FactoryFunctionMap, type MathJsInstance } from 'mathjs';
import { REAL_FUNCTIONS } from './functions';

/**
 * The trusted mathjs instance for code we write ourselves (generators, solvers, LaTeX). Player input never
 * goes through `math.parse` directly: it goes through the checker's bounded, allow-listed parser.
 *
 * Extra functions of docs/question-format.md#expressions: `sigmoid`, `softplus`, `relu`, and `ln` as an alias of `log`.
 */
export const math: MathJsInstance = create(all as FactoryFunctionMap, { number: 'number' });

/** Functions mathjs lacks, with the one table's implementations (functions.ts), and `ln` as an alias of `log`. */
math.import(
  {
    ...Object.fromEntries(['sigmoid', 'softplus', 'relu'].map((n) => [n, REAL_FUNCTIONS[n] as (x: number) => number])),
    ln: (x: number): number => Math.log(x),
  },
  { override: true },
);
