/**
 * Room ownership by lease: a room runs in the one process whose id is in its lease key. The key is taken with
 * `SET NX PX` and renewed by a compare-and-renew script well before it lapses; a process that dies stops renewing,
 * so after at most the TTL another process may take the room. A renewal that finds someone else's key means the
 * room was lost (this process stalled past the TTL and another took it over): the caller stops running it at once.
 */
import type { Redis } from 'ioredis';
import { aliveKey, leaseKey, script, type Script } from './keys';
import type { ErrorLog } from '../log';

export interface LeaseTiming {
  /** How long a lease lasts without renewal: the longest a dead owner's rooms wait for a new one. */
  ttlMs: number;
  /** How often the owner renews its leases (a few times per TTL, so one slow round trip loses nothing). */
  renewMs: number;
}

export const DEFAULT_LEASE: LeaseTiming = { ttlMs: 3000, renewMs: 1000 };

/**
 * Renews when still ours, or takes it back when it lapsed and nobody took it (a stalled event loop: nobody else
 * ran the room); notes the time, for the downtime a new owner gives back. Returns 1, or 0 if another has it.
 */
const RENEW = `
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[2], ARGV[3])
return 1`;

/** Deletes the lease only if it is still ours. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export class Leases {
  private readonly renewScript: Script;
  private readonly releaseScript: Script;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    readonly me: string,
    readonly timing: LeaseTiming,
    private readonly now: () => number,
  ) {
    this.renewScript = script(redis, 'arenaLeaseRenew', 2, RENEW);
    this.releaseScript = script(redis, 'arenaLeaseRelease', 1, RELEASE);
  }

  /** Takes the room's lease if nobody holds it. */
  async acquire(code: string): Promise<boolean> {
    const res = await this.redis.set(leaseKey(code), this.me, 'PX', this.timing.ttlMs, 'NX');
    if (res === 'OK') await this.redis.set(aliveKey(code), this.now());
    return res === 'OK';
  }

  owner(code: string): Promise<string | null> {
    return this.redis.get(leaseKey(code));
  }

  /** Milliseconds left on the room's lease (negative when there is none). */
  remaining(code: string): Promise<number> {
    return this.redis.pttl(leaseKey(code));
  }

  /** When the room's last owner last renewed its lease, or null. */
  async lastAlive(code: string): Promise<number | null> {
    const v = await this.redis.get(aliveKey(code));
    return v === null ? null : Number(v);
  }

  release(code: string): Promise<unknown> {
    return this.releaseScript([leaseKey(code)], [this.me]);
  }

  /** Renews the leases of `owned()` every `renewMs`; `lost(code)` for each one that is no longer ours. */
  start(owned: () => string[], lost: (code: string) => void, log: ErrorLog): void {
    const round = async (): Promise<void> => {
      const codes = owned();
      const now = this.now();
      // Sent together: ioredis pipelines commands issued in the same tick.
      const results = await Promise.allSettled(codes.map((c) => this.renewScript([leaseKey(c), aliveKey(c)], [this.me, this.timing.ttlMs, now])));
      results.forEach((r, i) => {
        const code = codes[i] as string;
        if (r.status === 'fulfilled' && r.value === 0) lost(code);
        else if (r.status === 'rejected') log(`renewing the lease of ${code} failed`, r.reason, { room: code });
      });
    };
    const tick = (): void => {
      void round()
        .catch((err: unknown) => log('lease renewal failed', err))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.timing.renewMs);
        });
    };
    this.timer = setTimeout(tick, this.timing.renewMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
