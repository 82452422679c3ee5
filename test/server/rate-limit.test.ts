import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../server/clock';
import { KeyedLimiter, TokenBucket } from '../../server/net/rate-limit';

describe('TokenBucket', () => {
  it('refuses once the burst is spent', () => {
    const b = new TokenBucket({ capacity: 3, perSecond: 1 }, createManualClock());
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
  });

  it('refills with time', () => {
    const clock = createManualClock();
    const b = new TokenBucket({ capacity: 1, perSecond: 2 }, clock);
    b.take();
    clock.advance(500);
    expect(b.take()).toBe(true);
  });
});

describe('KeyedLimiter', () => {
  it('keeps a separate bucket per address', () => {
    const l = new KeyedLimiter({ capacity: 1, perSecond: 0 }, createManualClock());
    expect(l.bucket('a').take()).toBe(true);
    expect(l.bucket('a').take()).toBe(false);
    expect(l.bucket('b').take()).toBe(true);
  });
});
