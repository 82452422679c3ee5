import { describe, expect, it } from 'vitest';
import { backprop } from '../../../shared/questions/families/backprop';
import { TaskError } from '../../../shared/questions/family';
import { createRng, type Rng } from '../../../shared/questions/rng';
import type { Activation, BackpropTask, Question } from '../../../shared/questions/types';
import { centralDiff, referenceLoss, referenceZ } from './backprop-reference';

const LESSON: BackpropTask = {
  x: [2], y: [1], loss: 'mse',
  layers: [{ W: [[0.5]], b: [0.1], activation: 'sigmoid' }, { W: [[0.8]], b: [0.2], activation: 'sigmoid' }],
  target: 'loss',
};

const solve = (task: BackpropTask, target: string): Question => backprop.solve({ ...task, target }, { difficulty: 3, seed: 0 });
const value = (task: BackpropTask, target: string): number | number[] | number[][] => solve(task, target).answer.value as number;
const sf3 = (v: unknown): number => Number((v as number).toPrecision(3));
const asMatrix = (v: unknown): number[][] => (typeof v === 'number' ? [[v]] : Array.isArray((v as unknown[])[0]) ? (v as number[][]) : (v as number[]).map((x) => [x]));
const asVector = (v: unknown): number[] => (typeof v === 'number' ? [v] : (v as number[]));

function randomNet(rng: Rng, sizes: number[], acts: Activation[], loss: BackpropTask['loss']): BackpropTask {
  for (;;) {
    const r = (): number => Math.round((rng.next() * 2 - 1) * 100) / 100;
    const layers = acts.map((activation, k) => ({
      W: Array.from({ length: sizes[k + 1] as number }, () => Array.from({ length: sizes[k] as number }, r)),
      b: Array.from({ length: sizes[k + 1] as number }, r),
      activation,
    }));
    const n = sizes[sizes.length - 1] as number;
    const hot = rng.int(0, n - 1);
    const y = loss === 'mse' ? Array.from({ length: n }, r) : Array.from({ length: n }, (_, i) => (n === 1 ? rng.int(0, 1) : i === hot ? 1 : 0));
    const task: BackpropTask = { x: Array.from({ length: sizes[0] as number }, () => r() * 2), y, loss, layers, target: 'loss' };
    // Central differences straddling ReLU's kink would be wrong, not the code under test: keep away from it.
    const nearKink = referenceZ(task).some((z, k) => acts[k] === 'relu' && z.some((v) => Math.abs(v) < 0.01));
    if (!nearKink) return task;
  }
}

const CASES: Array<{ name: string; sizes: number[]; acts: Activation[]; loss: BackpropTask['loss'] }> = [
  { name: 'sigmoid → sigmoid (mse)', sizes: [2, 3, 1], acts: ['sigmoid', 'sigmoid'], loss: 'mse' },
  { name: 'tanh → linear (mse)', sizes: [3, 2, 2], acts: ['tanh', 'linear'], loss: 'mse' },
  { name: 'relu → tanh → sigmoid (mse)', sizes: [2, 3, 2, 1], acts: ['relu', 'tanh', 'sigmoid'], loss: 'mse' },
  { name: 'relu → softmax (mse)', sizes: [2, 2, 3], acts: ['relu', 'softmax'], loss: 'mse' },
  { name: 'tanh → softmax (cross-entropy)', sizes: [2, 3, 3], acts: ['tanh', 'softmax'], loss: 'cross-entropy' },
  { name: 'sigmoid → sigmoid (binary cross-entropy)', sizes: [2, 2, 1], acts: ['sigmoid', 'sigmoid'], loss: 'cross-entropy' },
  { name: 'linear only (mse)', sizes: [3, 2], acts: ['linear'], loss: 'mse' },
];

function nudgeParam(task: BackpropTask, layer: number, kind: 'W' | 'b', r: number, c: number, delta: number): BackpropTask {
  const copy = structuredClone(task);
  const l = copy.layers[layer - 1];
  if (!l) throw new Error('no layer');
  if (kind === 'W') (l.W[r] as number[])[c] = (l.W[r]?.[c] as number) + delta;
  else l.b[r] = (l.b[r] as number) + delta;
  return copy;
}

