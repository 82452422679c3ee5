/**
 * Socket.IO event handlers: identity (which room, which seat, which host key) lives in `socket.data` and is
 * checked against the room on every use (roles.ts); everything else is a dispatch to the room's shell. Failed
 * joins, resumes and host claims are charged (attempts.ts), so codes and secrets cannot be guessed by brute force.
 */
import {
  ClaimHostSchema,
  CreateRoomSchema,
  DraftAnswerSchema,
  HostCommandSchema,
  JoinRoomSchema,
  LeaveRoomSchema,
  PingSchema,
  ReadySchema,
  ResumePlayerSchema,
  SubmitAnswerSchema,
  type Ack,
  type ClientToServerEvents,
  type CreatedRoom,
  type ErrorCode,
  type RoomSettings,
  type SeatGrant,
} from '../../shared/protocol';
import type { Question } from '../../shared/questions/types';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { hashSecret, matchesHash, randomToken, type RoomRegistry } from '../rooms/registry';
import { answerState, hostView, playerPhaseView, youView } from '../rooms/views';
import { AttemptLimits, type AttemptSpecs } from './attempts';
import { accept, guarded, refuse, type Logger, type Reply } from './guard';
import { TokenBucket, type BucketSpec } from './rate-limit';
import { bindHost, bindRoom, bindSeat, dropAll, dropHost, dropSeat, hostRoomOf, seatOf, type ArenaSocket } from './roles';
import { playerRoom, type ArenaServer } from './transport';

export interface HandlerLimits extends AttemptSpecs {
  /** Events per socket. */
  socket: BucketSpec;
}

/** Solves a settings' teacher tasks off the event loop, charged to `requester` whether they solve or not. */
export type SolveTasks = (settings: RoomSettings, requester: string) => Promise<SolveOutcome>;
export type SolveOutcome = { ok: true; solved?: Question[] } | { ok: false; error: ErrorCode; detail?: string };

export interface HandlerContext {
  io: ArenaServer;
  registry: RoomRegistry;
  clock: Clock;
  limits: HandlerLimits;
  log: Logger;
  solveTasks?: SolveTasks;
}

const COSTLY = new Set<ErrorCode>(['room-not-found', 'bad-token', 'bad-secret', 'kicked']);

