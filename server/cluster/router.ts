/**
 * The room operations in cluster mode: each one runs where its room runs. A room this process owns runs here
 * and is answered once its change is in Redis; a room another process owns is forwarded there; a room nobody owns
 * (its owner died and the lease lapsed) is taken over here first: lease, replay from Redis, `restore`.
 *
 * Every request gets a key when it arrives (the client's own for an answer) and keeps it through every retry, so
 * the room applies it at most once (server/net/once.ts): an owner that dies with the request, an answer lost
 * while Redis restarts, a change whose write failed are all retried until the room's owner says what became of
 * it. An owner that no longer listens is not slept on: the lease key is watched and the request goes to the next
 * owner as soon as the lease changes hands (or is taken over here once it lapses). A request is answered within
 * a bound: when the bound runs out while its outcome is unknown the answer is `unconfirmed` (not a refusal: the
 * client sends it again with the same key), so a refusal always means nothing changed.
 */
import { randomCode, type RoomRegistry } from '../room-runtime/registry';
import { randomToken } from '../secrets';
import { eachOp, ROOM_OP_BUDGET, ROOM_OPS, type OpFn, type RoomOpName, type RoomOps } from '../net/room-ops';
import { accept, refuse } from '../net/guard';
import type { CreateRoomFn } from '../net/handlers';
import { runOnce } from '../net/once';
import { hostView } from '../rooms/views';
import type { Clock } from '../clock';
import type { Ack } from '../../shared/protocol';
import type { OpLedger } from '../store/op-ledger';
import { ForwardTimeout, NOT_OWNER, OwnerGone, UNSURE, type Forwarder } from './forward';
import type { Leases } from './lease';
import type { RedisRoomLog } from './redis-room-log';
import type { Takeover } from './takeover';
import type { LocalPlayers } from './local-players';
import { HELD_OP, type SeatPresence } from './presence';
import type { ErrorLog } from '../log';

/** Operations routed to a room's owner: the room operations, and `present` (a process's seats are still there). */
export const PRESENT_OP = 'present';
type OwnerOp = RoomOpName | typeof PRESENT_OP;

export interface RouterDeps {
  registry: RoomRegistry;
  local: RoomOps;
  ledger: OpLedger;
  leases: Leases;
  log: RedisRoomLog;
  forwarder: Forwarder;
  takeover: Takeover;
  presence: SeatPresence;
  /** Which players' sockets are all on this process (their per-player sends skip the stream). */
  players: LocalPlayers;
  clock: Clock;
  /** How long one forwarded try may take. */
  forwardTimeoutMs: number;
  /** How long a client's request may take in all, retries included (under the client's own timeout). */
  opBudgetMs: number;
  /** The same for what this process tells rooms by itself (a socket gone, seats still here): no client waits. */
  noticeBudgetMs: number;
  logError: ErrorLog;
  /** True once this process is shutting down: nothing is forwarded or taken over any more. */
  closing: () => boolean;
}

type HereDeps = Pick<RouterDeps, 'registry' | 'local' | 'ledger' | 'players' | 'presence' | 'clock'>;

/** The room's change could not be stored (Redis away, lease lost): the room was given up here. */
const STORE_FAILED = Symbol('store-failed');

/**
 * Runs `op` on a room held here, answering once every change so far is stored. `here`: asked by a socket of this
 * process (else forwarded by another), which tells whether the player's sockets are all here. STORE_FAILED when
 * the change may or may not be in Redis: the caller asks the room's next owner, which knows by the key.
 */
export async function runHere(deps: HereDeps, code: string, op: RoomOpName, args: unknown[], here: boolean, key?: string): Promise<Ack<unknown> | typeof STORE_FAILED> {
  const res = await runOnce(deps, op, args, key);
  deps.players.noteOp(code, op, args, res, here);
  deps.presence.touched(code, op, args, res);
  try {
    await deps.registry.settled(code);
  } catch {
    return STORE_FAILED;
  }
  return res;
}

/** A process says its sockets still hold these seats (after its Redis connection came back): offline ones return. */
async function presentHere(deps: HereDeps, code: string, seats: unknown): Promise<Ack<null> | typeof STORE_FAILED> {
  const room = deps.registry.touch(code);
  if (room && Array.isArray(seats)) {
    for (const id of seats) {
      if (typeof id !== 'string' || room.player(id)?.connected !== false) continue;
      deps.presence.bump(code, id);
      void deps.local.reattach(code, id);
    }
  }
  try {
    await deps.registry.settled(code);
  } catch {
    return STORE_FAILED;
  }
  return accept(null);
}

/** Owners of rooms seen lately; small, since each entry is dropped as soon as the owner does not answer for it. */
const OWNER_CACHE_MAX = 10_000;
/** How often the lease of a room whose owner went away is looked at, and a failed Redis call tried again. */
const LEASE_POLL_MS = 100;
const RETRY_MS = 150;
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface ClusterRouter {
  ops: RoomOps;
  /** Tells the owner of `code` that this process's sockets hold `seats` (retried until Redis answers). */
  present(code: string, seats: string[]): Promise<Ack<unknown>>;
}

