/**
 * Socket.IO event handlers: identity (which room, which seat, host or not) lives in `socket.data`; everything
 * else is a dispatch to the room's shell. A failed join, resume or host claim costs the address tokens, so
 * codes and secrets cannot be guessed by brute force.
 */
import type { Socket } from 'socket.io';
import {
  ClaimHostSchema,
  CreateRoomSchema,
  DraftAnswerSchema,
  HostCommandSchema,
  JoinRoomSchema,
  PingSchema,
  ResumePlayerSchema,
  SubmitAnswerSchema,
  type Ack,
  type ClientToServerEvents,
  type CreatedRoom,
  type ErrorCode,
  type InterServerEvents,
  type SeatGrant,
  type ServerToClientEvents,
  type SocketData,
} from '../../shared/protocol';
import { z } from 'zod';
import type { Clock } from '../clock';
import { randomToken, sameSecret, type RoomRegistry } from '../rooms/registry';
import type { RoomShell } from '../rooms/shell';
import { answerState, hostView, playerPhaseView, youView } from '../rooms/views';
import { accept, guarded, refuse, type Logger } from './guard';
import { KeyedLimiter, TokenBucket, type BucketSpec } from './rate-limit';
import { hostRoom, playerRoom, playersRoom, type ArenaServer } from './transport';

type ArenaSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface HandlerLimits {
  /** Events per socket. */
  socket: BucketSpec;
  /** Failed joins / resumes / host claims / room creations per address. */
  attempts: BucketSpec;
}

export interface HandlerContext {
  io: ArenaServer;
  registry: RoomRegistry;
  clock: Clock;
  limits: HandlerLimits;
  log: Logger;
}

/** A failed attempt costs this many tokens; a room creation costs one. */
const FAILED_ATTEMPT_COST = 1;

export function attachHandlers(ctx: HandlerContext): void {
  const attempts = new KeyedLimiter(ctx.limits.attempts, ctx.clock);
  ctx.io.on('connection', (socket: ArenaSocket) => {
    const bucket = new TokenBucket(ctx.limits.socket, ctx.clock);
    const address = socket.data.address ?? socket.handshake.address;
    const on = <S extends z.ZodType, T>(event: keyof ClientToServerEvents, schema: S, fn: (p: S['_output']) => Ack<T>) =>
      guarded(socket, bucket, ctx.log, event, schema, fn);
    const limited = <T>(fn: () => Ack<T>): Ack<T> => {
      const b = attempts.bucket(address);
      if (!b.has(FAILED_ATTEMPT_COST)) return refuse('rate-limited');
      const out = fn();
      if (!out.ok && COSTLY.has(out.error)) b.take(FAILED_ATTEMPT_COST);
      return out;
    };
    if (socket.recovered) reattach(ctx, socket);

    on('room:create', CreateRoomSchema, (p) => limited(() => createRoom(ctx, socket, p)));
    on('room:join', JoinRoomSchema, (p) => limited(() => joinRoom(ctx, socket, p.code, { type: 'join', nickname: p.nickname })));
    on('room:resume', ResumePlayerSchema, (p) => limited(() => joinRoom(ctx, socket, p.code, { type: 'resume', token: p.resumeToken })));
    on('host:claim', ClaimHostSchema, (p) => limited(() => claimHost(ctx, socket, p.code, p.hostSecret)));
    on('host:command', HostCommandSchema, (command) => {
      const room = hostOf(ctx, socket);
      if (!room.ok) return room;
      const res = room.data.dispatch({ type: 'host', command });
      return res.ok ? accept(hostView(room.data.state, ctx.clock.now())) : refuse(res.error, res.detail);
    });
    on('answer:submit', SubmitAnswerSchema, (submission) => {
      const { code, playerId } = socket.data;
      const room = code === undefined ? undefined : ctx.registry.get(code);
      if (!room || playerId === undefined) return refuse('not-in-room');
      const res = room.dispatch({ type: 'submit', playerId, submission });
      if (!res.ok) return refuse(res.error, res.detail);
      const player = room.player(playerId);
      const state = player ? answerState(room.state, player) : null;
      // The submission may have closed the round: the reveal's own result answers it then.
      return state ? accept(state) : refuse('internal');
    });
    on('answer:draft', DraftAnswerSchema, (draft) => {
      const { code, playerId } = socket.data;
      const room = code === undefined ? undefined : ctx.registry.get(code);
      if (!room || playerId === undefined) return refuse('not-in-room');
      const res = room.dispatch({ type: 'draft', playerId, draft });
      return res.ok ? accept({ index: draft.index, held: draft.final !== undefined || (draft.layers?.length ?? 0) > 0 }) : refuse(res.error, res.detail);
    });
    on('room:leave', z.unknown(), () => {
      leaveSeat(ctx, socket, 'leave');
      return accept(null);
    });
    on('time:ping', PingSchema, (p) => {
      const data: { serverNow: number; clientNow?: number } = { serverNow: ctx.clock.now() };
      if (p?.clientNow !== undefined) data.clientNow = p.clientNow;
      return accept(data);
    });
    socket.on('disconnect', () => {
      try {
        leaveSeat(ctx, socket, 'disconnect');
      } catch (err) {
        ctx.log('disconnect handler threw', err);
      }
    });
  });
}