export function attachHandlers(ctx: HandlerContext): void {
  const attempts = new AttemptLimits(ctx.limits, ctx.clock);
  ctx.io.on('connection', (socket: ArenaSocket) => {
    const bucket = new TokenBucket(ctx.limits.socket, ctx.clock);
    const creations = attempts.socketCreations();
    const address = socket.data.address ?? socket.handshake.address;
    const on = <S extends z.ZodType, T>(event: keyof ClientToServerEvents, schema: S, fn: (p: S['_output']) => Reply<T>) =>
      guarded(socket, bucket, ctx.log, event, schema, fn);
    /** Runs an attempt on `code`, charging a costly failure and remembering a success. */
    const attempt = <T>(code: string, fn: () => Ack<T>): Ack<T> => {
      const b = attempts.bucketFor(address, code);
      if (!b.has(1)) return refuse('rate-limited');
      const out = fn();
      if (out.ok) attempts.proved(address, code);
      else if (COSTLY.has(out.error)) b.take(1);
      return out;
    };
    if (socket.recovered) reattach(ctx, socket);

    on('room:create', CreateRoomSchema, async (p) => {
      if (p.mode === 'party' && p.nickname === undefined) return refuse('bad-payload', 'nickname: required in party mode');
      if (!attempts.takeCreation(address, creations)) return refuse('rate-limited');
      if (ctx.registry.liveRoomsOf(address) >= ctx.registry.maxRoomsPerOwner) return refuse('too-many-rooms');
      const solved = ctx.solveTasks ? await ctx.solveTasks(p.settings, address) : { ok: true as const };
      if (!solved.ok) return refuse(solved.error, solved.detail);
      return createRoom(ctx, socket, p, address, solved.solved);
    });
    on('room:join', JoinRoomSchema, (p) => attempt(p.code, () => takeSeat(ctx, socket, p.code, { type: 'join', nickname: p.nickname })));
    on('room:resume', ResumePlayerSchema, (p) => attempt(p.code, () => takeSeat(ctx, socket, p.code, { type: 'resume', token: p.resumeToken })));
    on('host:claim', ClaimHostSchema, (p) => attempt(p.code, () => claimHost(ctx, socket, p.code, p.hostSecret)));
    on('host:command', HostCommandSchema, async (command) => {
      let room = hostRoomOf(ctx, socket);
      if (!room) return refuse('not-host');
      let solved: Question[] | undefined;
      if (command.type === 'settings' && ctx.solveTasks) {
        if (room.state.phase !== 'lobby') return refuse('wrong-phase');
        const out = await ctx.solveTasks(command.settings, address);
        if (!out.ok) return refuse(out.error, out.detail);
        solved = out.solved;
        // Rights are checked again: the socket may have left, or the room moved on, while the tasks were solved.
        room = hostRoomOf(ctx, socket);
        if (!room) return refuse('not-host');
      }
      const res = room.dispatch(solved ? { type: 'host', command, solved } : { type: 'host', command });
      return res.ok ? accept(hostView(room.state, ctx.clock.now())) : refuse(res.error, res.detail);
    });
    on('answer:submit', SubmitAnswerSchema, (submission) => {
      const seat = seatOf(ctx, socket);
      if (!seat) return refuse('not-in-room');
      const res = seat.room.dispatch({ type: 'submit', playerId: seat.playerId, submission });
      if (!res.ok) return refuse(res.error, res.detail);
      const player = seat.room.player(seat.playerId);
      // The submission may have closed the round: the reveal's own result answers it then.
      return player ? accept(answerState(seat.room.state, player)) : refuse('internal');
    });
    on('answer:draft', DraftAnswerSchema, (draft) => {
      const seat = seatOf(ctx, socket);
      if (!seat) return refuse('not-in-room');
      const res = seat.room.dispatch({ type: 'draft', playerId: seat.playerId, draft });
      return res.ok ? accept({ index: draft.index, held: draft.final !== undefined || (draft.layers?.length ?? 0) > 0 }) : refuse(res.error, res.detail);
    });
    on('party:ready', ReadySchema, (p) => {
      const seat = seatOf(ctx, socket);
      if (!seat) return refuse('not-in-room');
      const res = seat.room.dispatch({ type: 'ready', playerId: seat.playerId, expect: p.expect });
      return res.ok ? accept(null) : refuse(res.error, res.detail);
    });
    on('room:leave', LeaveRoomSchema, () => {
      dropAll(ctx, socket, 'leave');
      return accept(null);
    });
    on('time:ping', PingSchema, (p) => {
      const data: { serverNow: number; clientNow?: number } = { serverNow: ctx.clock.now() };
      if (p?.clientNow !== undefined) data.clientNow = p.clientNow;
      return accept(data);
    });
    socket.on('disconnect', () => {
      try {
        onDisconnect(ctx, socket);
      } catch (err) {
        ctx.log('disconnect handler threw', err);
      }
    });
  });
}

function createRoom(
  ctx: HandlerContext,
  socket: ArenaSocket,
  p: z.output<typeof CreateRoomSchema>,
  owner: string,
  solved: Question[] | undefined,
): Ack<CreatedRoom> {
  const made = ctx.registry.create(p, owner, solved);
  if (!made.ok) return refuse(made.error, made.detail);
  const room = made.shell;
  dropAll(ctx, socket, 'disconnect');
  bindRoom(ctx, socket, room.code);
  bindHost(socket, room.code, made.hostSecret);
  let player: SeatGrant | undefined;
  if (p.mode === 'party' && p.nickname !== undefined) {
    const seat = takeSeat(ctx, socket, room.code, { type: 'join', nickname: p.nickname });
    if (!seat.ok) return seat;
    player = seat.data;
  }
  const data: CreatedRoom = { code: room.code, hostSecret: made.hostSecret, host: hostView(room.state, ctx.clock.now()) };
  if (player) data.player = player;
  return accept(data);
}

