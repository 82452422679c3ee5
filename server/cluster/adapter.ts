/**
 * Socket.IO across processes: the Redis Streams adapter carries every broadcast (`io.to(room).emit`), the
 * cross-process `fetchSockets` / `socketsJoin` / `socketsLeave`, and keeps connection-state recovery sessions in
 * Redis, so a client that reconnects to another process still gets the packets it missed.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { ArenaServer } from '../net/transport';

export const STREAM_NAME = 'arena:socket.io';

/**
 * Logs a connection's errors once per outage: while Redis is away every reconnect attempt (a few a second) fails
 * the same way, and the first failure says all there is to say until the connection is back.
 */
export function logOutages(client: Redis, label: string, log: (m: string, err?: unknown) => void): void {
  let quiet = false;
  client.on('error', (err) => {
    if (quiet) return;
    quiet = true;
    log(`${label}: connection failed; reconnecting`, err);
  });
  client.on('ready', () => (quiet = false));
}

/**
 * Entries one XREAD takes off the stream. The adapter's default (100) makes a reveal's per-player results (one
 * entry each, 2,000 for a big room) cost every process tens of round trips before the next broadcast behind them
 * is read; a larger batch drains such a burst in one or two. Entries are small (one view each).
 */
const READ_COUNT = 1000;

/**
 * Wires the adapter on a connection of its own (returned, for the caller to close): with ioredis auto-pipelining,
 * the XADDs issued in one turn of the event loop (a slice of per-player sends, many rooms revealing at once) go
 * to Redis in one write and come back in one read instead of one round trip each, and they do not queue behind the
 * room log's and the leases' commands on the main connection. The adapter duplicates this client for its blocking
 * XREAD and its pub/sub; auto-pipelining is harmless there (one command in flight; SUBSCRIBE is never pipelined).
 */
export async function useRedisAdapter(io: ArenaServer, redis: Redis, log: (m: string, err?: unknown) => void): Promise<Redis> {
  const client = redis.duplicate({ enableAutoPipelining: true });
  logOutages(client, 'redis (adapter)', log);
  await client.connect();
  // Our payloads are JSON (no Buffers): skipping the binary scan saves work on every broadcast.
  io.adapter(createAdapter(client, { streamName: STREAM_NAME, sessionKeyPrefix: 'arena:sio:session:', onlyPlaintext: true, readCount: READ_COUNT }));
  return client;
}
