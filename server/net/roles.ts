/**
 * A socket's roles, kept in `socket.data` and always checked against the room: a socket is bound to at most one
 * room; in it, it may hold one seat and the host key it presented. Host rights are never a flag on the socket:
 * every host command re-checks the presented key against the room's host-key hash, so a socket that created one
 * room and joined another has no rights in the second.
 */
import type { Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/protocol';
import { matchesHash, type RoomRegistry } from '../rooms/registry';
import type { RoomShell } from '../rooms/shell';
import { hostRoom, playerRoom, playersRoom, type ArenaServer } from './transport';

export type ArenaSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RoleContext {
  io: ArenaServer;
  registry: RoomRegistry;
}

/** The room this socket may command as host, or null: bound to it and holding a key that matches the room's. */
export function hostRoomOf(ctx: RoleContext, socket: ArenaSocket): RoomShell | null {
  const { code, hostKey } = socket.data;
  if (code === undefined || hostKey === undefined) return null;
  const room = ctx.registry.get(code);
  return room && matchesHash(hostKey, room.state.hostKeyHash) ? room : null;
}

/** The seat this socket holds, if its room still has it. */
export function seatOf(ctx: RoleContext, socket: ArenaSocket): { room: RoomShell; playerId: string } | null {
  const { code, playerId } = socket.data;
  if (code === undefined || playerId === undefined) return null;
  const room = ctx.registry.get(code);
  return room?.player(playerId) ? { room, playerId } : null;
}

/** Gives up the seat: `leave` on purpose, `disconnect` when another socket of the seat may still hold it. */
export function dropSeat(ctx: RoleContext, socket: ArenaSocket, how: 'leave' | 'disconnect'): void {
  const { code, playerId } = socket.data;
  if (code === undefined || playerId === undefined) return;
  const seatRoom = playerRoom(code, playerId);
  void socket.leave(seatRoom);
  void socket.leave(playersRoom(code));
  delete socket.data.playerId;
  const room = ctx.registry.get(code);
  if (!room?.player(playerId)) return;
  if (how === 'disconnect' && (ctx.io.sockets.adapter.rooms.get(seatRoom)?.size ?? 0) > 0) return;
  room.dispatch({ type: how, playerId });
}

export function dropHost(socket: ArenaSocket): void {
  if (socket.data.code !== undefined) void socket.leave(hostRoom(socket.data.code));
  delete socket.data.hostKey;
}

/** Leaves every role: before binding to another room, or on `room:leave`. */
export function dropAll(ctx: RoleContext, socket: ArenaSocket, how: 'leave' | 'disconnect'): void {
  dropSeat(ctx, socket, how);
  dropHost(socket);
  delete socket.data.code;
}

/** Binds the socket to `code` (dropping any role in another room first). */
export function bindRoom(ctx: RoleContext, socket: ArenaSocket, code: string): void {
  if (socket.data.code !== undefined && socket.data.code !== code) dropAll(ctx, socket, 'disconnect');
  socket.data.code = code;
}

export function bindSeat(socket: ArenaSocket, code: string, playerId: string): void {
  socket.data.code = code;
  socket.data.playerId = playerId;
  void socket.join([playersRoom(code), playerRoom(code, playerId)]);
}

export function bindHost(socket: ArenaSocket, code: string, hostKey: string): void {
  socket.data.code = code;
  socket.data.hostKey = hostKey;
  void socket.join(hostRoom(code));
}
