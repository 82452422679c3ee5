/**
 * Cluster mode (REDIS_URL set): the pieces wired together. This process gets an id, its Redis connections, the
 * Socket.IO adapter, the Redis room log (the registry's store), leases renewed on a timer, a heartbeat in the
 * process directory, the inbox for forwarded operations, and the watch for ownerless rooms. `bind` gives the
 * handlers their room operations and room creation once the registry exists.
 *
 * Redis restarts (docs: README "Running a cluster"; it must persist with an append-only file): every connection
 * reconnects within half a second of its return; requests meanwhile are retried with their keys (router.ts);
 * and once the connection is back this process tells the rooms' owners which seats its sockets still hold, so a
 * phone whose socket never dropped is never left offline by a room that changed hands meanwhile.
 */
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { Clock } from '../clock';
import type { SharedLimiters } from '../net/address-limiter';
import type { CreateRoomFn } from '../net/handlers';
import { localRoomOps, type RoomOps } from '../net/room-ops';
import { socketTransport, type ArenaServer } from '../net/transport';
import type { RoomRegistry } from '../room-runtime/registry';
import { randomToken } from '../secrets';
import type { OpLedger } from '../store/op-ledger';
import type { ReportShelf } from '../store/save-queue';
import { logOutages, useRedisAdapter } from './adapter';
import { Forwarder, NOT_OWNER, type OpHandler } from './forward';
import { DEFAULT_LEASE, Leases, type LeaseTiming } from './lease';
import { SeatPresence } from './presence';
import { ProcessDirectory } from './processes';
import { RedisRoomLog } from './redis-room-log';
import { reportShelf } from './report-shelf';
import { clusterCreator, clusterRouter, ownerHandler } from './router';
import { sharedLimiters } from './shared-limits';
import { Takeover } from './takeover';
import { LocalPlayers } from './local-players';
import type { RoomTransport } from '../room-runtime/shell';
import type { ErrorLog } from '../log';

/** How long a room's disconnects are gathered before one cluster-wide look at its sockets. */
const DISCONNECT_BATCH_MS = 200;
/** How long that look waits for every process to answer (a process reconnecting to Redis, one that just died). */
const DISCONNECT_LOOK_MS = 5000;
/** A client's request, retries included, is answered within this (under the client's 8 s timeout). */
export const OP_BUDGET_MS = 6500;
/** What this process tells rooms by itself (a socket gone, seats still here) is retried through an outage this long. */
const NOTICE_BUDGET_MS = 60_000;
/** Reconnect attempts to a Redis that went away: soon and often (a local Redis restarts in a second or two). */
const reconnectDelay = (attempt: number): number => Math.min(50 * attempt, 500);

