import { describe, expect, it } from 'vitest';
import { bestKey, pointsFor, readBest, recordAnswer, saveBest, startRun } from '../../client/src/screens/solo/solo-run';

const config = { families: ['nested', 'chain'] as const, difficulty: 2 as const, durationMs: 180_000 };

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
}

describe('solo run', () => {
  it('raises the difficulty when two answers in a row are right', () => {
    const s = recordAnswer(recordAnswer(startRun({ ...config, families: [...config.families] }), true), true);
    expect(s.difficulty).toBe(3);
    expect(s.correct).toBe(2);
  });

  it('keeps the difficulty when only one answer is right', () => {
    const s = recordAnswer(startRun({ ...config, families: [...config.families] }), true);
    expect(s.difficulty).toBe(2);
  });

  it('lowers the difficulty and resets the streak when an answer is wrong', () => {
    const s0 = recordAnswer(startRun({ ...config, families: [...config.families] }), true);
    const s = recordAnswer(s0, false);
    expect(s.difficulty).toBe(1);
    expect(s.streak).toBe(0);
    expect(s.answered).toBe(2);
  });

  it('never goes below difficulty 1 or above 5 when answers keep coming', () => {
    let s = startRun({ ...config, families: [...config.families], difficulty: 1 });
    s = recordAnswer(s, false);
    expect(s.difficulty).toBe(1);
    for (let i = 0; i < 20; i++) s = recordAnswer(s, true);
    expect(s.difficulty).toBe(5);
  });

  it('scores more for harder questions and longer streaks when answers are right', () => {
    expect(pointsFor(3, 0)).toBeGreaterThan(pointsFor(2, 0));
    expect(pointsFor(2, 3)).toBeGreaterThan(pointsFor(2, 0));
    expect(pointsFor(2, 50)).toBe(pointsFor(2, 5));
  });
});

describe('personal bests', () => {
  it('keys bests by topic set regardless of order when the topics are the same', () => {
    expect(bestKey({ families: ['chain', 'nested'], durationMs: 60_000 })).toBe(bestKey({ families: ['nested', 'chain'], durationMs: 60_000 }));
    expect(bestKey({ families: ['chain'], durationMs: 60_000 })).not.toBe(bestKey({ families: ['chain'], durationMs: 180_000 }));
  });

  it('stores a score only when it beats the best', () => {
    const store = memoryStorage();
    expect(saveBest(store, 'k', 500)).toBe(true);
    expect(saveBest(store, 'k', 300)).toBe(false);
    expect(readBest(store, 'k')).toBe(500);
  });

  it('reads 0 when the stored value is garbage', () => {
    const store = memoryStorage();
    store.setItem('k', '<script>');
    expect(readBest(store, 'k')).toBe(0);
  });
});
