/** Integration harness: a real arena server on 127.0.0.1 port 0 in a temp data dir, real socket.io-client. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import {
  DEFAULT_SETTINGS,
  PROTOCOL_VERSION,
  type Ack,
  type AckOf,
  type ClientEvent,
  type ClientToServerEvents,
  type PayloadIn,
  type RoomSettings,
  type ServerToClientEvents,
} from '../../../shared/protocol';
import { createArenaServer, type ArenaServerHandle, type ArenaServerOptions } from '../../../server/app';
import { bundledTaskWorker } from '../../support/child-bundle';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Harness {
  server: ArenaServerHandle;
  dataDir: string;
  clients: Client[];
  connect(auth?: Record<string, unknown>): Promise<Client>;
  stop(): Promise<void>;
}

/**
 * These servers run the TypeScript sources in-process; their task worker is the run's bundled one (child-bundle.ts),
 * or outside a Vitest run the sources' worker, which tsx compiles before it is ready: up to ~25 s on a loaded 2-core
 * machine, past the production bound on a request with own questions (TASKS_ANSWER_MS, met by the bundle's worker
 * in about a second and tested on it in service/process.test.ts), hence the patient bounds. The pool's bounds
 * themselves are tested in task-pool.test.ts.
 */
export const SOURCE_TASKS: NonNullable<ArenaServerOptions['tasks']> = { queueWaitMs: 90_000, requestDeadlineMs: 90_000, ...bundledTaskWorker() };

export async function startHarness(opts: Partial<ArenaServerOptions> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-test-'));
  const server = await createArenaServer({ port: 0, host: '127.0.0.1', dataDir, clientDir: join(dataDir, 'no-client'), log: () => {}, tasks: SOURCE_TASKS, ...opts });
  const clients: Client[] = [];
  return {
    server,
    dataDir,
    clients,
    async connect(auth = { protocolVersion: PROTOCOL_VERSION }) {
      const socket: Client = io(server.url, { transports: ['websocket'], auth, forceNew: true, reconnection: false, timeout: WAIT_MS });
      clients.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (err) => reject(err));
      });
      return socket;
    },
    async stop() {
      for (const c of clients) c.disconnect();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** How long a test waits for an ack or an event: generous, for a loaded 2-core CI machine. */
export const WAIT_MS = 15_000;

/**
 * Emits a client event with its ack and resolves with the ack (the server must always answer). Typed by the event
 * table (shared/protocol/events.ts): the payload and the ack's data are the event's own.
 */
export function call<E extends ClientEvent>(socket: Client, event: E, ...payload: [PayloadIn<E>?]): Promise<Ack<AckOf<E>>> {
  return callRaw(socket, event, ...payload) as Promise<Ack<AckOf<E>>>;
}

/** Emits anything, as a hostile or broken client may: any event name, any payload. */
export function callRaw(socket: Client, event: string, ...payload: unknown[]): Promise<Ack<unknown>> {
  const timed = socket.timeout(WAIT_MS);
  const emit = timed.emitWithAck.bind(timed) as unknown as (ev: string, ...args: unknown[]) => Promise<Ack<unknown>>;
  return payload.length === 0 || payload[0] === undefined ? emit(event) : emit(event, payload[0]);
}

export async function ok<T>(p: Promise<Ack<T>>): Promise<T> {
  const res = await p;
  if (!res.ok) throw new Error(`refused: ${res.error} ${res.detail ?? ''}`);
  return res.data;
}

/** Every event a socket receives, in order, as [name, payload]. */
export function record(socket: Client): Array<[string, unknown]> {
  const log: Array<[string, unknown]> = [];
  socket.onAny((event: string, payload: unknown) => log.push([event, payload]));
  return log;
}

/**
 * Resolves with the next `event` payload that satisfies `pred`. `timeoutMs` counts from now: a wait set up before
 * a long fault (a Redis outage and its recovery) needs the fault's bounds added to it.
 */
export function next<T = unknown>(socket: Client, event: string, pred: (p: T) => boolean = () => true, timeoutMs = WAIT_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${event}`)), timeoutMs);
    const handler = (payload: T): void => {
      if (!pred(payload)) return;
      clearTimeout(timer);
      (socket as unknown as { off(e: string, h: unknown): void }).off(event, handler);
      resolve(payload);
    };
    (socket as unknown as { on(e: string, h: unknown): void }).on(event, handler);
  });
}

export function gameSettings(over: Partial<RoomSettings> = {}): RoomSettings {
  return { ...DEFAULT_SETTINGS, questionCount: 2, secondsPerQuestion: 60, entryMode: 'final', seed: 11, ...over };
}

/** The value of a metric in Prometheus text (its first sample, labels or not). */
export function metricValue(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  if (!line) throw new Error(`no metric ${name}`);
  return Number(line.split(' ').pop());
}
