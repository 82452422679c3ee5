/**
 * Socket.IO across processes: the Redis Streams adapter carries every broadcast (`io.to(room).emit`), the
 * cross-process `fetchSockets` / `socketsJoin` / `socketsLeave`, and keeps connection-state recovery sessions in
 * Redis, so a client that reconnects to another process still gets the packets it missed.
 *
 * One change to how it broadcasts (`localFirst`): the adapter delivers a broadcast to this process's own sockets
 * only once Redis has answered the XADD (it stamps each packet with the entry's id, the point a recovering client
 * resumes from). That puts a Redis round trip, and on a busy machine a wait for the Redis process to be scheduled,
 * between the room's owner emitting a question and its own phones having it. Here the entry is sent to the stream
 * and the packet delivered to this process's sockets at once, stamped with the last entry id this process has
 * read: a client that recovers from that id is sent this packet again (harmless: every event carries a whole view)
 * and misses nothing.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { Adapter, MessageType, type BroadcastOptions, type ClusterAdapter } from 'socket.io-adapter';
import type { ArenaServer } from '../net/transport';
import type { ErrorLog } from '../log';

export const STREAM_NAME = 'arena:socket.io';

/**
 * Logs a connection's errors once per outage: while Redis is away every reconnect attempt (a few a second) fails
 * the same way, and the first failure says all there is to say until the connection is back.
 */
export function logOutages(client: Redis, label: string, log: ErrorLog): void {
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
export async function useRedisAdapter(io: ArenaServer, redis: Redis, log: ErrorLog): Promise<Redis> {
  const client = redis.duplicate({ enableAutoPipelining: true });
  logOutages(client, 'redis (adapter)', log);
  await client.connect();
  // Our payloads are JSON (no Buffers): skipping the binary scan saves work on every broadcast.
  const streams = createAdapter(client, { streamName: STREAM_NAME, sessionKeyPrefix: 'arena:sio:session:', onlyPlaintext: true, readCount: READ_COUNT });
  const recovery = io._opts.connectionStateRecovery !== undefined;
  // Socket.IO calls `new` on the factory: a plain function, whose returned object `new` gives back.
  io.adapter(function (nsp: Parameters<typeof streams>[0]) {
    return localFirst(streams(nsp) as ClusterAdapter, recovery, log);
  } as unknown as typeof streams);
  return client;
}

type Packet = { type: number; data: unknown[]; id?: number; nsp: string };

/** The adapter's members this file takes over (protected in its typings). */
interface Open {
  onMessage(message: unknown, offset?: string): void;
  publishAndReturnOffset(message: unknown): Promise<string>;
  broadcast(packet: Packet, opts: BroadcastOptions): Promise<void>;
}

/** Broadcasts reach this process's sockets without waiting for Redis (see the file's comment). */
export function localFirst<A extends ClusterAdapter>(adapter: A, recovery: boolean, log: ErrorLog): A {
  const open = adapter as unknown as Open;
  /** The id of the last stream entry this process read (entries are read in order, its own included). */
  let lastRead: string | null = null;
  const onMessage = open.onMessage.bind(adapter);
  open.onMessage = (message, offset) => {
    if (offset) lastRead = offset;
    onMessage(message, offset);
  };
  const clustered = open.broadcast.bind(adapter);
  let failing = false;
  open.broadcast = (packet, opts) => {
    // Local-only, or with acknowledgements (never ours): the adapter's own way.
    if (opts.flags?.local || packet.id !== undefined) return clustered(packet, opts);
    open
      .publishAndReturnOffset({ type: MessageType.BROADCAST, data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags ?? {} } } })
      .then(
        () => void (failing = false),
        (err: unknown) => {
          // Once per outage: the other processes' sockets miss this broadcast (recovered on reconnect, or resumed).
          if (!failing) log('broadcasting through Redis failed', err);
          failing = true;
        },
      );
    const stamp = recovery && packet.type === 2 && opts.flags?.volatile === undefined && lastRead !== null;
    Adapter.prototype.broadcast.call(adapter, stamp ? { ...packet, data: [...packet.data, lastRead] } : packet, opts);
    return Promise.resolve();
  };
  return adapter;
}
