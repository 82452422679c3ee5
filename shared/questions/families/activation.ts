import type { FamilyModule } from '../family';
import type { Difficulty } from '../types';
import type { Rng } from '../rng';
import { solveChain } from '../calculus/chain-question';
import { coef, plug, poly } from '../calculus/compose';
import { drawChainExpr } from '../calculus/chain-draw';

/**
 * `activation`: derivatives of the functions a neural network is made of. 1: σ, tanh, ReLU of a line;
 * 2: of a quadratic, softplus too; 3: of a function, a softmax component, a squared activation;
 * 4: a log-likelihood log σ(z), a squared error (σ(wx) - 1)^2, activations of activations;
 * 5: a small two-layer unit σ(a·tanh(bx + c)), softmax of a curved score, softplus nests.
 */
const ACT: Readonly<Record<Difficulty, readonly string[]>> = {
  1: ['sigmoid(u)', 'tanh(u)', 'relu(u)'],
  2: ['sigmoid(u)', 'tanh(u)', 'relu(u)', 'softplus(u)'],
  3: ['sigmoid(u)', 'tanh(u)', 'softplus(u)'],
  4: ['sigmoid(u)', 'tanh(u)', 'softplus(u)'],
  5: ['sigmoid(u)', 'tanh(u)', 'softplus(u)', 'relu(u)'],
};

const line = (r: Rng): string => `${coef(r, 2, 4)}*x ${r.bool() ? '+' : '-'} ${r.int(1, 3)}`;

function softmax(r: Rng, score: string): string {
  const others = r.bool() ? `exp(${r.int(1, 3)})` : `exp(${r.int(1, 2)}) + exp(-${r.int(1, 2)})`;
  return `exp(${score})/(exp(${score}) + ${others})`;
}

/**
 * ReLU's inner function with its kink well inside the sampled range (|x| between 1 and 1.5) and wide zero and
 * linear parts: relu(4x - 1) or relu(4x^2 - 2x) differ from the usual wrong answers only on a sliver such as
 * (0, 1/4), where a sampling check may well not look.
 */
function reluInner(d: Difficulty, r: Rng): string {
  const a = r.int(2, 4);
  const b = a + r.int(0, a - 1);
  if (d === 1) return `${r.bool() ? a : -a}*x ${r.bool() ? '+' : '-'} ${b}`;
  return `${a}*x^2 - ${r.pick([a, 2 * a])}`;
}

function draw(d: Difficulty, r: Rng): string {
  const act = r.pick(ACT[d]);
  if (act === 'relu(u)' && d <= 2) return plug(act, reluInner(d, r));
  switch (d) {
    case 1:
      return plug(act, line(r));
    case 2:
      return plug(act, poly(r, 2));
    case 3:
      return r.pick([
        () => plug(act, r.pick(['sin(x)', 'cos(x)', 'exp(-x)', 'x^2'])),
        () => softmax(r, r.bool() ? 'x' : `${r.int(2, 3)}*x`),
        () => `${plug(act, line(r))}^2`,
      ])();
    case 4:
      return r.pick([
        () => `log(sigmoid(${line(r)}))`,
        () => `(sigmoid(${r.int(2, 4)}*x) - 1)^2`,
        () => plug(act, plug(r.pick(['tanh(u)', 'sigmoid(u)', 'softplus(u)']), `${r.int(2, 3)}*x`)),
      ])();
    default:
      return r.pick([
        () => plug(act, `${r.int(2, 3)}*tanh(${line(r)})`),
        () => softmax(r, `x^2`),
        () => `softplus(softplus(${poly(r, 2)}))`,
        () => `log(1 - sigmoid(${r.int(2, 3)}*x^2))`,
      ])();
  }
}

/** The `activation` family module (see the file comment). */
export const activation: FamilyModule<'activation'> = {
  family: 'activation',
  generate(difficulty, rng) {
    return { expr: drawChainExpr(rng, (r) => draw(difficulty, r), 'sigmoid(3*x^2)'), var: 'x' };
  },
  solve(task, meta) {
    return solveChain('activation', task, meta);
  },
};
