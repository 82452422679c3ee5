/** The default time per question (shared/timing/question-seconds.ts): one table, overridden only by the host. */
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../shared/questions/types';
import { DEFAULT_SECONDS, MAX_SECONDS, MIN_SECONDS, defaultSeconds, questionSeconds } from '../../shared/timing/question-seconds';

describe('question time', () => {
  it('gives longer tasks more time: harder levels and heavier families', () => {
    for (const f of FAMILIES) {
      const row = DEFAULT_SECONDS[f];
      for (let d = 1; d < 5; d++) expect(row[d]!, `${f} at ${d + 1}`).toBeGreaterThanOrEqual(row[d - 1]!);
      for (const s of row) expect(s >= MIN_SECONDS && s <= MAX_SECONDS).toBe(true);
    }
    expect(defaultSeconds('backprop', 3)).toBeGreaterThan(defaultSeconds('chain', 3));
    expect(defaultSeconds('jacobian', 5)).toBeGreaterThan(defaultSeconds('chain', 5));
  });

  it("uses the host's time for a topic, then one time for all, then the table", () => {
    expect(questionSeconds({}, 'chain', 2)).toBe(defaultSeconds('chain', 2));
    expect(questionSeconds({ secondsPerQuestion: 33 }, 'chain', 2)).toBe(33);
    expect(questionSeconds({ secondsPerQuestion: 33, secondsByFamily: { chain: 70 } }, 'chain', 2)).toBe(70);
    expect(questionSeconds({ secondsPerQuestion: 33, secondsByFamily: { chain: 70 } }, 'backprop', 2)).toBe(33);
  });
});
