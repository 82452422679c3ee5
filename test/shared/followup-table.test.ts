import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../shared/check/answer';
import { MISTAKE_CODES, type AnswerInput } from '../../shared/check/types';
import { aims, followUpQuestion, followUpRound } from '../../shared/followup/generate';
import { FOLLOW_UP_TABLE } from '../../shared/followup/table';
import type { Distractor } from '../../shared/questions/types';

const SEEDS = [0, 1, 2, 3, 7, 42, 1234, 99991];

/** The distractor as a player would type it. */
function typed(d: Distractor): AnswerInput {
  if (d.expr !== undefined) return d.expr;
  if (d.matrix !== undefined) return d.matrix;
  return d.value as AnswerInput;
}

describe('the mistake → follow-up table', () => {
  it('has aims for every mistake code the checker can name', () => {
    for (const code of MISTAKE_CODES) expect(FOLLOW_UP_TABLE[code]?.length ?? 0, code).toBeGreaterThan(0);
  });

  for (const code of MISTAKE_CODES) {
    it(`every follow-up question for ${code} names it as a distractor, and the checker names it back`, () => {
      const list = FOLLOW_UP_TABLE[code];
      for (const seed of SEEDS) {
        for (let variant = 0; variant < list.length; variant++) {
          const aim = list[variant];
          if (!aim) throw new Error('unreachable');
          const where = `${code}, seed ${seed}, aim ${variant} (${aim.family} ${aim.difficulty})`;
          const q = followUpQuestion(code, seed, variant);
          // The aim itself delivered it (never a fall-back to another family).
          expect([q.family, q.difficulty], `${where}: got ${q.id}`).toEqual([aim.family, aim.difficulty]);
          expect(aims(q, code, aim), `${where}: ${q.prompt.text} distractors ${JSON.stringify(q.distractors?.map((d) => d.mistake))}`).toBe(true);
          const d = q.distractors?.find((x) => x.mistake === code);
          if (!d) throw new Error(where);
          const verdict = checkAnswer(q, typed(d));
          expect({ correct: verdict.correct, mistake: verdict.mistake }, `${where}: ${q.prompt.text} answered ${JSON.stringify(typed(d))}`)
            .toEqual({ correct: false, mistake: code });
        }
      }
    });
  }

  it('a round takes the mistakes in turn, each question aimed at its own', () => {
    const mistakes = ['forgot-inner-derivative', 'wrong-order'] as const;
    for (const seed of [5, 6]) {
      const round = followUpRound(mistakes, 6, seed);
      expect(round).toHaveLength(6);
      round.forEach((q, i) => {
        const code = mistakes[i % 2] as (typeof mistakes)[number];
        expect(q.distractors?.some((d) => d.mistake === code), `seed ${seed}, question ${i + 1}: ${q.id}`).toBe(true);
      });
      // Three questions on one mistake come from different aims.
      expect(new Set(round.filter((_, i) => i % 2 === 0).map((q) => `${q.family}-${q.difficulty}`)).size).toBeGreaterThan(1);
      expect(followUpRound(mistakes, 6, seed).map((q) => q.id)).toEqual(round.map((q) => q.id));
    }
    expect(followUpRound([], 5, 1)).toEqual([]);
  });
});