type SeatRequest = { type: 'join'; nickname: string } | { type: 'resume'; token: string };

/**
 * A seat for this socket in room `code`. A socket holds one seat per room: a second join there is refused
 * (leave first to change nickname); a resume moves it to the token's seat. In classroom mode the seat replaces
 * the host role (the projector does not play); in party mode the creator keeps both.
 */
function takeSeat(ctx: HandlerContext, socket: ArenaSocket, code: string, req: SeatRequest): Ack<SeatGrant> {
  const room = ctx.registry.get(code);
  if (!room) return refuse('room-not-found');
  const held = socket.data.code === code ? seatOf(ctx, socket) : null;
  if (held && req.type === 'join') return refuse('already-seated');
  const device = socket.data.device ?? socket.id;
  const token = req.type === 'join' ? randomToken() : req.token;
  const event =
    req.type === 'join'
      ? { type: 'join' as const, nickname: req.nickname, playerId: randomToken(9), tokenHash: hashSecret(token), device }
      : { type: 'resume' as const, tokenHash: hashSecret(token), device };
  const res = room.dispatch(event);
  if (!res.ok) return refuse(res.error, res.detail);
  const player = res.playerId === undefined ? undefined : room.player(res.playerId);
  if (!player) return refuse('internal');
  if (held && held.playerId !== player.id) dropSeat(ctx, socket, 'disconnect');
  bindRoom(ctx, socket, code);
  if (room.state.mode === 'classroom') dropHost(socket);
  bindSeat(socket, code, player.id);
  const now = ctx.clock.now();
  return accept({ resumeToken: token, you: youView(room.state, player), state: playerPhaseView(room.state, now, player) });
}

function claimHost(ctx: HandlerContext, socket: ArenaSocket, code: string, secret: string) {
  const room = ctx.registry.get(code);
  if (!room) return refuse('room-not-found');
  if (!matchesHash(secret, room.state.hostKeyHash)) return refuse('bad-secret');
  bindRoom(ctx, socket, code);
  if (room.state.mode === 'classroom') dropSeat(ctx, socket, 'disconnect');
  bindHost(socket, code, secret);
  return accept(hostView(room.state, ctx.clock.now()));
}

/**
 * The seat goes offline unless another socket (a second tab, a faster reconnect) still holds it. `socket.data` is
 * left as it is: Socket.IO keeps it for connection-state recovery, and `reattach` needs the seat back from it.
 */
function onDisconnect(ctx: HandlerContext, socket: ArenaSocket): void {
  const seat = seatOf(ctx, socket);
  if (!seat) return;
  const { code, playerId } = socket.data;
  if (code === undefined || playerId === undefined) return;
  if ((ctx.io.sockets.adapter.rooms.get(playerRoom(code, playerId))?.size ?? 0) > 0) return;
  seat.room.dispatch({ type: 'disconnect', playerId: seat.playerId });
}

/** Socket.IO restored a dropped socket with its data and rooms: the seat comes back online by itself. */
function reattach(ctx: HandlerContext, socket: ArenaSocket): void {
  const seat = seatOf(ctx, socket);
  const player = seat?.room.player(seat.playerId);
  const res = seat && player ? seat.room.dispatch({ type: 'resume', tokenHash: player.tokenHash, device: player.device }) : undefined;
  if (!res?.ok) dropSeat(ctx, socket, 'disconnect');
  if (socket.data.hostKey !== undefined && !hostRoomOf(ctx, socket)) dropHost(socket);
}
