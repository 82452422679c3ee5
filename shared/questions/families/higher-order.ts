import type { FamilyModule } from '../family';
import { TaskError } from '../family';
import type { Difficulty, ExprTask, Question } from '../types';
import type { Rng } from '../rng';
import { analyseChain, chainPrompt, layerJson, layerSteps, type ChainAnalysis } from '../calculus/chain-question';
import { valuesAt } from '../calculus/numeric';
import { composeAll, poly } from '../calculus/compose';
import { drawChainExpr } from '../calculus/chain-draw';
import { secondDerivative, secondOrderCandidates, secondOrderSteps } from '../calculus/second-order';
import { keepDistinct } from '../calculus/distractors';
import { toText } from '../../math/text';

/**
 * `higher-order`: d²y/dx² of a two-layer composition f(g(x)) = f''(g)·g'² + f'(g)·g''. Difficulty moves
 * from a power or sine of a linear g (g'' = 0) to sec, asin and softplus of curved inner functions.
 */
const OUTER: Readonly<Record<Difficulty, readonly string[]>> = {
  1: ['u^3', 'u^4', 'sin(u)', 'cos(u)', 'exp(u)'],
  2: ['sin(u)', 'cos(u)', 'exp(u)', 'u^3'],
  3: ['log(u)', 'sqrt(u)', '1/u', 'exp(u)', 'sin(u)'],
  4: ['tan(u)', 'atan(u)', 'sqrt(u)', 'sigmoid(u)', 'tanh(u)', 'log(u)'],
  5: ['sec(u)', 'asin(u)', 'softplus(u)', 'log(u)', 'sqrt(u)', 'tanh(u)'],
};

function inner(d: Difficulty, outer: string, rng: Rng): string {
  if (outer === 'asin(u)') return rng.pick(['x/2', 'x^2/4', 'x/3']);
  if (d === 1) return `${rng.int(2, 5)}*x ${rng.bool() ? '+' : '-'} ${rng.int(1, 5)}`;
  if (d === 2) return poly(rng, 2, 'x', true);
  if (d === 3) return rng.pick([`x^2 + ${rng.int(1, 5)}`, 'sin(x)', 'exp(x)', poly(rng, 2, 'x', true)]);
  return rng.pick([`x^2 + ${rng.int(1, 5)}`, 'sin(x)', 'cos(x)', 'exp(x)', `${rng.int(2, 4)}*x^2`]);
}

/**
 * The second derivative is not 0 at most sample points: log(exp(x)) or sqrt(4*x^2) = 2|x| have y'' = 0, a
 * question any guess of 0 answers and no wrong answer can be told from.
 */
function curved(a: ChainAnalysis): boolean {
  const second = secondDerivative(a.layers, a.answer, a.variable).answer;
  const vs = valuesAt(second, a.points);
  return vs.filter((v) => Number.isFinite(v) && Math.abs(v) > 1e-8).length * 2 > a.points.length;
}

/** The `higher-order` family module (see the file comment). */
export const higherOrder: FamilyModule<'higher-order'> = {
  family: 'higher-order',
  generate(difficulty, rng) {
    const expr = drawChainExpr(rng, (r) => {
      const outer = r.pick(OUTER[difficulty]);
      return composeAll([outer], inner(difficulty, outer, r));
    }, 'sin(x^2)', curved);
    return { expr, var: 'x', order: 2 };
  },
  solve(task, meta) {
    return solveSecond(task, meta);
  },
};

function solveSecond(task: ExprTask, meta: { difficulty: Difficulty; seed: number }): Question {
  if (task.order !== undefined && task.order !== 2) throw new TaskError('A higher-order task asks for the second derivative: order must be 2.');
  const a = analyseChain(task);
  const second = secondDerivative(a.layers, a.answer, a.variable);
  return {
    id: `higher-order-${meta.difficulty}-${meta.seed}`,
    family: 'higher-order',
    difficulty: meta.difficulty,
    seed: meta.seed,
    prompt: chainPrompt(a.expr, a.variable, 2),
    task: { expr: toText(a.expr), var: a.variable, order: 2 },
    answer: { expr: toText(second.answer) },
    layers: a.layers.map(layerJson),
    steps: [...layerSteps(a.layers), ...secondOrderSteps(second, a.answer, a.variable)],
    distractors: keepDistinct(second.answer, secondOrderCandidates(second), a.points),
  };
}