describe('backprop family', () => {
  it('gives the lesson figures loss 0.0480, dL/dW2 -0.0497, dL/dW1 -0.0199 when solving the lesson network', () => {
    expect(sf3(value(LESSON, 'loss'))).toBe(0.048);
    expect(sf3(value(LESSON, 'dL/dW2'))).toBe(-0.0497);
    expect(sf3(value(LESSON, 'dL/dW1'))).toBe(-0.0199);
  });

  it('keeps full double precision in answer.value when the target is the loss', () => {
    const a1 = 1 / (1 + Math.exp(-1.1));
    const a2 = 1 / (1 + Math.exp(-(0.8 * a1 + 0.2)));
    expect(value(LESSON, 'loss')).toBe(0.5 * (a2 - 1) ** 2);
  });

  for (const c of CASES) {
    it(`matches central differences for every weight and bias when the network is ${c.name}`, () => {
      const rng = createRng(c.name.length * 977);
      for (let trial = 0; trial < 3; trial++) {
        const task = randomNet(rng, c.sizes, c.acts, c.loss);
        task.layers.forEach((l, k) => {
          const dW = asMatrix(value(task, `dL/dW${k + 1}`));
          const db = asVector(value(task, `dL/db${k + 1}`));
          l.W.forEach((row, r) => row.forEach((_, col) => {
            expect(dW[r]?.[col]).toBeCloseTo(centralDiff((h) => referenceLoss(nudgeParam(task, k + 1, 'W', r, col, h))), 6);
          }));
          l.b.forEach((_, r) => expect(db[r]).toBeCloseTo(centralDiff((h) => referenceLoss(nudgeParam(task, k + 1, 'b', r, 0, h))), 6));
        });
      }
    });

    it(`matches central differences for every z, activation and x when the network is ${c.name}`, () => {
      const task = randomNet(createRng(c.name.length * 31), c.sizes, c.acts, c.loss);
      task.layers.forEach((_, k) => {
        const i = k + 1;
        asVector(value(task, `dL/dz${i}`)).forEach((g, j) => expect(g).toBeCloseTo(centralDiff((h) => referenceLoss(task, { kind: 'z', layer: i, index: j, delta: h })), 6));
        asVector(value(task, `dL/da${i}`)).forEach((g, j) => expect(g).toBeCloseTo(centralDiff((h) => referenceLoss(task, { kind: 'a', layer: i, index: j, delta: h })), 6));
      });
      asVector(value(task, 'dL/dx')).forEach((g, j) => expect(g).toBeCloseTo(centralDiff((h) => referenceLoss(task, { kind: 'a', layer: 0, index: j, delta: h })), 6));
    });
  }

  it('picks the 1-based entry of the full gradient when the target is indexed', () => {
    const task = randomNet(createRng(5), [3, 2, 2], ['tanh', 'sigmoid'], 'mse');
    const full = value(task, 'dL/dW1') as number[][];
    expect(value(task, 'dL/dW1[2][3]')).toBe(full[1]?.[2]);
    expect(value(task, 'dL/dz2[2]')).toBe((value(task, 'dL/dz2') as number[])[1]);
  });

  it('gives vectors and matrices in their natural shapes when the layer has several neurons', () => {
    const task = randomNet(createRng(6), [3, 2, 1], ['tanh', 'sigmoid'], 'mse');
    expect(asMatrix(value(task, 'dL/dW1')).map((r) => r.length)).toEqual([3, 3]);
    expect((value(task, 'dL/dW1') as number[][]).length).toBe(2);
    expect(value(task, 'dL/dW2')).toEqual([expect.any(Array)]);
    expect((value(task, 'a1') as number[]).length).toBe(2);
  });

  it('computes forward values z and a when the target is a forward quantity', () => {
    expect(value(LESSON, 'z1')).toBeCloseTo(1.1, 12);
    expect(value(LESSON, 'a1')).toBeCloseTo(1 / (1 + Math.exp(-1.1)), 12);
  });

  it('lists forward then backward quantities in computation order, ending at the target', () => {
    const names = (solve(LESSON, 'dL/dW1').backward ?? []).map((s) => s.name);
    expect(names).toEqual(['z1', 'a1', 'z2', 'a2', 'loss', 'dL/da2', 'dL/dz2', 'dL/dW2', 'dL/db2', 'dL/da1', 'dL/dz1', 'dL/dW1']);
    expect((solve(LESSON, 'a1').backward ?? []).map((s) => s.name)).toEqual(['z1', 'a1']);
  });

  it('gives every backward step and worked step text and LaTeX when solving', () => {
    const q = solve(LESSON, 'dL/dW1');
    for (const s of [...(q.backward ?? []), ...q.steps]) {
      expect(s.text.length).toBeGreaterThan(3);
      expect(s.latex.length).toBeGreaterThan(3);
    }
    expect(q.steps.at(-1)?.text).toContain('-0.01988');
    expect(q.prompt.latex).toContain('W_{2}');
  });

  it('uses the backward step values as the answer when the target is the last step', () => {
    const q = solve(LESSON, 'dL/db2');
    expect(q.backward?.at(-1)?.value).toBe(q.answer.value);
  });

  it('offers sign-error, activation-derivative-missing and wrong-order distractors when they differ', () => {
    const task = randomNet(createRng(8), [3, 2, 1], ['sigmoid', 'sigmoid'], 'mse');
    const q = solve(task, 'dL/dW1');
    const byCode = new Map((q.distractors ?? []).map((d) => [d.mistake, d.value]));
    expect(byCode.get('sign-error')).toEqual((q.answer.value as number[][]).map((r) => r.map((v) => -v)));
    expect(byCode.get('wrong-order')).toEqual((q.answer.value as number[][])[0]?.map((_, c) => (q.answer.value as number[][]).map((r) => r[c])));
    expect(byCode.has('activation-derivative-missing')).toBe(true);
  });

  it('leaves out the activation-derivative-missing distractor when every layer is linear', () => {
    const task = randomNet(createRng(9), [2, 2], ['linear'], 'mse');
    expect(solve(task, 'dL/dW1').distractors?.map((d) => d.mistake)).not.toContain('activation-derivative-missing');
  });

  it('leaves out the wrong-order distractor when the weight gradient is 1×1', () => {
    expect(solve(LESSON, 'dL/dW2').distractors?.map((d) => d.mistake)).not.toContain('wrong-order');
  });

  it('has no distractors when the target is a forward value', () => {
    expect(solve(LESSON, 'a2').distractors).toBeUndefined();
  });
});

