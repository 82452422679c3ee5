/**
 * What a client event does to its room, apart from the socket: each operation names the room by code, takes
 * plain data (the socket's identity as the socket's process holds it) and answers an Ack of plain data. The
 * socket's own bookkeeping (Socket.IO rooms, `socket.data`) stays in handlers.ts. Split this way, the same
 * operation runs in this process (embedded mode, or a room this process owns) or in the process that owns the
 * room (cluster mode: arguments and answers cross Redis as JSON).
 */
import type { Ack, AckOf, DraftAnswer, HostCommand, HostView, PlayerPhaseView, RoomMode, SubmitAnswer, YouView } from '../../shared/protocol';
import type { Question } from '../../shared/questions/types';
import type { Clock } from '../clock';
import type { RoomRegistry } from '../room-runtime/registry';
import { sameHash } from '../secrets';
import type { RoomShell } from '../room-runtime/shell';
import type { RoomEvent } from '../rooms/types';
import { answerState, hostView, playerPhaseView, youView } from '../rooms/views';
import { accept, refuse, type Reply } from './guard';
import { playerChannel, type ArenaServer } from './transport';

export type SeatEvent = Extract<RoomEvent, { type: 'join' | 'resume' }>;

export interface SeatResult {
  playerId: string;
  mode: RoomMode;
  you: YouView;
  state: PlayerPhaseView;
}

/**
 * The answers of the operations that answer a client event directly are that event's ack (the event table,
 * shared/protocol/events.ts): what a room answers and what the protocol promises cannot drift apart.
 */
export interface RoomOps {
  /** A seat by join or resume; `held`: the seat this socket already holds in the room, if any. */
  seat(code: string, event: SeatEvent, held: string | null): Reply<SeatResult>;
  /** Host rights by the SHA-256 of the presented host key (the key itself never leaves the handler). */
  claim(code: string, hostKeyHash: string): Reply<{ mode: RoomMode; host: HostView }>;
  /** The room's phase if `hostKeyHash` opens it (a check before solving a settings change's tasks). */
  hostPhase(code: string, hostKeyHash: string): Reply<string>;
  host(code: string, hostKeyHash: string, command: HostCommand, solved: Question[] | null): Reply<AckOf<'host:command'>>;
  submit(code: string, playerId: string, submission: SubmitAnswer): Reply<AckOf<'answer:submit'>>;
  draft(code: string, playerId: string, draft: DraftAnswer): Reply<AckOf<'answer:draft'>>;
  /** Party mode: the player is ready to move on from this reveal or leaderboard. */
  ready(code: string, playerId: string, expect: Extract<RoomEvent, { type: 'ready' }>['expect']): Reply<AckOf<'party:ready'>>;
  /** The seat is given up (`leave`) or a socket of it went away (`disconnect`: offline only if it was the last). */
  leave(code: string, playerId: string, how: 'leave' | 'disconnect'): Reply<null>;
  /** A socket Socket.IO recovered with its seat: the seat is online again. */
  reattach(code: string, playerId: string): Reply<null>;
}

export type RoomOpName = keyof RoomOps;

/**
 * Every operation with how long the cluster may retry it (server/cluster/router.ts): `client` ones within the
 * client's own ack timeout; `notice` ones (a socket gone, a socket recovered), told by the server itself with no
 * client waiting, may wait out an outage. A missing or unknown operation is a compile error.
 */
export const ROOM_OP_BUDGET = {
  seat: 'client',
  claim: 'client',
  hostPhase: 'client',
  host: 'client',
  submit: 'client',
  draft: 'client',
  ready: 'client',
  leave: 'notice',
  reattach: 'notice',
} as const satisfies Record<RoomOpName, 'client' | 'notice'>;
export const ROOM_OPS = Object.keys(ROOM_OP_BUDGET) as readonly RoomOpName[];

/** An operation as a wrapper builds it: the arguments and the answer of operation `K`. */
export type OpFn<K extends RoomOpName> = (...args: Parameters<RoomOps[K]>) => ReturnType<RoomOps[K]>;

/** A `RoomOps` whose every operation `make` builds from its name (forwarding, once-only wrappers). */
export function eachOp(make: <K extends RoomOpName>(name: K) => OpFn<K>): RoomOps {
  return {
    seat: make('seat'),
    claim: make('claim'),
    hostPhase: make('hostPhase'),
    host: make('host'),
    submit: make('submit'),
    draft: make('draft'),
    ready: make('ready'),
    leave: make('leave'),
    reattach: make('reattach'),
  };
}

/** How a cluster learns which seats of a room still have a socket somewhere (server/cluster/presence.ts). */
export interface DisconnectCheck {
  /** How long a room's disconnects are gathered before one look at its sockets. */
  batchMs: number;
  /** The seats of `code` with a socket on some process; `complete` false when not every process answered. */
  held(code: string): Promise<{ held: Set<string>; complete: boolean }>;
}

/**
 * The operations on rooms held in this process's registry. `disconnects` (cluster mode): disconnects of a room
 * are checked together after a short batch, with one cluster-wide look at the room's sockets instead of one per
 * seat (a class closing its tabs at once would otherwise ask every process 2,000 times).
 */