const COSTLY = new Set<ErrorCode>(['room-not-found', 'bad-token', 'bad-secret', 'kicked']);

function createRoom(ctx: HandlerContext, socket: ArenaSocket, p: z.output<typeof CreateRoomSchema>): Ack<CreatedRoom> {
  if (p.mode === 'party' && p.nickname === undefined) return refuse('bad-payload', 'nickname: required in party mode');
  const made = ctx.registry.create(p);
  if (!made.ok) return refuse(made.error, made.detail);
  const room = made.shell;
  leaveSeat(ctx, socket, 'disconnect');
  bindHost(socket, room.code);
  let player: SeatGrant | undefined;
  if (p.mode === 'party' && p.nickname !== undefined) {
    const seat = joinRoom(ctx, socket, room.code, { type: 'join', nickname: p.nickname });
    if (!seat.ok) return seat;
    player = seat.data;
  }
  const data: CreatedRoom = { code: room.code, hostSecret: room.state.hostSecret, host: hostView(room.state, ctx.clock.now()) };
  if (player) data.player = player;
  return accept(data);
}

type SeatRequest = { type: 'join'; nickname: string } | { type: 'resume'; token: string };

function joinRoom(ctx: HandlerContext, socket: ArenaSocket, code: string, req: SeatRequest): Ack<SeatGrant> {
  const room = ctx.registry.get(code);
  if (!room) return refuse('room-not-found');
  const event =
    req.type === 'join' ? { type: 'join' as const, nickname: req.nickname, playerId: randomToken(9), token: randomToken() } : req;
  if (socket.data.playerId !== undefined && socket.data.code !== code) leaveSeat(ctx, socket, 'disconnect');
  const res = room.dispatch(event);
  if (!res.ok) return refuse(res.error, res.detail);
  const player = res.playerId === undefined ? undefined : room.player(res.playerId);
  if (!player) return refuse('internal');
  socket.data.code = code;
  socket.data.playerId = player.id;
  void socket.join([playersRoom(code), playerRoom(code, player.id)]);
  const now = ctx.clock.now();
  return accept({ resumeToken: player.token, you: youView(room.state, player), state: playerPhaseView(room.state, now, player) });
}

function claimHost(ctx: HandlerContext, socket: ArenaSocket, code: string, secret: string) {
  const room = ctx.registry.get(code);
  if (!room) return refuse('room-not-found');
  if (!sameSecret(secret, room.state.hostSecret)) return refuse('bad-secret');
  if (socket.data.code !== undefined && socket.data.code !== code) leaveSeat(ctx, socket, 'disconnect');
  bindHost(socket, code);
  return accept(hostView(room.state, ctx.clock.now()));
}

function bindHost(socket: ArenaSocket, code: string): void {
  if (socket.data.host && socket.data.code !== undefined && socket.data.code !== code) void socket.leave(hostRoom(socket.data.code));
  socket.data.code = code;
  socket.data.host = true;
  void socket.join(hostRoom(code));
}

function hostOf(ctx: HandlerContext, socket: ArenaSocket): Ack<RoomShell> {
  const { code, host } = socket.data;
  if (code === undefined || !host) return refuse('not-host');
  const room = ctx.registry.get(code);
  return room ? accept(room) : refuse('room-not-found');
}

/** Marks the seat offline unless another socket (a second tab, a faster reconnect) still holds it. */
function leaveSeat(ctx: HandlerContext, socket: ArenaSocket, how: 'leave' | 'disconnect'): void {
  const { code, playerId } = socket.data;
  if (code === undefined || playerId === undefined) return;
  const room = ctx.registry.get(code);
  const seatRoom = playerRoom(code, playerId);
  void socket.leave(seatRoom);
  void socket.leave(playersRoom(code));
  delete socket.data.playerId;
  if (!socket.data.host) delete socket.data.code;
  if (!room) return;
  if (how === 'disconnect' && (ctx.io.sockets.adapter.rooms.get(seatRoom)?.size ?? 0) > 0) return;
  room.dispatch({ type: how, playerId });
}

/** Socket.IO restored a dropped socket with its data and rooms: mark the seat connected again. */
function reattach(ctx: HandlerContext, socket: ArenaSocket): void {
  const { code, playerId } = socket.data;
  if (code === undefined || playerId === undefined) return;
  const room = ctx.registry.get(code);
  const token = room?.player(playerId)?.token;
  const res = room && token !== undefined ? room.dispatch({ type: 'resume', token }) : undefined;
  if (!res?.ok) {
    delete socket.data.playerId;
    void socket.leave(playersRoom(code));
    void socket.leave(playerRoom(code, playerId));
  }
}
