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
      // Through the adapter, so the seat's sockets leave on whichever process holds them. Their `socket.data` is
      // cleared where it can be (this process); elsewhere the stale seat is refused by the room, which no longer has it.
      const leave = (): void => io.in(room).socketsLeave([playersRoom(code), room]);
      void io.local
        .in(room)
        .fetchSockets()
        .then((sockets) => {
          for (const s of sockets) {
            const local = io.sockets.sockets.get(s.id);
            if (local && local.data.code === code && local.data.playerId === id) {
              delete local.data.playerId;
              if (local.data.hostKey === undefined) delete local.data.code;
            }
          }
        })
        .finally(leave)
        .catch(() => {});
    },
  };
}