export function localRoomOps(io: ArenaServer, registry: RoomRegistry, clock: Clock, disconnects?: DisconnectCheck): RoomOps {
  const roomForHost = (code: string, hostKeyHash: string): RoomShell | null => {
    const room = registry.touch(code);
    return room && sameHash(hostKeyHash, room.state.hostKeyHash) ? room : null;
  };
  const gone = disconnects === undefined ? null : disconnectBatcher(registry, clock, disconnects);
  return {
    seat(code, event, held) {
      const room = registry.touch(code);
      if (!room) return refuse('room-not-found');
      if (held !== null && event.type === 'join' && room.player(held)) return refuse('already-seated');
      const res = room.dispatch(event);
      if (!res.ok) return refuse(res.error, res.detail);
      const player = res.playerId === undefined ? undefined : room.player(res.playerId);
      if (!player) return refuse('internal');
      return accept({ playerId: player.id, mode: room.state.mode, you: youView(room.state, player), state: playerPhaseView(room.state, clock.now(), player) });
    },
    claim(code, hostKeyHash) {
      const room = registry.touch(code);
      if (!room) return refuse('room-not-found');
      if (!sameHash(hostKeyHash, room.state.hostKeyHash)) return refuse('bad-secret');
      return accept({ mode: room.state.mode, host: hostView(room.state, clock.now()) });
    },
    hostPhase(code, hostKeyHash) {
      const room = roomForHost(code, hostKeyHash);
      return room ? accept(room.state.phase) : refuse('not-host');
    },
    host(code, hostKeyHash, command, solved) {
      const room = roomForHost(code, hostKeyHash);
      if (!room) return refuse('not-host');
      const res = room.dispatch(solved ? { type: 'host', command, solved } : { type: 'host', command });
      return res.ok ? accept(hostView(room.state, clock.now())) : refuse(res.error, res.detail);
    },
    submit(code, playerId, submission) {
      const room = registry.touch(code);
      if (!room?.player(playerId)) return refuse('not-in-room');
      const res = room.dispatch({ type: 'submit', playerId, submission });
      if (!res.ok) return refuse(res.error, res.detail);
      const player = room.player(playerId);
      // The submission may have closed the round: the reveal's own result answers it then. An accepted
      // submission leaves the room in a question or its reveal, which always have an answer state.
      const answered = player ? answerState(room.state, player) : null;
      return answered ? accept(answered) : refuse('internal');
    },
    draft(code, playerId, draft) {
      const room = registry.touch(code);
      if (!room?.player(playerId)) return refuse('not-in-room');
      const res = room.dispatch({ type: 'draft', playerId, draft });
      return res.ok ? accept({ index: draft.index, held: draft.final !== undefined || (draft.layers?.length ?? 0) > 0 }) : refuse(res.error, res.detail);
    },
    ready(code, playerId, expect) {
      const room = registry.touch(code);
      if (!room?.player(playerId)) return refuse('not-in-room');
      const res = room.dispatch({ type: 'ready', playerId, expect });
      return res.ok ? accept(null) : refuse(res.error, res.detail);
    },
    async leave(code, playerId, how) {
      if (how === 'disconnect' && gone) return gone(code, playerId);
      if (how === 'disconnect') {
        // Another socket of the seat (a second tab, a faster reconnect), on any process, keeps it online.
        const others = await io.in(playerChannel(code, playerId)).fetchSockets();
        if (others.length > 0) return accept(null);
      }
      const room = registry.touch(code);
      if (!room?.player(playerId)) return accept(null);
      const res = room.dispatch({ type: how, playerId });
      return res.ok ? accept(null) : refuse(res.error, res.detail);
    },
    reattach(code, playerId) {
      const room = registry.touch(code);
      const player = room?.player(playerId);
      if (!room || !player) return refuse('not-in-room');
      const res = room.dispatch({ type: 'resume', tokenHash: player.tokenHash, device: player.device });
      return res.ok ? accept(null) : refuse(res.error, res.detail);
    },
  };
}

/** Collects a room's disconnects for a moment, then marks offline the seats that no socket (on any process) holds. */
function disconnectBatcher(registry: RoomRegistry, clock: Clock, check: DisconnectCheck) {
  const waiting = new Map<string, Set<string>>();
  /** A look that not every process answered is tried again this many times; until then the seats stay online. */
  const TRIES = 10;
  const schedule = (code: string, seats: Iterable<string>, tries: number): void => {
    let pending = waiting.get(code);
    if (!pending) {
      pending = new Set();
      waiting.set(code, pending);
      clock.setTimeout(() => void look(code, tries).catch(() => waiting.delete(code)), check.batchMs);
    }
    for (const id of seats) pending.add(id);
  };
  const look = async (code: string, tries: number): Promise<void> => {
    const seats = waiting.get(code);
    waiting.delete(code);
    if (!seats) return;
    const { held, complete } = await check.held(code);
    const room = registry.touch(code);
    if (!room) return;
    const unsure: string[] = [];
    for (const id of seats) {
      if (!room.player(id) || held.has(id)) continue;
      if (complete) room.dispatch({ type: 'disconnect', playerId: id });
      else unsure.push(id);
    }
    if (unsure.length > 0 && tries > 1) schedule(code, unsure, tries - 1);
  };
  return (code: string, playerId: string): Ack<null> => {
    schedule(code, [playerId], TRIES);
    return accept(null);
  };
}
