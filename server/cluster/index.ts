/**
 * Cluster mode (REDIS_URL set): the pieces wired together. This process gets an id, its Redis connections, the
 * Socket.IO adapter, the Redis room log (the registry's store), leases renewed on a timer, the inbox for
 * forwarded operations, and the watch for ownerless rooms. `bind` gives the handlers their room operations and
 * room creation once the registry exists.
 */
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { Clock } from '../clock';
import type { SharedLimiters } from '../net/address-limiter';
import type { CreateRoomFn } from '../net/handlers';
import { localRoomOps, type RoomOps } from '../net/room-ops';
import type { ArenaServer } from '../net/transport';
import { randomToken, type RoomRegistry } from '../rooms/registry';
import { useRedisAdapter } from './adapter';
import { Forwarder, NOT_OWNER, type OpHandler } from './forward';
import { DEFAULT_LEASE, Leases, type LeaseTiming } from './lease';
import { RedisRoomLog } from './redis-room-log';
import { clusterCreator, clusterRoomOps, ownerHandler } from './router';
import { sharedLimiters } from './shared-limits';
import { Takeover } from './takeover';

/** How long a room's disconnects are gathered before one cluster-wide look at its sockets. */
const DISCONNECT_BATCH_MS = 200;

export interface ClusterOptions {
  redisUrl: string;
  io: ArenaServer;
  clock: Clock;
  log: (m: string, err?: unknown) => void;
  lease?: Partial<LeaseTiming>;
  /** How long a forwarded operation may take (default 5 s). */
  forwardTimeoutMs?: number;
  tookOver?: (code: string, downtimeMs: number) => void;
}

export interface Cluster {
  id: string;
  /** The registry's store: rooms live in Redis. */
  roomLog: RedisRoomLog;
  /** The registry calls this when it gives a room up. */
  onAbandon: (code: string) => void;
  bind(registry: RoomRegistry): { ops: RoomOps; createRoom: CreateRoomFn };
  /** The per-address budgets, shared by every process of the cluster. */
  limiters(specs: Parameters<typeof sharedLimiters>[1]): SharedLimiters;
  /**
   * Stops the registry after the rooms' pending writes, then hands their leases back (others take the rooms over
   * at once instead of after the TTL) and disconnects.
   */
  close(registry: RoomRegistry): Promise<void>;
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const id = `${hostname()}-${process.pid}-${randomToken(6)}`;
  // Commands fail fast while Redis is away rather than queueing: an ack must not wait on a write that may never come.
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
  redis.on('error', (err) => opts.log('redis', err));
  await redis.connect();
  const sub = redis.duplicate();
  sub.on('error', (err) => opts.log('redis (subscriber)', err));
  useRedisAdapter(opts.io, redis);
  const timing: LeaseTiming = { ...DEFAULT_LEASE, ...opts.lease };
  const leases = new Leases(redis, id, timing, () => opts.clock.now());
  const roomLog = new RedisRoomLog(redis, id, timing.ttlMs);
  const bound: { takeover?: Takeover; handle?: OpHandler; closing: boolean } = { closing: false };
  // Listening before anything is owned: a request that finds nobody on the inbox takes the owner for dead.
  const forwarder = new Forwarder(redis, sub, id, (op, args) => (bound.handle ? bound.handle(op, args) : Promise.reject(new Error(NOT_OWNER))), opts.log);
  await forwarder.start();
  return {
    id,
    roomLog,
    onAbandon: (code) => void leases.release(code).catch((err: unknown) => opts.log(`releasing ${code}`, err)),
    bind(registry) {
      const local = localRoomOps(opts.io, registry, opts.clock, DISCONNECT_BATCH_MS);
      const takeover = new Takeover({ io: opts.io, redis, registry, local, leases, log: roomLog, now: () => opts.clock.now(), logError: opts.log, ...(opts.tookOver ? { tookOver: opts.tookOver } : {}) });
      bound.handle = ownerHandler({ registry, local });
      leases.start(() => registry.codes(), (code) => registry.release(code), opts.log);
      takeover.watch(timing.renewMs);
      bound.takeover = takeover;
      const deps = { registry, local, leases, log: roomLog, forwarder, takeover, clock: opts.clock, forwardTimeoutMs: opts.forwardTimeoutMs ?? 5000, logError: opts.log, closing: () => bound.closing };
      return { ops: clusterRoomOps(deps), createRoom: clusterCreator(deps) };
    },
    limiters: (specs) => sharedLimiters(redis, specs),
    async close(registry) {
      bound.closing = true;
      bound.takeover?.stop();
      leases.stop();
      const codes = registry.codes();
      await Promise.allSettled(codes.map((c) => registry.settled(c) ?? Promise.resolve()));
      registry.close();
      await Promise.allSettled(codes.map((c) => leases.release(c)));
      forwarder.close();
      sub.disconnect();
      redis.disconnect();
    },
  };
}
