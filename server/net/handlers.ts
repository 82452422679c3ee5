/**
 * Socket.IO event handlers: identity (which room, which seat, which host key) lives in `socket.data` and is
 * checked against the room on every use (room-ops.ts, wherever the room runs); the socket's Socket.IO rooms and
 * data are kept here (roles.ts). Failed
 * joins, resumes and host claims are charged (attempts.ts), so codes and secrets cannot be guessed by brute force.
 */
import { isRudeNickname } from '../names/nickname-filter';
import {
  CLIENT_EVENTS,
  type Ack,
  type ClientEventsTable,
  type CreateRoom,
  type CreatedRoom,
  type HostView,
  type ErrorCode,
  type Pong,
  type PayloadOut,
  type SeatGrant,
} from '../../shared/protocol';
import type { Question } from '../../shared/questions/types';
import type { Clock } from '../clock';
import type { RoomRegistry } from '../room-runtime/registry';
import { hashSecret, randomToken } from '../secrets';
import { hostView } from '../rooms/views';
import type { SharedLimiters } from './address-limiter';
import { AttemptLimits, type AttemptSpecs } from './attempts';
import { accept, answerUnknown, guarded, refuse, type Logger, type Reply } from './guard';
import { registerEvents, type HandlersOf, type LimitTools } from './events';
import { TokenBucket, type BucketSpec } from './rate-limit';
import { bindHost, bindRoom, bindSeat, dropAll, dropHost, dropSeat, tell, type ArenaSocket } from './roles';
import type { RoomOps } from './room-ops';
import type { ArenaServer } from './transport';
import type { SolveTasks } from '../tasks/types';

export interface HandlerLimits extends AttemptSpecs {
  /** Events per socket. */
  socket: BucketSpec;
}

/** Makes a room in this process (which then runs it) for `owner`, the creator's address. */
export type CreateRoomFn = (req: CreateRoom, owner: string, solved: Question[] | undefined) => Reply<Omit<CreatedRoom, 'player'>>;

export interface HandlerContext {
  io: ArenaServer;
  /** The rooms' operations: this process's registry, or the cluster's router to each room's owner. */
  ops: RoomOps;
  createRoom: CreateRoomFn;
  /** Whether `owner` already holds its most live rooms: refused before any task is solved for a new one. */
  roomsFull: (owner: string) => boolean;
  clock: Clock;
  limits: HandlerLimits;
  log: Logger;
  solveTasks?: SolveTasks;
  /** The last-resort bound on every ack (guard.ts); default ACK_DEADLINE_MS. */
  ackDeadlineMs?: number;
  /** Per-address budgets shared by a cluster through Redis; absent: this process's own. */
  shared?: Pick<SharedLimiters, 'attempts' | 'createAddress'>;
}

const COSTLY = new Set<ErrorCode>(['room-not-found', 'bad-token', 'bad-secret', 'kicked']);

/** The room-creation refusals a registry gives, kept as one function so both modes answer alike. */
export function registryCreator(registry: RoomRegistry, clock: Clock): CreateRoomFn {
  return (req, owner, solved) => {
    const made = registry.create(req, owner, solved);
    if (!made.ok) return refuse(made.error, made.detail);
    const code = made.shell.code;
    const data = { code, hostSecret: made.hostSecret, host: hostView(made.shell.state, clock.now()) };
    const settled = registry.settled(code);
    return settled ? settled.then(() => accept(data), () => refuse('internal')) : accept(data);
  };
}

