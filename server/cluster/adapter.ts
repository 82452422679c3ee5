/**
 * Socket.IO across processes: the Redis Streams adapter carries every broadcast (`io.to(room).emit`), the
 * cross-process `fetchSockets` / `socketsJoin` / `socketsLeave`, and keeps connection-state recovery sessions in
 * Redis, so a client that reconnects to another process still gets the packets it missed.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { ArenaServer } from '../net/transport';

export const STREAM_NAME = 'arena:socket.io';

export function useRedisAdapter(io: ArenaServer, redis: Redis): void {
  // Our payloads are JSON (no Buffers): skipping the binary scan saves work on every broadcast.
  io.adapter(createAdapter(redis, { streamName: STREAM_NAME, sessionKeyPrefix: 'arena:sio:session:', onlyPlaintext: true }));
}
