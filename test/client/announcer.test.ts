/** The time calls of the live region (client/src/app/announcer.ts): 30 s and 10 s, once each, from above only. */
import { describe, expect, it } from 'vitest';
import { timeCalls } from '../../client/src/app/announcer';

describe('timeCalls', () => {
  it('speaks when the time left crosses 30 s and 10 s, once each, whatever the tick', () => {
    const calls = timeCalls();
    const heard = [45_000, 31_000, 29_800, 29_600, 12_000, 10_001, 9_900, 5_000, 0].map((t) => calls.check(t));
    expect(heard.filter(Boolean)).toEqual(['30 seconds left.', '10 seconds left.']);
  });

  it('says nothing about 30 s on a clock that starts under it, nor while paused', () => {
    const calls = timeCalls();
    expect([20_000, 15_000, null, 15_000, 9_000].map((t) => calls.check(t))).toEqual([null, null, null, null, '10 seconds left.']);
  });
});