export function clusterRouter(deps: RouterDeps): ClusterRouter {
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
  /**
   * Waits until the lease of `code` no longer names `gone` (lapsed, or taken by another), or `gone` listens on its
   * inbox again (it was only reconnecting to a Redis that restarted), or `deadline`.
   */
  const leaseMoves = async (code: string, gone: string, deadline: number): Promise<void> => {
    while (Date.now() < deadline && !deps.closing()) {
      await pause(LEASE_POLL_MS);
      const owner = await deps.leases.owner(code).catch(() => gone);
      if (owner !== gone || (await deps.forwarder.listening(gone))) return;
    }
  };
  const route = async (op: OwnerOp, args: unknown[], budgetMs: number): Promise<Ack<unknown>> => {
    const code = args[0] as string;
    const key = randomToken(12);
    const deadline = Date.now() + budgetMs;
    // A try whose outcome is unknown happened: the room may have applied the request.
    let unsure = false;
    const retry = async (ms: number): Promise<void> => {
      unsure = true;
      await pause(ms);
    };
    while (Date.now() < deadline) {
      // Shutting down: the rooms here are handed on, and the sockets that are about to drop are no news to them.
      if (deps.closing()) return unsure ? refuse('unconfirmed') : refuse('room-closed');
      if (deps.registry.has(code)) {
        const res = op === PRESENT_OP ? await presentHere(deps, code, args[1]) : await runHere(deps, code, op, args, true, key);
        if (res !== STORE_FAILED) return res;
        await retry(RETRY_MS);
        continue;
      }
      let owner: string | null;
      try {
        owner = await ownerOf(code);
        if (owner === null || owner === deps.leases.me) {
          if (owner === null && !(await deps.log.exists(code))) return unsure ? refuse('unconfirmed') : refuse('room-not-found');
          if (await deps.takeover.take(code)) continue;
          if (!(await deps.log.exists(code))) return unsure ? refuse('unconfirmed') : refuse('room-not-found');
          // Another process won the room meanwhile, or the takeover failed: look again shortly.
          await pause(50);
          continue;
        }
      } catch {
        // Redis away: nothing was sent anywhere by this try.
        await pause(RETRY_MS);
        continue;
      }
      try {
        const timeout = Math.max(1, Math.min(deps.forwardTimeoutMs, deadline - Date.now()));
        return (await deps.forwarder.request(owner, op, args, key, timeout)) as Ack<unknown>;
      } catch (err) {
        owners.delete(code);
        if (err instanceof OwnerGone) {
          if (err.received) unsure = true;
          // Dead owner: the request goes on as soon as its lease lapses (taken over here) or another takes it.
          await leaseMoves(code, owner, deadline);
          continue;
        }
        if (err instanceof Error && err.message === NOT_OWNER) {
          // The lease still names a process that just gave the room up: look again shortly.
          await pause(50);
          continue;
        }
        if (err instanceof ForwardTimeout || (err instanceof Error && err.message === UNSURE)) {
          await retry(50);
          continue;
        }
        // The PUBLISH failed (Redis away): it may still have reached the owner.
        await retry(RETRY_MS);
      }
    }
    return unsure ? refuse('unconfirmed') : refuse('internal');
  };
  /**
   * Operation `name`, routed to its room's owner. The answer comes back as JSON from the owner's own `RoomOps` of
   * the same name (ownerHandler below), so it has that operation's type.
   */
  const ops = eachOp(<K extends RoomOpName>(name: K): OpFn<K> => {
    const budget = ROOM_OP_BUDGET[name] === 'notice' ? deps.noticeBudgetMs : deps.opBudgetMs;
    return (...args) => route(name, args, budget) as ReturnType<RoomOps[K]>;
  });
  return { ops, present: (code, seats) => route(PRESENT_OP, [code, seats], deps.noticeBudgetMs) };
}

/**
 * What a forwarded operation does on arrival: runs here if the room is still ours, else says so. `held` is not
 * about a room this process owns: it answers which seats of a room have a socket here (presence.ts).
 */
export function ownerHandler(deps: HereDeps) {
  return async (op: string, args: unknown[], key?: string): Promise<unknown> => {
    if (typeof args[0] !== 'string') return refuse('internal');
    if (op === HELD_OP) return deps.presence.localHeld(args[0]);
    if (op !== PRESENT_OP && !(ROOM_OPS as readonly string[]).includes(op)) return refuse('internal');
    // Given up meanwhile (a lease that lapsed): the caller looks for the new owner.
    if (!deps.registry.has(args[0])) throw new Error(NOT_OWNER);
    const res = op === PRESENT_OP ? await presentHere(deps, args[0], args[1]) : await runHere(deps, args[0], op as RoomOpName, args, false, key);
    if (res === STORE_FAILED) throw new Error(UNSURE);
    return res;
  };
}

/** Creates rooms here under a code no live room of the cluster has: lease first, then the directory entry. */
export function clusterCreator(deps: Pick<RouterDeps, 'registry' | 'leases' | 'log' | 'clock' | 'players'>): CreateRoomFn {
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
    if (made.ok) deps.players.created(code);
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
