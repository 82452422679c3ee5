/**
 * Taking over rooms whose owner is gone: on demand (an operation for an ownerless room) and on a timer (rooms of
 * the directory without a lease), so a room whose players are all waiting also comes back. The lease decides
 * which process wins; the winner replays the room from Redis through `registry.adopt` (the same path as a
 * restart) and gives the downtime back to an open question.
 *
 * Seats follow sockets, not takeovers: a takeover is not news to a phone whose socket stayed up (on a survivor,
 * or anywhere after a Redis restart). The seats that were online stay online, in the same turn of the event loop as
 * the replay (the restart path's `restore` marks everyone offline), and then every process is asked which seats it
 * still holds (presence.ts): a seat goes offline only once that look is complete and finds no socket for it, and
 * a seat found held while marked offline comes back.
 */
import type { RoomRegistry } from '../room-runtime/registry';
import type { RoomOps } from '../net/room-ops';
import { getEntry } from '../rooms/table';
import type { RoomState } from '../rooms/types';
import { leaseKey } from './keys';
import type { Leases } from './lease';
import type { SeatPresence } from './presence';
import type { RedisRoomLog } from './redis-room-log';
import type { Redis } from 'ioredis';
import type { ErrorLog } from '../log';

/** How long a takeover keeps asking the processes about the room's sockets before it leaves the seats as they are. */
const VERIFY_BUDGET_MS = 30_000;

export interface TakeoverDeps {
  redis: Redis;
  registry: RoomRegistry;
  local: RoomOps;
  leases: Leases;
  log: RedisRoomLog;
  presence: SeatPresence;
  now: () => number;
  logError: ErrorLog;
  /** Tells the operator (and the tests) how long a room was without an owner. */
  tookOver?: (code: string, downtimeMs: number) => void;
}

export class Takeover {
  private readonly inFlight = new Map<string, Promise<boolean>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: TakeoverDeps) {}

  /** Runs the room here if nobody owns it; true when it runs here afterwards. */
  take(code: string): Promise<boolean> {
    if (this.deps.registry.has(code)) return Promise.resolve(true);
    let p = this.inFlight.get(code);
    if (!p) {
      p = this.run(code).finally(() => this.inFlight.delete(code));
      this.inFlight.set(code, p);
    }
    return p;
  }

  /** Looks for ownerless rooms every `everyMs`. */
  watch(everyMs: number): void {
    // Logged once per outage, not once a sweep.
    let failing = false;
    const tick = (): void => {
      void this.sweep()
        .then(
          () => void (failing = false),
          (err: unknown) => {
            if (!failing) this.deps.logError('looking for ownerless rooms failed', err);
            failing = true;
          },
        )
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
    const codes = (await this.deps.log.codes()).filter((c) => !this.deps.registry.has(c));
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
      let online: string[] = [];
      const shell = registry.adopt(stored, downtimeMs, (before) => (online = onlineSeats(before)));
      if (!shell) return false;
      for (const id of online) void this.deps.local.reattach(code, id);
      await registry.settled(code);
      this.deps.tookOver?.(code, downtimeMs);
      void this.verify(code, online).catch((err: unknown) => this.deps.logError(`checking the seats of room ${code} failed`, err, { room: code }));
      return true;
    } catch (err) {
      this.deps.logError(`taking over room ${code} failed`, err, { room: code });
      registry.release(code);
      return false;
    }
  }

  /** Asks every process which seats of the room it holds: the ones held nowhere go offline, held offline ones return. */
  private async verify(code: string, online: string[]): Promise<void> {
    const { presence, registry } = this.deps;
    const epochs = new Map(online.map((id) => [id, presence.epoch(code, id)]));
    const { held, complete } = await presence.heldAnywhere(code, VERIFY_BUDGET_MS);
    const room = registry.touch(code);
    if (!room) return;
    for (const id of held) {
      if (room.player(id)?.connected !== false) continue;
      presence.bump(code, id);
      void this.deps.local.reattach(code, id);
    }
    // Not every process answered: nothing is known gone, so nothing goes offline (a process that comes back
    // announces its seats by itself).
    if (!complete) return;
    for (const id of online) {
      if (held.has(id) || presence.epoch(code, id) !== epochs.get(id) || room.player(id)?.connected !== true) continue;
      room.dispatch({ type: 'disconnect', playerId: id });
    }
  }
}

function onlineSeats(state: RoomState): string[] {
  return state.order.filter((id) => getEntry(state.players, id)?.connected === true);
}
