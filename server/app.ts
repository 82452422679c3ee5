/**
 * The composition root: the only place that wires the HTTP app, Socket.IO, the rooms, the math and the store.
 * `createArenaServer` starts listening and resolves with the URL; `close()` stops everything (timers included).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import {
  MAX_PACKET_BYTES,
  PROTOCOL_VERSION,
  ERROR_MESSAGES,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '../shared/protocol';
import { systemClock, type Clock } from './clock';
import { createHttpApp } from './http/app';
import { lanOrigin } from './http/lan-origin';
import { attachHandlers, type HandlerLimits } from './net/handlers';
import { KeyedLimiter, type BucketSpec } from './net/rate-limit';
import { socketTransport, type ArenaServer } from './net/transport';
import { reportRows } from './report/csv';
import { createMathDeps } from './rooms/deps';
import { RoomRegistry, sameSecret } from './rooms/registry';
import type { RoomDeps } from './rooms/types';
import type { ServiceHooks } from './service';
import { openGameStore } from './store/sqlite';

export interface ArenaLimits extends HandlerLimits {
  /** New connections per address. */
  connections: BucketSpec;
}

export const DEFAULT_LIMITS: ArenaLimits = {
  socket: { capacity: 30, perSecond: 10 },
  attempts: { capacity: 10, perSecond: 0.2 },
  connections: { capacity: 200, perSecond: 20 },
};

export interface ArenaServerOptions {
  port: number;
  host: string;
  dataDir: string;
  clock?: Clock;
  clientDir?: string;
  limits?: Partial<ArenaLimits>;
  deps?: RoomDeps;
  log?: (message: string, err?: unknown) => void;
  /** Logs with room context, metrics, readiness, proxy trust (server/service.ts); absent in most tests. */
  service?: ServiceHooks;
}

export interface ArenaServerHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../dist/client', import.meta.url));

export async function createArenaServer(opts: ArenaServerOptions): Promise<ArenaServerHandle> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? defaultLog;
  const limits: ArenaLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const store = openGameStore(opts.dataDir);
  const attempts = new KeyedLimiter(limits.attempts, clock);
  // The HTTP app is built before the rooms exist (Socket.IO needs its server); it finds them through this.
  const rooms: { registry?: RoomRegistry } = {};
  const listening = { port: 0 };
  const app = createHttpApp({
    clientDir: opts.clientDir ?? DEFAULT_CLIENT_DIR,
    report(code, secret) {
      const live = rooms.registry?.get(code);
      if (live && sameSecret(secret, live.state.hostSecret)) return reportRows(live.state);
      return store.findReport(code, secret);
    },
    allowAttempt: (address) => attempts.bucket(address).has(1),
    failedAttempt: (address) => void attempts.bucket(address).take(1),
    joinOrigin: (requestHost) => (listening.port === 0 ? null : lanOrigin(requestHost, opts.host, listening.port)),
    ...opts.service?.http,
  });
  const http = createServer(app);
  const io: ArenaServer = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(http, {
    maxHttpBufferSize: MAX_PACKET_BYTES,
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  io.use(handshake(new KeyedLimiter(limits.connections, clock)));
  const registry = new RoomRegistry({
    deps: withService(opts.service, opts.deps ?? createMathDeps(log)),
    clock,
    transport: (code) => socketTransport(io, code),
    sink: {
      finished(state) {
        opts.service?.roomFinished(state.code);
        try {
          store.saveGame({ code: state.code, hostSecret: state.hostSecret, mode: state.mode, createdAt: state.createdAt, finishedAt: state.finishedAt, settings: state.settings, rows: reportRows(state) });
        } catch (err) {
          log(`saving game ${state.code} failed`, err);
        }
      },
      error: log,
    },
  });
  rooms.registry = registry;
  attachHandlers({ io, registry, clock, limits, log });
  opts.service?.attach({ io, registry, store });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, opts.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  listening.port = port;
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    async close() {
      registry.close();
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      // Keep-alive HTTP connections would otherwise hold close() open.
      http.closeAllConnections();
      await closed;
      store.close();
    },
  };
}

/** Refuses other protocol versions with a clear code, and connection floods per address. */
function handshake(connections: KeyedLimiter) {
  return (socket: Parameters<Parameters<ArenaServer['use']>[0]>[0], next: (err?: Error) => void): void => {
    const auth = socket.handshake.auth as { protocolVersion?: unknown } | undefined;
    if (auth?.protocolVersion !== PROTOCOL_VERSION) return next(refusal('version-mismatch'));
    const address = socket.handshake.address;
    if (!connections.bucket(address).take()) return next(refusal('rate-limited'));
    socket.data.address = address;
    next();
  };
}

function refusal(code: 'version-mismatch' | 'rate-limited'): Error {
  const err = new Error(code) as Error & { data?: unknown };
  err.data = { code, message: ERROR_MESSAGES[code], protocolVersion: PROTOCOL_VERSION };
  return err;
}

const withService = (service: ServiceHooks | undefined, deps: RoomDeps): RoomDeps => (service ? service.deps(deps) : deps);

function defaultLog(message: string, err?: unknown): void {
  console.error(`[arena] ${message}`, err ?? '');
}
