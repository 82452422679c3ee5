/**
 * The server's mathjs second opinion (server/math/): it agrees with every family's generated questions, catches a
 * wrong answer of every kind (an expression, a matrix, a value), and gives rational backprop networks exact values
 * in their worked steps.
 */
import { describe, expect, it } from 'vitest';
import { crossCheck } from '../../../server/math/cross-check';
import { generateChecked, solveChecked } from '../../../server/math/checked';
import { withExactSteps } from '../../../server/math/exact-steps';
import { createMathDeps } from '../../../server/room-runtime/deps';
import { FAMILIES, generateQuestion, solveTask, type Difficulty, type Question } from '../../../shared/questions/index';
import type { RoomSettings } from '../../../shared/protocol';

const LEVELS: Difficulty[] = [1, 2, 3, 4, 5];
const SEEDS = [3, 11, 29];

/** The question with its answer replaced by its first distractor: a wrong answer the checker names. */
function withWrongAnswer(q: Question): Question | null {
  const d = q.distractors?.[0];
  if (!d) return null;
  const answer = d.expr !== undefined ? { expr: d.expr } : d.matrix !== undefined ? { matrix: d.matrix } : { value: d.value as number };
  return { ...q, answer };
}

describe('mathjs cross-check', () => {
  for (const family of FAMILIES) {
    it(`agrees with every generated ${family} question and disputes each one given a distractor as its answer`, () => {
      let disputed = 0;
      for (const d of LEVELS) {
        for (const seed of SEEDS) {
          const q = generateQuestion(family, d, seed);
          expect(crossCheck(q), `${q.id} ${JSON.stringify(q.task)}`).toEqual({ verdict: 'agree' });
          const wrong = withWrongAnswer(q);
          if (!wrong) continue;
          const c = crossCheck(wrong);
          expect(c.verdict, `${q.id} with ${JSON.stringify(wrong.answer).slice(0, 100)}`).toBe('disagree');
          disputed++;
        }
      }
      expect(disputed).toBeGreaterThan(0);
    });
  }

  it('checks a ReLU, a softmax component and a log with a base, which mathjs knows only through rewrites', () => {
    for (const [family, task] of [
      ['activation', { expr: 'relu(3x - 1)^2', var: 'x' }],
      ['activation', { expr: 'e^(2x)/(e^(2x) + e + 1)', var: 'x' }],
      ['chain', { expr: 'log(x^2 + 1, 2)', var: 'x' }],
      ['chain', { expr: 'sigmoid(softplus(x))', var: 'x' }],
    ] as const) {
      expect(crossCheck(solveTask(family, task)), task.expr).toEqual({ verdict: 'agree' });
    }
  });

  it('refuses nothing a teacher writes correctly, and says why when it cannot judge', () => {
    const q = solveChecked('multivariable', { expr: 'x^2*y', subs: { x: 'cos(t)', y: 't^2' }, wrt: 't' });
    expect(q.answer.expr).toBeDefined();
    // An answer defined only beyond the compared points cannot be judged either way: it stands, unchecked.
    const far = solveChecked('chain', { expr: 'sqrt(x - 20)', var: 'x' });
    expect(crossCheck(far)).toEqual({ verdict: 'unchecked', reason: expect.stringMatching(/only 0 points/) });
  });
});

describe('questions as the server hands them out', () => {
  it('are the shared generator\'s questions when mathjs agrees, with the rooms\' generator going through the check', () => {
    const deps = createMathDeps();
    const settings = { source: { kind: 'generated', families: ['chain', 'jacobian'], difficulty: 3 } } as unknown as RoomSettings;
    for (const index of [0, 1, 2]) {
      const q = deps.generate(settings, 1234, index, 0);
      expect(crossCheck(q)).toEqual({ verdict: 'agree' });
      expect(q).toEqual(generateChecked(q.family, q.difficulty, q.seed));
      expect(q).toEqual(generateQuestion(q.family, q.difficulty, q.seed));
    }
  });

  it('give a rational backprop network exact values in its worked steps, and leave an irrational one alone', () => {
    const rational = solveTask('backprop', {
      x: [0.3], y: [1], loss: 'mse', target: 'dL/dW1',
      layers: [{ W: [[0.7]], b: [0.05], activation: 'relu' }, { W: [[1.3]], b: [-0.2], activation: 'linear' }],
    });
    const exact = withExactSteps(rational);
    const annotated = exact.steps.filter((s) => s.latex.includes('\\text{exactly }'));
    expect(annotated.length).toBeGreaterThan(0);
    // dL/dW1 = (a2 - y)·W2·x with a2 = 1.3·0.26 - 0.2 = 0.138: -0.862·1.3·0.3 = -0.33618 exactly, shown as -0.336.
    expect(exact.steps.at(-1)?.latex).toContain('\\text{exactly } -0.33618');
    expect(rational.answer.value).toBeCloseTo(-0.33618, 12);
    expect(exact.answer).toEqual(rational.answer);
    const sigmoid = solveTask('backprop', {
      x: [0.3], y: [1], loss: 'mse', target: 'dL/dW1', layers: [{ W: [[0.7]], b: [0.05], activation: 'sigmoid' }],
    });
    expect(withExactSteps(sigmoid)).toBe(sigmoid);
  });
});
