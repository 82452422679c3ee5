import { describe, expect, it } from 'vitest';
import { FAMILIES, generateQuestion, type Difficulty } from '../../../shared/questions/index';

const DIFFICULTIES: Difficulty[] = [1, 2, 3, 4, 5];
const SEEDS = 20;

describe('generateQuestion determinism', () => {
  for (const family of FAMILIES) {
    it(`gives byte-identical questions for the same seed when the family is ${family}`, () => {
      for (const d of DIFFICULTIES) {
        for (let seed = 0; seed < SEEDS; seed++) {
          const a = JSON.stringify(generateQuestion(family, d, seed));
          const b = JSON.stringify(generateQuestion(family, d, seed));
          expect(b, `${family}/${d}/${seed}`).toBe(a);
        }
      }
    });

    it(`names each question ${family}-<difficulty>-<seed> and varies it with the seed`, () => {
      for (const d of DIFFICULTIES) {
        const tasks = new Set<string>();
        for (let seed = 0; seed < SEEDS; seed++) {
          const q = generateQuestion(family, d, seed);
          expect(q.id).toBe(`${family}-${d}-${seed}`);
          expect([q.family, q.difficulty, q.seed]).toEqual([family, d, seed]);
          tasks.add(JSON.stringify(q.task));
        }
        expect(tasks.size, `${family}/${d}`).toBeGreaterThan(SEEDS / 4);
      }
    });
  }

  it('gives the same question when it is generated again after other families ran in between', () => {
    const first = JSON.stringify(generateQuestion('implicit2', 3, 7));
    for (const family of FAMILIES) generateQuestion(family, 3, 99);
    expect(JSON.stringify(generateQuestion('implicit2', 3, 7))).toBe(first);
  });
});