export function attachHandlers(ctx: HandlerContext): void {
  const attempts = new AttemptLimits(ctx.limits, ctx.clock, ctx.shared);
  ctx.io.on('connection', (socket: ArenaSocket) => {
    const bucket = new TokenBucket(ctx.limits.socket, ctx.clock);
    const creations = attempts.socketCreations();
    const address = socket.data.address ?? socket.handshake.address;
    const tools: LimitTools = {
      event: undefined,
      async attempt(code, fn) {
        if (!(await attempts.allowed(address, code))) return refuse('rate-limited');
        const out = await fn();
        if (out.ok) attempts.proved(address, code);
        else if (COSTLY.has(out.error)) await attempts.failed(address, code);
        return out;
      },
      create: () => attempts.takeCreation(address, creations),
    };
    if (socket.recovered) void reattach(ctx, socket);
    const known = registerEvents(CLIENT_EVENTS, socketHandlers(ctx, socket, address), tools, (event, schema, fn) =>
      guarded(socket, bucket, ctx.log, event, schema, fn, ctx.ackDeadlineMs),
    );
    answerUnknown(socket, bucket, ctx.log, known);
    socket.on('disconnect', () => {
      // `socket.data` is left as it is: Socket.IO keeps it for connection-state recovery, and `reattach` needs the
      // seat back from it. The seat goes offline unless another socket (on any process) still holds it.
      const { code, playerId } = socket.data;
      if (code !== undefined && playerId !== undefined) void tell(ctx, code, playerId, 'disconnect');
    });
  });
}

/** What each client event does for this socket (the event table, shared/protocol/events.ts, lists them). */
function socketHandlers(ctx: HandlerContext, socket: ArenaSocket, address: string): HandlersOf<ClientEventsTable> {
  return {
    'room:create': async (p, takeCreation) => {
      if (p.mode === 'party' && p.nickname === undefined) return refuse('bad-payload', 'nickname: required in party mode');
      if (p.nickname !== undefined && isRudeNickname(p.nickname)) return refuse('nickname-refused');
      if (!(await takeCreation())) return refuse('rate-limited');
      if (ctx.roomsFull(address)) return refuse('too-many-rooms');
      const solved = ctx.solveTasks ? await ctx.solveTasks(p.settings, address) : { ok: true as const };
      if (!solved.ok) return refuse(solved.error, solved.detail);
      return createRoom(ctx, socket, p, address, solved.solved);
    },
    'room:join': (p, attempt) => {
      // Checked before the room is asked (a rude name is not a failed guess at a code, and costs nothing there).
      if (isRudeNickname(p.nickname)) return refuse('nickname-refused');
      return attempt(p.code, () => takeSeat(ctx, socket, p.code, { type: 'join', nickname: p.nickname }));
    },
    'room:resume': (p, attempt) => attempt(p.code, () => takeSeat(ctx, socket, p.code, { type: 'resume', token: p.resumeToken })),
    'host:claim': (p, attempt) => attempt(p.code, () => claimHost(ctx, socket, p.code, p.hostSecret)),
    'host:command': async (command) => {
      const { code, hostKeyHash } = socket.data;
      if (code === undefined || hostKeyHash === undefined) return refuse('not-host');
      let solved: Question[] | null = null;
      if (command.type === 'settings' && ctx.solveTasks) {
        const phase = await ctx.ops.hostPhase(code, hostKeyHash);
        if (!phase.ok) return phase;
        if (phase.data !== 'lobby') return refuse('wrong-phase');
        const out = await ctx.solveTasks(command.settings, address);
        if (!out.ok) return refuse(out.error, out.detail);
        solved = out.solved ?? null;
        // Rights are checked again: the socket may have left, or the room moved on, while the tasks were solved.
        if (socket.data.code !== code || socket.data.hostKeyHash !== hostKeyHash) return refuse('not-host');
      }
      return ctx.ops.host(code, hostKeyHash, command, solved);
    },
    'answer:submit': (submission) => {
      const { code, playerId } = socket.data;
      if (code === undefined || playerId === undefined) return refuse('not-in-room');
      return ctx.ops.submit(code, playerId, submission);
    },
    'answer:draft': (draft) => {
      const { code, playerId } = socket.data;
      if (code === undefined || playerId === undefined) return refuse('not-in-room');
      return ctx.ops.draft(code, playerId, draft);
    },
    'party:ready': (p) => {
      const { code, playerId } = socket.data;
      if (code === undefined || playerId === undefined) return refuse('not-in-room');
      return ctx.ops.ready(code, playerId, p.expect);
    },
    'room:leave': async () => {
      await dropAll(ctx, socket, 'leave');
      return accept(null);
    },
    'time:ping': (p) => {
      const data: Pong = { serverNow: ctx.clock.now() };
      if (p?.clientNow !== undefined) data.clientNow = p.clientNow;
      return accept(data);
    },
  };
}

