/**
 * A socket's roles, kept in `socket.data` and always checked against the room (by the room operations, wherever
 * the room runs): a socket is bound to at most one room; in it, it may hold one seat and the host key it
 * presented (as its hash). Host rights are never a flag on the socket: every host command re-checks the presented key against
 * the room's host-key hash, so a socket that created one room and joined another has no rights in the second.
 */
import type { Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/protocol';
import type { RoomOps } from './room-ops';
import { hostChannel, playerChannel, playersChannel } from './transport';
import type { ErrorLog } from '../log';

export type ArenaSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RoleContext {
  ops: RoomOps;
  log: ErrorLog;
}

/**
 * Gives up the seat: `leave` on purpose, `disconnect` when another socket of the seat may still hold it. The
 * socket's own rooms and data change at once; the room (maybe in another process) hears of it after.
 */
export function dropSeat(ctx: RoleContext, socket: ArenaSocket, how: 'leave' | 'disconnect'): Promise<void> {
  const { code, playerId } = socket.data;
  if (code === undefined || playerId === undefined) return Promise.resolve();
  void socket.leave(playerChannel(code, playerId));
  void socket.leave(playersChannel(code));
  delete socket.data.playerId;
  return tell(ctx, code, playerId, how);
}

/** Tells the room a seat went (or may have gone) away; a failure is logged, the socket is already free of it. */
export async function tell(ctx: RoleContext, code: string, playerId: string, how: 'leave' | 'disconnect'): Promise<void> {
  try {
    const res = await ctx.ops.leave(code, playerId, how);
    if (!res.ok && res.error !== 'room-not-found' && res.error !== 'room-closed') ctx.log(`${how} of a seat in ${code}: ${res.error}`, undefined, { room: code, event: how });
  } catch (err) {
    ctx.log(`${how} of a seat in ${code} failed`, err, { room: code, event: how });
  }
}

export function dropHost(socket: ArenaSocket): void {
  if (socket.data.code !== undefined) void socket.leave(hostChannel(socket.data.code));
  delete socket.data.hostKeyHash;
}

/** Leaves every role: before binding to another room, or on `room:leave`. */
export function dropAll(ctx: RoleContext, socket: ArenaSocket, how: 'leave' | 'disconnect'): Promise<void> {
  const told = dropSeat(ctx, socket, how);
  dropHost(socket);
  delete socket.data.code;
  return told;
}

/** Binds the socket to `code` (dropping any role in another room first). */
export function bindRoom(ctx: RoleContext, socket: ArenaSocket, code: string): void {
  if (socket.data.code !== undefined && socket.data.code !== code) void dropAll(ctx, socket, 'disconnect');
  socket.data.code = code;
}

export function bindSeat(socket: ArenaSocket, code: string, playerId: string): void {
  socket.data.code = code;
  socket.data.playerId = playerId;
  void socket.join([playersChannel(code), playerChannel(code, playerId)]);
}

/** `hostKeyHash`: the SHA-256 of the presented host key (never the key: socket data outlives the request). */
export function bindHost(socket: ArenaSocket, code: string, hostKeyHash: string): void {
  socket.data.code = code;
  socket.data.hostKeyHash = hostKeyHash;
  void socket.join(hostChannel(code));
}