describe('backprop task validation', () => {
  const bad: Array<[string, unknown, RegExp]> = [
    ['not an object', 'abc', /JSON object/],
    ['x missing', { ...LESSON, x: undefined }, /x must be/],
    ['a non-finite weight', { ...LESSON, layers: [{ W: [[null]], b: [0.1], activation: 'sigmoid' }] }, /W1 row 1\[1\] is not a finite number/],
    ['a W row of the wrong width', { ...LESSON, layers: [{ W: [[0.5, 0.1]], b: [0.1], activation: 'sigmoid' }] }, /W1 row 1 has 2 entries, but x has 1/],
    ['b of the wrong length', { ...LESSON, layers: [{ W: [[0.5]], b: [0.1, 0.2], activation: 'sigmoid' }] }, /b1 has 2 entries/],
    ['y of the wrong length', { ...LESSON, y: [1, 0] }, /y has 2 entries, but the last layer has 1/],
    ['an unknown activation', { ...LESSON, layers: [{ W: [[0.5]], b: [0.1], activation: 'swish' }] }, /activation "swish"/],
    ['softmax on a hidden layer', { ...LESSON, layers: [{ W: [[0.5]], b: [0.1], activation: 'softmax' }, LESSON.layers[1]] }, /Softmax is allowed only on the last layer/],
    ['an unknown loss', { ...LESSON, loss: 'hinge' }, /loss must be/],
    ['cross-entropy after tanh', { ...LESSON, loss: 'cross-entropy', layers: [{ W: [[0.5]], b: [0.1], activation: 'tanh' }] }, /Cross-entropy needs/],
    ['an unknown target', { ...LESSON, target: 'dL/dq1' }, /Unknown target/],
    ['a target layer out of range', { ...LESSON, target: 'dL/dW3' }, /layers 1 to 2/],
    ['an index out of range', { ...LESSON, target: 'dL/dW2[1][2]' }, /out of range/],
    ['one index on a matrix', { ...LESSON, target: 'dL/dW2[1]' }, /two indices/],
    ['too many layers', { ...LESSON, layers: Array.from({ length: 9 }, () => ({ W: [[0.5]], b: [0.1], activation: 'sigmoid' })) }, /at most 8/],
    ['a huge input', { ...LESSON, x: [1e300] }, /too large/],
  ];
  for (const [what, task, message] of bad) {
    it(`throws a TaskError naming the problem when the task has ${what}`, () => {
      const call = (): Question => backprop.solve(task as BackpropTask, { difficulty: 3, seed: 0 });
      expect(call).toThrow(TaskError);
      expect(call).toThrow(message);
    });
  }

  it('accepts a target with spaces and normalises its name when solving', () => {
    expect(solve(LESSON, ' dL/dW2 [1] [1] ').task).toMatchObject({ target: 'dL/dW2[1][1]' });
  });
});