async function createRoom(
  ctx: HandlerContext,
  socket: ArenaSocket,
  p: PayloadOut<'room:create'>,
  owner: string,
  solved: Question[] | undefined,
): Promise<Ack<CreatedRoom>> {
  const made = await ctx.createRoom(p, owner, solved);
  if (!made.ok) return made;
  const { code, hostSecret } = made.data;
  void dropAll(ctx, socket, 'disconnect');
  bindRoom(ctx, socket, code);
  bindHost(socket, code, hashSecret(hostSecret));
  const data: CreatedRoom = { ...made.data };
  if (p.mode === 'party' && p.nickname !== undefined) {
    const seat = await takeSeat(ctx, socket, code, { type: 'join', nickname: p.nickname });
    if (!seat.ok) return seat;
    data.player = seat.data;
  }
  return accept(data);
}

type SeatRequest = { type: 'join'; nickname: string } | { type: 'resume'; token: string };

/**
 * A seat for this socket in room `code`. A socket holds one seat per room: a second join there is refused
 * (leave first to change nickname); a resume moves it to the token's seat. In classroom mode the seat replaces
 * the host role (the projector does not play); in party mode the creator keeps both.
 */
async function takeSeat(ctx: HandlerContext, socket: ArenaSocket, code: string, req: SeatRequest): Promise<Ack<SeatGrant>> {
  const held = socket.data.code === code ? (socket.data.playerId ?? null) : null;
  const device = socket.data.device ?? socket.id;
  const token = req.type === 'join' ? randomToken() : req.token;
  const event =
    req.type === 'join'
      ? { type: 'join' as const, nickname: req.nickname, playerId: randomToken(9), tokenHash: hashSecret(token), device }
      : { type: 'resume' as const, tokenHash: hashSecret(token), device };
  const res = await ctx.ops.seat(code, event, held);
  if (!res.ok) return res;
  const { playerId, mode, you, state } = res.data;
  // The socket may have moved on while the room answered: it keeps whatever it asked for last.
  if (held !== null && held !== playerId && socket.data.playerId === held) void dropSeat(ctx, socket, 'disconnect');
  bindRoom(ctx, socket, code);
  if (mode === 'classroom') dropHost(socket);
  bindSeat(socket, code, playerId);
  return accept({ resumeToken: token, you, state });
}

async function claimHost(ctx: HandlerContext, socket: ArenaSocket, code: string, secret: string): Promise<Ack<HostView>> {
  // Only the hash goes on: to the room (maybe across Redis) and into the socket's data.
  const hostKeyHash = hashSecret(secret);
  const res = await ctx.ops.claim(code, hostKeyHash);
  if (!res.ok) return res;
  bindRoom(ctx, socket, code);
  if (res.data.mode === 'classroom') void dropSeat(ctx, socket, 'disconnect');
  bindHost(socket, code, hostKeyHash);
  return accept(res.data.host);
}

/** Socket.IO restored a dropped socket with its data and rooms: the seat comes back online by itself. */
async function reattach(ctx: HandlerContext, socket: ArenaSocket): Promise<void> {
  const { code, playerId, hostKeyHash } = socket.data;
  if (code === undefined) return;
  try {
    if (playerId !== undefined) {
      const res = await ctx.ops.reattach(code, playerId);
      if (!res.ok) void dropSeat(ctx, socket, 'disconnect');
    }
    if (hostKeyHash !== undefined && !(await ctx.ops.hostPhase(code, hostKeyHash)).ok) dropHost(socket);
  } catch (err) {
    ctx.log('reattach failed', err);
  }
}
