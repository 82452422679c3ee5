/**
 * Socket.IO rooms behind the room shell's transport: `r:CODE` every player socket (one broadcast per phase),
 * `p:CODE:ID` one player's sockets (several tabs, a reconnect racing the old socket), `h:CODE` the host.
 */
import type { Server } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/protocol';
import type { RoomTransport } from '../rooms/shell';

export type ArenaServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const playersRoom = (code: string): string => `r:${code}`;
export const playerRoom = (code: string, id: string): string => `p:${code}:${id}`;
export const hostRoom = (code: string): string => `h:${code}`;

export function socketTransport(io: ArenaServer, code: string): RoomTransport {
  return {
    players: (event, ...args) => io.to(playersRoom(code)).emit(event, ...args),
    player: (id) => (event, ...args) => io.to(playerRoom(code, id)).emit(event, ...args),
    host: (event, ...args) => io.to(hostRoom(code)).emit(event, ...args),
    drop(id) {
      const room = playerRoom(code, id);
      for (const sid of io.sockets.adapter.rooms.get(room) ?? []) {
        const socket = io.sockets.sockets.get(sid);
        if (!socket) continue;
        delete socket.data.playerId;
        if (socket.data.hostKey === undefined) delete socket.data.code;
        socket.leave(playersRoom(code));
        socket.leave(room);
      }
    },
  };
}
