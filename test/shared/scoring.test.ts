import { describe, expect, it } from 'vitest';
import { scoreAnswer, speedPoints, streakBonus } from '../../shared/scoring';

const base = { durationMs: 20_000, speedScoring: true, late: false, streakBefore: 0 } as const;

describe('speedPoints', () => {
  it('gives 1000 for an instant answer', () => expect(speedPoints(0, 20_000)).toBe(1000));
  it('gives 500 at the deadline', () => expect(speedPoints(20_000, 20_000)).toBe(500));
  it('rounds Kahoot formula half way', () => expect(speedPoints(10_000, 20_000)).toBe(750));
  it('clamps time past the deadline to the minimum', () => expect(speedPoints(25_000, 20_000)).toBe(500));
  it('clamps negative time (clock skew) to the maximum', () => expect(speedPoints(-50, 20_000)).toBe(1000));
});

describe('streakBonus', () => {
  it('gives nothing for the first right answer', () => expect(streakBonus(1)).toBe(0));
  it('gives 100 per level after the first', () => expect(streakBonus(3)).toBe(200));
  it('caps the bonus at 500', () => expect(streakBonus(20)).toBe(500));
});

describe('scoreAnswer', () => {
  it('scores a right answer by speed and starts a streak', () => {
    expect(scoreAnswer({ ...base, correct: true, elapsedMs: 5000 })).toEqual({ points: 875, base: 875, streakBonus: 0, streak: 1 });
  });

  it('adds the streak bonus to a right answer', () => {
    expect(scoreAnswer({ ...base, correct: true, elapsedMs: 0, streakBefore: 2 }).points).toBe(1200);
  });

  it('gives a flat 1000 with speed scoring off', () => {
    expect(scoreAnswer({ ...base, speedScoring: false, correct: true, elapsedMs: 19_000 }).points).toBe(1000);
  });

  it('gives 0 and resets the streak for a wrong final-only answer', () => {
    expect(scoreAnswer({ ...base, correct: false, elapsedMs: 1000, streakBefore: 4 })).toEqual({ points: 0, base: 0, streakBonus: 0, streak: 0 });
  });

  it('gives half the points split over layers for right layers when the final is wrong', () => {
    const r = scoreAnswer({ ...base, speedScoring: false, correct: false, elapsedMs: 0, layers: { total: 4, correct: 3 } });
    expect(r.points).toBe(375);
    expect(r.streak).toBe(0);
  });

  it('gives 0 for a late or missing answer whatever was right', () => {
    expect(scoreAnswer({ ...base, correct: true, elapsedMs: 0, late: true, streakBefore: 3 })).toEqual({ points: 0, base: 0, streakBonus: 0, streak: 0 });
  });

  it('never gives more than 1000 base points', () => {
    for (let t = -1000; t <= 30_000; t += 777) expect(scoreAnswer({ ...base, correct: true, elapsedMs: t }).base).toBeLessThanOrEqual(1000);
  });
});
