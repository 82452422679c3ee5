/**
 * A budget per key (a client address), as the handlers and the handshake use it: `has` looks, `take` spends one.
 * In one process these are the in-memory token buckets (rate-limit.ts), answered synchronously; in a cluster the
 * same budgets are shared by every process through Redis (cluster/shared-limits.ts), so running more processes
 * does not multiply what one address may try.
 */
import type { Clock } from '../clock';
import { KeyedLimiter, type BucketSpec } from './rate-limit';

export interface AddressLimiter {
  has(key: string): boolean | Promise<boolean>;
  /** Spends one; false (nothing spent) when none is left. */
  take(key: string): boolean | Promise<boolean>;
}

export function localLimiter(spec: BucketSpec, clock: Clock): AddressLimiter {
  const buckets = new KeyedLimiter(spec, clock);
  return { has: (key) => buckets.bucket(key).has(1), take: (key) => buckets.bucket(key).take(1) };
}

/** The per-address budgets a cluster shares (the rest, per socket or per seat, stay in each process). */
export interface SharedLimiters {
  attempts: AddressLimiter;
  createAddress: AddressLimiter;
  connections: AddressLimiter;
}
