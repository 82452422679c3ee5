/**
 * Seats follow sockets. Whether a seat still has a socket is answered by the process that holds the socket, never
 * guessed: a room's owner asks every process of the cluster (processes.ts) for the seats of the room it holds,
 * over each process's inbox (forward.ts), and asks again until each one answered or is known dead, so a process
 * still reconnecting to a Redis that just restarted is waited for instead of being taken for empty. A seat is
 * marked offline only when that complete look finds no socket for it, and only if nothing happened to the seat
 * meanwhile (a resume, a reconnect elsewhere): each seat operation the owner runs bumps the seat's epoch.
 */
import type { Ack } from '../../shared/protocol';
import type { RoomOpName } from '../net/room-ops';
import { playersChannel, type ArenaServer } from '../net/transport';
import type { Forwarder } from './forward';
import type { ProcessDirectory } from './processes';

/** The inbox operation a process answers with the seats of a room it holds sockets for. */
export const HELD_OP = 'held';
/** How long one process may take to answer before it is asked again. */
const ASK_MS = 1000;
const AGAIN_MS = 150;

export interface HeldSeats {
  held: Set<string>;
  /** Every process that may be alive answered: a seat missing from `held` has no socket anywhere. */
  complete: boolean;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class SeatPresence {
  /** Room code → seat → how many seat operations the owner ran for it (an epoch). */
  private readonly epochs = new Map<string, Map<string, number>>();

  constructor(
    private readonly io: ArenaServer,
    private readonly directory: ProcessDirectory,
    private readonly forwarder: Forwarder,
  ) {}

  /** The seats of room `code` with a socket on this process (the adapter's in-memory rooms: no Redis). */
  localHeld(code: string): string[] {
    const ids = new Set<string>();
    for (const sid of this.io.sockets.adapter.rooms.get(playersChannel(code)) ?? []) {
      const data = this.io.sockets.sockets.get(sid)?.data;
      if (data?.code === code && data.playerId !== undefined) ids.add(data.playerId);
    }
    return [...ids];
  }

  /** Every seat of room `code` with a socket on some process, asked of each until `budgetMs` runs out. */
  async heldAnywhere(code: string, budgetMs: number): Promise<HeldSeats> {
    const deadline = Date.now() + budgetMs;
    const held = new Set(this.localHeld(code));
    const answered = new Set([this.directory.me]);
    for (;;) {
      const waiting = await this.directory.list().then(
        (procs) => procs.filter((p) => !answered.has(p.id)),
        () => null,
      );
      if (waiting?.length === 0) return { held, complete: true };
      if (Date.now() >= deadline) return { held, complete: false };
      await Promise.all(
        (waiting ?? []).map((p) =>
          this.forwarder.request(p.id, HELD_OP, [code], undefined, Math.min(ASK_MS, Math.max(1, deadline - Date.now()))).then(
            (ids) => {
              answered.add(p.id);
              if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') held.add(id);
            },
            () => undefined,
          ),
        ),
      );
      if (waiting !== null && waiting.every((p) => answered.has(p.id))) continue;
      await pause(AGAIN_MS);
    }
  }

  /** The owner ran `op` for a seat of `code`: what was known about the seat's sockets before may be stale. */
  touched(code: string, op: RoomOpName, args: unknown[], res: Ack<unknown>): void {
    const seat = op === 'seat' ? seatOf(res) : op === 'leave' || op === 'reattach' ? (args[1] as string) : null;
    if (seat !== null) this.bump(code, seat);
  }

  bump(code: string, seat: string): void {
    let room = this.epochs.get(code);
    if (!room) {
      room = new Map();
      this.epochs.set(code, room);
    }
    room.set(seat, (room.get(seat) ?? 0) + 1);
  }

  epoch(code: string, seat: string): number {
    return this.epochs.get(code)?.get(seat) ?? 0;
  }

  /** The room left this process: its epochs go with it. */
  forget(code: string): void {
    this.epochs.delete(code);
  }
}

function seatOf(res: Ack<unknown>): string | null {
  const data: unknown = res.ok ? res.data : null;
  return typeof data === 'object' && data !== null && 'playerId' in data && typeof data.playerId === 'string' ? data.playerId : null;
}
