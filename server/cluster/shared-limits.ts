/**
 * The per-address budgets of a cluster, shared through Redis with rate-limiter-flexible: failed join / claim
 * attempts, room creations and new connections. Each token bucket (a burst of `capacity`, refilled at
 * `perSecond`) becomes a window of `capacity` points per `capacity / perSecond` seconds. While Redis is away the
 * in-memory insurance limiter of each process takes over, so a Redis outage never opens the door wide.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { AddressLimiter, SharedLimiters } from '../net/address-limiter';
import type { BucketSpec } from '../net/rate-limit';
import { PREFIX } from './keys';

export function redisLimiter(redis: Redis, name: string, spec: BucketSpec): AddressLimiter {
  const points = Math.max(1, Math.round(spec.capacity));
  const duration = Math.max(1, Math.ceil(spec.capacity / spec.perSecond));
  const keyPrefix = `${PREFIX}rl:${name}`;
  const insuranceLimiter = new RateLimiterMemory({ keyPrefix, points, duration });
  const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration, insuranceLimiter });
  return {
    async has(key) {
      const res = await limiter.get(key).catch(() => insuranceLimiter.get(key));
      return res === null || res.remainingPoints > 0;
    },
    take: (key) =>
      limiter.consume(key, 1).then(
        () => true,
        (rejection: unknown) => {
          // A RateLimiterRes is "no points left"; anything else is an error the insurance limiter did not absorb.
          if (rejection instanceof RateLimiterRes) return false;
          throw rejection;
        },
      ),
  };
}

export function sharedLimiters(redis: Redis, specs: { attempts: BucketSpec; createAddress: BucketSpec; connections: BucketSpec }): SharedLimiters {
  return {
    attempts: redisLimiter(redis, 'attempts', specs.attempts),
    createAddress: redisLimiter(redis, 'create', specs.createAddress),
    connections: redisLimiter(redis, 'connections', specs.connections),
  };
}
