/**
 * The room operations in cluster mode: each one runs where its room runs. A room this process owns runs here
 * and is answered once its change is in Redis; a room another process owns is forwarded there; a room nobody owns
 * (its owner died and the lease lapsed) is taken over here first: lease, replay from Redis, `restore`. An owner
 * that no longer listens is waited out: its lease lapses within the TTL, then the room is taken over.
 */
import { randomCode, type RoomRegistry } from '../rooms/registry';
import { ROOM_OPS, type RoomOpName, type RoomOps } from '../net/room-ops';
import { accept, refuse } from '../net/guard';
import type { CreateRoomFn } from '../net/handlers';
import { hostView } from '../rooms/views';
import type { Clock } from '../clock';
import type { Ack } from '../../shared/protocol';
import { ForwardTimeout, NOT_OWNER, OwnerGone, type Forwarder } from './forward';
import type { Leases } from './lease';
import type { RedisRoomLog } from './redis-room-log';
import type { Takeover } from './takeover';

export interface RouterDeps {
  registry: RoomRegistry;
  local: RoomOps;
  leases: Leases;
  log: RedisRoomLog;
  forwarder: Forwarder;
  takeover: Takeover;
  clock: Clock;
  /** How long a forwarded operation may take before the client hears `internal`. */
  forwardTimeoutMs: number;
  logError: (m: string, err?: unknown) => void;
  /** True once this process is shutting down: nothing is forwarded or taken over any more. */
  closing: () => boolean;
}

type AnyOp = (...args: unknown[]) => Ack<unknown> | Promise<Ack<unknown>>;

/** Runs `op` on a room held here, answering once every change so far is stored. */
export async function runHere(deps: Pick<RouterDeps, 'registry' | 'local'>, code: string, op: RoomOpName, args: unknown[]): Promise<Ack<unknown>> {
  const res = await (deps.local[op] as AnyOp)(...args);
  try {
    await deps.registry.settled(code);
  } catch {
    return refuse('internal');
  }
  return res;
}

/** Owners of rooms seen lately; small, since each entry is dropped as soon as the owner does not answer for it. */
const OWNER_CACHE_MAX = 10_000;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function clusterRoomOps(deps: RouterDeps): RoomOps {
  // Skips a Redis round trip per forwarded event; a stale entry costs one NOT_OWNER or OwnerGone answer.
  const owners = new Map<string, string>();
  const ownerOf = async (code: string): Promise<string | null> => {
    const known = owners.get(code);
    if (known !== undefined) return known;
    const owner = await deps.leases.owner(code);
    if (owner !== null && owner !== deps.leases.me) {
      if (owners.size >= OWNER_CACHE_MAX) owners.clear();
      owners.set(code, owner);
    }
    return owner;
  };
  const route = async (op: RoomOpName, args: unknown[]): Promise<Ack<unknown>> => {
    const code = args[0] as string;
    // A dead owner's lease lapses within its TTL: try that long, and a little more, before giving up.
    const until = Date.now() + deps.leases.timing.ttlMs * 2 + deps.forwardTimeoutMs;
    while (Date.now() < until) {
      // Shutting down: the rooms here are handed on, and the sockets that are about to drop are no news to them.
      if (deps.closing()) return refuse('room-closed');
      if (deps.registry.get(code)) return runHere(deps, code, op, args);
      const owner = await ownerOf(code);
      if (owner === null || owner === deps.leases.me) {
        if (owner === null && !(await deps.log.exists(code))) return refuse('room-not-found');
        if (await deps.takeover.take(code)) continue;
        if (!(await deps.log.exists(code))) return refuse('room-not-found');
        // Another process won the room meanwhile, or the takeover failed: look again shortly.
        await pause(50);
        continue;
      }
      try {
        return (await deps.forwarder.request(owner, op, args, deps.forwardTimeoutMs)) as Ack<unknown>;
      } catch (err) {
        owners.delete(code);
        if (err instanceof Error && err.message === NOT_OWNER) {
          // The lease still names a process that just gave the room up: look again shortly.
          await pause(50);
          continue;
        }
        if (err instanceof OwnerGone) {
          // Dead owner: its lease lapses within the TTL, then the room is taken over (here or elsewhere).
          const left = await deps.leases.remaining(code);
          await pause(Math.max(50, Math.min(left, deps.leases.timing.ttlMs)));
          continue;
        }
        if (!(err instanceof ForwardTimeout)) deps.logError(`forwarding ${op} for ${code} failed`, err);
        return refuse('internal');
      }
    }
    return refuse('internal');
  };
  const ops = {} as Record<RoomOpName, AnyOp>;
  for (const name of ROOM_OPS) ops[name] = (...args: unknown[]) => route(name, args);
  return ops as unknown as RoomOps;
}

/** What a forwarded operation does on arrival: runs here if the room is still ours, else says so. */
export function ownerHandler(deps: Pick<RouterDeps, 'registry' | 'local'>) {
  return async (op: string, args: unknown[]): Promise<Ack<unknown>> => {
    if (!(ROOM_OPS as readonly string[]).includes(op) || typeof args[0] !== 'string') return refuse('internal');
    // Given up meanwhile (a lease that lapsed): the caller looks for the new owner.
    if (!deps.registry.get(args[0])) throw new Error(NOT_OWNER);
    return runHere(deps, args[0], op as RoomOpName, args);
  };
}

/** Creates rooms here under a code no live room of the cluster has: lease first, then the directory entry. */
export function clusterCreator(deps: Pick<RouterDeps, 'registry' | 'leases' | 'log' | 'clock'>): CreateRoomFn {
  return async (req, owner, solved) => {
    let code: string | null = null;
    for (let i = 0; i < 20 && code === null; i++) {
      const c = randomCode();
      if (!(await deps.leases.acquire(c))) continue;
      if (await deps.log.reserve(c)) code = c;
      // An ownerless room of the directory: give its lease back for a takeover.
      else await deps.leases.release(c);
    }
    if (code === null) return refuse('internal');
    const made = deps.registry.create(req, owner, solved, code);
    if (!made.ok) {
      await deps.log.remove(code);
      return refuse(made.error, made.detail);
    }
    try {
      await deps.registry.settled(code);
    } catch {
      return refuse('internal');
    }
    return accept({ code, hostSecret: made.hostSecret, host: hostView(made.shell.state, deps.clock.now()) });
  };
}
