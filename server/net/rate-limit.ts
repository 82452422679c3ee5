/**
 * Token buckets: a burst of `capacity`, refilled at `perSecond`. One per socket for events, one per address for
 * failed join attempts (so room codes and host secrets cannot be brute-forced) and for new connections.
 */
import type { Clock } from '../clock';

export interface BucketSpec {
  capacity: number;
  perSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly spec: BucketSpec,
    private readonly clock: Clock,
  ) {
    this.tokens = spec.capacity;
    this.last = clock.now();
  }

  /** Takes `cost` tokens if there are enough; false (and nothing taken) otherwise. */
  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Spends `cost` whatever is left (a budget of time already used): the bucket may go below zero. */
  charge(cost: number): void {
    this.refill();
    this.tokens -= cost;
  }

  /** True when at least `cost` tokens are available, without taking them. */
  has(cost = 1): boolean {
    this.refill();
    return this.tokens >= cost;
  }

  /** Full again: the bucket can be forgotten. */
  get idle(): boolean {
    this.refill();
    return this.tokens >= this.spec.capacity;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.spec.capacity, this.tokens + ((now - this.last) / 1000) * this.spec.perSecond);
    this.last = now;
  }
}

/** Buckets by key (an address), pruned when full so the map cannot grow without bound. */
export class KeyedLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly spec: BucketSpec,
    private readonly clock: Clock,
    private readonly maxKeys = 50_000,
  ) {}

  bucket(key: string): TokenBucket {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.prune();
      b = new TokenBucket(this.spec, this.clock);
      this.buckets.set(key, b);
    }
    return b;
  }

  /** The key's bucket if it has one, without making one. */
  peek(key: string): TokenBucket | undefined {
    return this.buckets.get(key);
  }

  prune(): void {
    for (const [key, b] of this.buckets) if (b.idle) this.buckets.delete(key);
  }
}
