/**
 * Per-seat sends without the stream when they can: which players (and the host) of the rooms this process owns
 * have had their seat taken, resumed or used only by sockets of this process. Every entry of the Redis stream is
 * read and filtered by every process, and a reveal sends one per player (2,000 for a big room), the host one per
 * roster change and answer-progress tick: a seat whose sockets are all here is reached with `io.local`, the others
 * through the adapter as before.
 *
 * Conservative: only in rooms created here (a room taken over may have sockets on other processes that never sent
 * this owner anything, so it always goes through the stream); a seat is local only if every operation of its that
 * reached this owner came from a socket of this process (the host: it created the room here); one forwarded
 * operation (another tab, a reconnect to another process) makes it remote for good.
 * Connection-state recovery: a local send while the seat has no socket here (dropped, maybe resuming elsewhere)
 * goes through the stream instead (server/net/transport.ts), so a recovered session replays it; a packet lost in
 * flight on a dropping local socket is not replayed, but the client resumes its seat (or claims the room) on
 * every reconnect, and that answer carries the current views.
 */
import type { RoomOpName } from '../net/room-ops';
import type { Ack } from '../../shared/protocol';

/** The host's entry: player ids are never empty. */
const HOST = '';

export class LocalPlayers {
  /** Room code → seat (player id, or HOST) → true while all its sockets have been here; null: a room taken over. */
  private readonly rooms = new Map<string, Map<string, boolean> | null>();
  private held: (code: string) => boolean = () => true;

  /** Rooms the registry no longer holds (swept, given up) are forgotten whenever a room starts here. */
  bind(held: (code: string) => boolean): void {
    this.held = held;
  }

  /** A room starts here (created or taken over): nothing is known about its sockets. */
  start(code: string): void {
    for (const c of this.rooms.keys()) if (c !== code && !this.held(c)) this.rooms.delete(c);
    this.rooms.set(code, null);
  }

  /** The room was created here, by a host socket of this process: no socket elsewhere has a seat in it yet. */
  created(code: string): void {
    this.rooms.set(code, new Map([[HOST, true]]));
  }

  /** An operation ran on a room owned here, for a socket of this process (`here`) or forwarded from another. */
  noteOp(code: string, op: RoomOpName, args: unknown[], res: Ack<unknown>, here: boolean): void {
    const room = this.rooms.get(code);
    if (!room) return;
    const seat = seatOf(op, args, res);
    if (seat === null) return;
    if (!here) room.set(seat, false);
    else if (res.ok && !room.has(seat)) room.set(seat, true);
  }

  /** `playerId` null: the host. */
  isLocal(code: string, playerId: string | null): boolean {
    return this.rooms.get(code)?.get(playerId ?? HOST) === true;
  }
}

/** The seat an operation acts for: from its result for `seat`, HOST for host operations, else its second argument. */
function seatOf(op: RoomOpName, args: unknown[], res: Ack<unknown>): string | null {
  if (op === 'seat') {
    const data: unknown = res.ok ? res.data : null;
    return typeof data === 'object' && data !== null && 'playerId' in data && typeof data.playerId === 'string' ? data.playerId : null;
  }
  if (op === 'claim' || op === 'hostPhase' || op === 'host') return HOST;
  return typeof args[1] === 'string' && args[1] !== HOST ? args[1] : null;
}
