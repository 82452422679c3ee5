import { describe, expect, it } from 'vitest';
import { checkAnswer, type AnswerInput } from '../../../shared/check/index';
import { FAMILIES, generateQuestion, solveTask, type Difficulty, type Question } from '../../../shared/questions/index';

function answerOf(q: Question): AnswerInput {
  return (q.answer.expr ?? q.answer.matrix ?? q.answer.value) as AnswerInput;
}

/** A few questions per family from the real generators: the checker must agree with the solvers. */
function sample(family: (typeof FAMILIES)[number]): Question[] {
  return [1, 3, 5].map((d) => generateQuestion(family, d as Difficulty, 7));
}

describe('checkAnswer on generated questions', () => {
  for (const family of FAMILIES) {
    it(`accepts the stored answer when the question is a generated ${family} question`, () => {
      for (const q of sample(family)) expect(checkAnswer(q, answerOf(q)).correct, q.id).toBe(true);
    });

    it(`names each distractor's mistake when a ${family} answer matches it`, () => {
      for (const q of sample(family)) {
        const ds = q.distractors ?? [];
        ds.forEach((d, i) => {
          const v = checkAnswer(q, (d.expr ?? d.matrix ?? d.value) as AnswerInput);
          expect(v.correct, `${q.id} ${d.mistake}`).toBe(false);
          // Two distractors can coincide (e.g. -1 is both a sign error and a dropped factor); the first wins.
          const first = ds.findIndex((o) => o.mistake === v.mistake);
          expect(first >= 0 && first <= i, `${q.id} ${d.mistake} got ${String(v.mistake)}`).toBe(true);
        });
      }
    });
  }

  it('accepts every layer derivative when the player answers layer by layer', () => {
    const q = generateQuestion('nested', 3, 11);
    const v = checkAnswer(q, answerOf(q), (q.layers ?? []).map((l) => l.evaluated));
    expect(v.layers?.every((l) => l.correct)).toBe(true);
  });

  it('reproduces the lesson network figure when the backprop answer is typed to 3 s.f.', () => {
    const task = {
      x: [2.0], y: [1.0], loss: 'mse' as const,
      layers: [{ W: [[0.5]], b: [0.1], activation: 'sigmoid' as const }, { W: [[0.8]], b: [0.2], activation: 'sigmoid' as const }],
      target: 'dL/dW2',
    };
    const q = solveTask('backprop', task);
    expect(checkAnswer(q, '-0.0497').correct).toBe(true);
    expect(checkAnswer(q, '-0.0498').correct).toBe(false);
  });
});
