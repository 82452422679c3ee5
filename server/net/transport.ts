/**
 * Socket.IO rooms behind the room shell's transport, called *channels* here so that "room" means one game only
 * (docs/architecture.md#glossary): `r:CODE` every player socket (one broadcast per phase), `p:CODE:ID` one
 * player's sockets (several tabs, a reconnect racing the old socket), `h:CODE` the host.
 */
import type { Server } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/protocol';
import type { RoomTransport } from '../room-runtime/shell';

export type ArenaServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const playersChannel = (code: string): string => `r:${code}`;
export const playerChannel = (code: string, id: string): string => `p:${code}:${id}`;
export const hostChannel = (code: string): string => `h:${code}`;

/**
 * `isLocal` (cluster mode, server/cluster/local-players.ts): the seat's sockets (a player's, or the host's for null)
 * are all on this process, so a send to them goes with `io.local` instead of through the Redis stream that every
 * process reads; if none is here right now (dropped), it goes through the stream, where a recovered session finds it.
 */
export function socketTransport(io: ArenaServer, code: string, isLocal?: (playerId: string | null) => boolean): RoomTransport {
  const send = (seat: string | null, room: string): RoomTransport['players'] => (event, ...args) => {
    if (!isLocal?.(seat)) {
      io.to(room).emit(event, ...args);
      return;
    }
    // `adapter.sockets` is the adapter's in-memory table of this process only: no Redis (`io.local.fetchSockets()`
    // would still ask Redis how many servers there are).
    void io.sockets.adapter
      .sockets(new Set([room]))
      .then((here) => {
        if (here.size > 0) io.local.to(room).emit(event, ...args);
        else io.to(room).emit(event, ...args);
      })
      .catch(() => io.to(room).emit(event, ...args));
  };
  return {
    players: (event, ...args) => io.to(playersChannel(code)).emit(event, ...args),
    player: (id) => send(id, playerChannel(code, id)),
    host: send(null, hostChannel(code)),
    drop(id) {
      const room = playerChannel(code, id);
      // Through the adapter, so the seat's sockets leave on whichever process holds them. Their `socket.data` is
      // cleared where it can be (this process); elsewhere the stale seat is refused by the room, which no longer has it.
      const leave = (): void => io.in(room).socketsLeave([playersChannel(code), room]);
      void io.local
        .in(room)
        .fetchSockets()
        .then((sockets) => {
          for (const s of sockets) {
            const local = io.sockets.sockets.get(s.id);
            if (local && local.data.code === code && local.data.playerId === id) {
              delete local.data.playerId;
              if (local.data.hostKeyHash === undefined) delete local.data.code;
            }
          }
        })
        .finally(leave)
        .catch(() => {});
    },
  };
}
