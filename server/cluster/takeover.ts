/**
 * Taking over rooms whose owner is gone: on demand (an operation for an ownerless room) and on a timer (rooms of
 * the directory without a lease), so a room whose players are all waiting also comes back. The lease decides
 * which process wins; the winner replays the room from Redis through `registry.adopt` (the same path as a
 * restart), gives the downtime back to an open question, and brings back online the seats whose sockets are
 * still connected to some process (they never left their Socket.IO rooms, so broadcasts reach them again).
 */
import type { RoomRegistry } from '../rooms/registry';
import type { RoomOps } from '../net/room-ops';
import { playersRoom, type ArenaServer } from '../net/transport';
import { leaseKey } from './keys';
import type { Leases } from './lease';
import type { RedisRoomLog } from './redis-room-log';
import type { Redis } from 'ioredis';

export interface TakeoverDeps {
  io: ArenaServer;
  redis: Redis;
  registry: RoomRegistry;
  local: RoomOps;
  leases: Leases;
  log: RedisRoomLog;
  now: () => number;
  logError: (m: string, err?: unknown) => void;
  /** Tells the operator (and the tests) how long a room was without an owner. */
  tookOver?: (code: string, downtimeMs: number) => void;
}

export class Takeover {
  private readonly inFlight = new Map<string, Promise<boolean>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: TakeoverDeps) {}

  /** Runs the room here if nobody owns it; true when it runs here afterwards. */
  take(code: string): Promise<boolean> {
    if (this.deps.registry.get(code)) return Promise.resolve(true);
    let p = this.inFlight.get(code);
    if (!p) {
      p = this.run(code).finally(() => this.inFlight.delete(code));
      this.inFlight.set(code, p);
    }
    return p;
  }

  /** Looks for ownerless rooms every `everyMs`. */
  watch(everyMs: number): void {
    const tick = (): void => {
      void this.sweep()
        .catch((err: unknown) => this.deps.logError('looking for ownerless rooms failed', err))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, everyMs);
        });
    };
    this.timer = setTimeout(tick, everyMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async sweep(): Promise<void> {
    const codes = (await this.deps.log.codes()).filter((c) => !this.deps.registry.get(c));
    if (codes.length === 0) return;
    const owners = await this.deps.redis.mget(codes.map(leaseKey));
    await Promise.all(codes.filter((_, i) => owners[i] === null).map((c) => this.take(c)));
  }

  private async run(code: string): Promise<boolean> {
    const { leases, log, registry } = this.deps;
    // A lease of ours without the room here: a room given up after a failed write. Hand it on cleanly.
    if ((await leases.owner(code)) === leases.me) await leases.release(code);
    // Read before taking the lease, which notes the time anew.
    const alive = await leases.lastAlive(code);
    if (!(await leases.acquire(code))) return false;
    try {
      const stored = await log.load(code);
      if (!stored) {
        await log.remove(code);
        return false;
      }
      const now = this.deps.now();
      const downtimeMs = alive === null ? 0 : Math.max(0, now - alive);
      const shell = registry.adopt(stored, downtimeMs);
      if (!shell) return false;
      await registry.settled(code);
      this.deps.tookOver?.(code, downtimeMs);
      await this.revive(code);
      return true;
    } catch (err) {
      this.deps.logError(`taking over room ${code} failed`, err);
      registry.release(code);
      return false;
    }
  }

  /** Seats whose sockets are still connected (on any process) come back online, as a recovered socket would. */
  private async revive(code: string): Promise<void> {
    const sockets = await this.deps.io.in(playersRoom(code)).fetchSockets();
    const seats = new Set<string>();
    for (const s of sockets) if (s.data.code === code && s.data.playerId !== undefined) seats.add(s.data.playerId);
    for (const id of seats) await this.deps.local.reattach(code, id);
    await this.deps.registry.settled(code);
  }
}