export interface ClusterOptions {
  redisUrl: string;
  io: ArenaServer;
  clock: Clock;
  log: ErrorLog;
  /** The keys of the operations each room applied (store/op-ledger.ts), written with the room's events. */
  ledger: OpLedger;
  lease?: Partial<LeaseTiming>;
  /**
   * How long one forwarded try may wait for its answer (default 5 s, within OP_BUDGET_MS); it ends sooner when the
   * owner dies or the answer may have been lost (this process's subscriber reconnected), and is then retried.
   */
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
  /** The registry's transport for a room starting here: per-player sends to sockets all on this process skip Redis. */
  transport(code: string): RoomTransport;
  /** Finished games where every process finds them until they are saved (cluster/report-shelf.ts). */
  reports: ReportShelf;
  /** Rejects when Redis does not answer (readiness: without Redis no game can go on). */
  ping(timeoutMs: number): Promise<void>;
  /**
   * Stops the registry after the rooms' pending writes, then hands their leases back (others take the rooms over
   * at once instead of after the TTL) and disconnects.
   */
  close(registry: RoomRegistry): Promise<void>;
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const id = `${hostname()}-${process.pid}-${randomToken(6)}`;
  // Commands fail fast while Redis is away rather than queueing: an ack must not wait on a write that may never come.
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true, retryStrategy: reconnectDelay });
  logOutages(redis, 'redis', opts.log);
  await redis.connect();
  const sub = redis.duplicate();
  logOutages(sub, 'redis (subscriber)', opts.log);
  const adapterRedis = await useRedisAdapter(opts.io, redis, opts.log);
  const timing: LeaseTiming = { ...DEFAULT_LEASE, ...opts.lease };
  const leases = new Leases(redis, id, timing, () => opts.clock.now());
  const roomLog = new RedisRoomLog(redis, id, timing.ttlMs, opts.ledger);
  const directory = new ProcessDirectory(redis, id, timing.ttlMs, timing.renewMs);
  const bound: { takeover?: Takeover; handle?: OpHandler; closing: boolean } = { closing: false };
  // Listening before anything is owned: a request that finds nobody on the inbox takes the owner for dead.
  const forwarder = new Forwarder(redis, sub, id, (op, args, key) => (bound.handle ? bound.handle(op, args, key) : Promise.reject(new Error(NOT_OWNER))), opts.log);
  await forwarder.start();
  await directory.beat();
  directory.start(opts.log);
  const presence = new SeatPresence(opts.io, directory, forwarder);
  const players = new LocalPlayers();
  const held = (code: string): Promise<{ held: Set<string>; complete: boolean }> => presence.heldAnywhere(code, DISCONNECT_LOOK_MS);
  return {
    id,
    roomLog,
    onAbandon(code) {
      presence.forget(code);
      void leases.release(code).catch((err: unknown) => opts.log(`releasing ${code}`, err, { room: code }));
    },
    bind(registry) {
      const local = localRoomOps(opts.io, registry, opts.clock, { batchMs: DISCONNECT_BATCH_MS, held });
      const takeover = new Takeover({ redis, registry, local, leases, log: roomLog, presence, now: () => opts.clock.now(), logError: opts.log, ...(opts.tookOver ? { tookOver: opts.tookOver } : {}) });
      players.bind((code) => registry.has(code));
      const here = { registry, local, ledger: opts.ledger, players, presence, clock: opts.clock };
      bound.handle = ownerHandler(here);
      leases.start(() => registry.codes(), (code) => registry.release(code), opts.log);
      takeover.watch(timing.renewMs);
      bound.takeover = takeover;
      const deps = {
        ...here, leases, log: roomLog, forwarder, takeover, clock: opts.clock, logError: opts.log, closing: () => bound.closing,
        forwardTimeoutMs: opts.forwardTimeoutMs ?? 5000, opBudgetMs: OP_BUDGET_MS, noticeBudgetMs: NOTICE_BUDGET_MS,
      };
      const router = clusterRouter(deps);
      // Back from a Redis outage: the rooms' owners (maybe new ones) hear which seats this process's sockets hold.
      let connectedOnce = false;
      redis.on('ready', () => {
        if (!connectedOnce) return void (connectedOnce = true);
        directory.reconnected();
        for (const [code, seats] of socketsBySeat(opts.io)) {
          void router.present(code, [...seats]).catch((err: unknown) => opts.log(`announcing the seats of ${code} failed`, err, { room: code }));
        }
      });
      connectedOnce = redis.status === 'ready';
      return { ops: router.ops, createRoom: clusterCreator(deps) };
    },
    limiters: (specs) => sharedLimiters(redis, specs),
    reports: reportShelf(redis, id),
    transport(code) {
      players.start(code);
      return socketTransport(opts.io, code, (playerId) => players.isLocal(code, playerId));
    },
    async ping(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('redis did not answer'), { code: 'REDIS_TIMEOUT' })), timeoutMs);
      });
      try {
        await Promise.race([redis.ping(), late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close(registry) {
      bound.closing = true;
      bound.takeover?.stop();
      leases.stop();
      const codes = registry.codes();
      await Promise.allSettled(codes.map((c) => registry.settled(c) ?? Promise.resolve()));
      registry.close();
      await Promise.allSettled(codes.map((c) => leases.release(c)));
      await directory.stop();
      forwarder.close();
      sub.disconnect();
      adapterRedis.disconnect();
      redis.disconnect();
    },
  };
}

/** Room code → the seats this process's sockets hold in it. */
function socketsBySeat(io: ArenaServer): Map<string, Set<string>> {
  const rooms = new Map<string, Set<string>>();
  for (const socket of io.of('/').sockets.values()) {
    const { code, playerId } = socket.data;
    if (code === undefined || playerId === undefined) continue;
    let seats = rooms.get(code);
    if (!seats) {
      seats = new Set();
      rooms.set(code, seats);
    }
    seats.add(playerId);
  }
  return rooms;
}
