/**
 * The composition root: the only place that wires the HTTP app, Socket.IO, the rooms, the math and the store.
 * `createArenaServer` starts listening and resolves with the URL; `close()` stops everything (timers included).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import {
  DeviceIdSchema,
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
import { defaultClientDir } from './http/client-dir';
import { lanOrigin } from './http/lan-origin';
import type { TrustProxy } from './config';
import { clientAddress, type TrustFn } from './net/address';
import { startCluster, type ClusterOptions } from './cluster/index';
import { attachHandlers, registryCreator, type HandlerLimits } from './net/handlers';
import { localRoomOps } from './net/room-ops';
import { onceOps } from './net/once';
import { localLimiter, type AddressLimiter } from './net/address-limiter';
import { KeyedLimiter, type BucketSpec } from './net/rate-limit';
import { socketTransport, type ArenaServer } from './net/transport';
import { reportRows } from './report/csv';
import { createMathDeps } from './room-runtime/deps';
import { RoomRegistry } from './room-runtime/registry';
import { matchesHash } from './secrets';
import { REQUESTER_BUDGET, TaskPool, type TaskPoolOptions } from './tasks/task-pool';
import type { SolveTasks } from './tasks/types';
import type { RoomDeps } from './rooms/types';
import type { ServiceHooks } from './service';
import { liveRoomStore } from './store/live-rooms';
import { OpLedger } from './store/op-ledger';
import type { GameStore } from './store/game-store';
import { openReportStore } from './store/open-store';
import { SaveQueue } from './store/save-queue';
import { openDatabase } from './store/sqlite';
import type { ErrorLog } from './log';

export interface ArenaLimits extends HandlerLimits {
  /** New connections per address. */
  connections: BucketSpec;
}

export const DEFAULT_LIMITS: ArenaLimits = {
  socket: { capacity: 30, perSecond: 10 },
  attempts: { capacity: 10, perSecond: 0.2 },
  knownCode: { capacity: 30, perSecond: 1 },
  createAddress: { capacity: 20, perSecond: 0.1 },
  createSocket: { capacity: 5, perSecond: 0.1 },
  connections: { capacity: 200, perSecond: 20 },
};

/** A graceful shutdown (SIGTERM/SIGINT) finishes within this, whatever the clients do. */
export const SHUTDOWN_MS = 8000;
/** At shutdown, how long finished games still waiting for the database get to be saved. */
const SAVE_FLUSH_MS = 3000;

export interface ArenaServerOptions {
  port: number;
  host: string;
  dataDir: string;
  clock?: Clock;
  clientDir?: string;
  limits?: Partial<ArenaLimits>;
  deps?: RoomDeps;
  log?: ErrorLog;
  /** Logs with room context, metrics, readiness, proxy trust (server/service.ts); absent in most tests. */
  service?: ServiceHooks;
  /**
   * Which reverse proxies to believe for the client address (Express `trust proxy`; default the service's
   * TRUST_PROXY, else none). Rate limits and room caps are per client address.
   */
  trustProxy?: TrustProxy;
  /** Live rooms one address may hold at once. */
  maxRoomsPerOwner?: number;
  /** Solves teacher tasks; by default a worker-thread pool (tasks/task-pool.ts), never the event loop. */
  solveTasks?: SolveTasks;
  /** The default pool's worker and timings (tests: a worker that cannot start, short waits). */
  tasks?: Pick<TaskPoolOptions, 'workerFile' | 'backoff' | 'startTimeoutMs' | 'queueWaitMs' | 'requestDeadlineMs' | 'size'>;
  /** Cluster mode (server/cluster): rooms, broadcasts and recovery shared through this Redis. Absent: one process. */
  redisUrl?: string;
  /** Cluster timings (shorter in tests). */
  cluster?: Pick<ClusterOptions, 'lease' | 'forwardTimeoutMs' | 'tookOver'>;
  /** PostgreSQL for finished games (config DATABASE_URL); absent = the SQLite file in `dataDir`. */
  databaseUrl?: string;
}

export interface ArenaServerHandle {
  url: string;
  port: number;
  /** Rooms reloaded from the data folder at start. */
  restoredRooms: number;
  /** Where finished games (reports) go. */
  reports: GameStore['engine'];
  /**
   * Stops accepting, tells every client the server is restarting, and closes; every room is already on disk
   * (each change is written before its ack), so the next start picks up where this one stopped.
   */
  close(): Promise<void>;
}


export async function createArenaServer(opts: ArenaServerOptions): Promise<ArenaServerHandle> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? defaultLog;
  const limits: ArenaLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const db = openDatabase(opts.dataDir);
  let store: GameStore;
  try {
    store = await openReportStore({ db, databaseUrl: opts.databaseUrl, log });
  } catch (err) {
    db.close();
    throw err;
  }
  const saves = new SaveQueue(store, { log });
  // Which operations each room applied, by key: a resend is answered, not applied twice (net/once.ts).
  const ledger = new OpLedger();
  const live = liveRoomStore(db, ledger);
  const attempts = new KeyedLimiter(limits.attempts, clock);
  // The HTTP app is built before the rooms exist (Socket.IO needs its server); it finds them through this.
  const rooms: { registry?: RoomRegistry } = {};
  const listening = { port: 0 };
  const app = createHttpApp({
    clientDir: opts.clientDir ?? defaultClientDir(),
    async report(code, secret, game) {
      const room = rooms.registry?.touch(code);
      if (room && matchesHash(secret, room.state.hostKeyHash) && (game === undefined || game === (room.state.game ?? 1))) {
        // Only finished games have a report: a running game's answers are not handed out mid-game. A finished one
        // still here is served from memory: no database needed.
        if (room.state.phase === 'finished') return reportRows(room.state);
        // A follow-up round is running: the latest report is the room's previous game's, in the store.
        if (game !== undefined || (room.state.game ?? 1) === 1) return null;
        game = (room.state.game ?? 1) - 1;
      }
      // A game still waiting for its save (the database away), here or (cluster) on any process, is served from
      // the queue; a cluster's recently finished games stay on the shared shelf after their save too.
      return (await saves.findWaiting(code, secret, game)) ?? store.findReport(code, secret, game);
    },
    async deleteReport(code, secret, game) {
      const room = rooms.registry?.touch(code);
      let live = false;
      if (room && matchesHash(secret, room.state.hostKeyHash) && room.state.phase === 'finished' && (game === undefined || game === (room.state.game ?? 1))) {
        // Its report is served from memory while the finished room lingers: the room goes with it.
        rooms.registry?.forget(code);
        live = true;
      }
      const waiting = await saves.forget(code, secret, game);
      // A save under way finishes first, so the delete below finds what it wrote (bounded: the database may be away).
      await Promise.race([saves.drained(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      return (await store.deleteReport(code, secret, game)) || waiting || live;
    },
    allowAttempt: (address) => attempts.bucket(address).has(1),
    failedAttempt: (address) => void attempts.bucket(address).take(1),
    joinOrigin: (requestHost) => (listening.port === 0 ? null : lanOrigin(requestHost, opts.host, listening.port)),
    log,
    ...opts.service?.http,
  });
  if (opts.trustProxy !== undefined) app.set('trust proxy', opts.trustProxy);
  // Sockets trust the same proxies as HTTP requests (Express compiles the setting into this function).
  const trust = app.get('trust proxy fn') as TrustFn;
  const http = createServer(app);
  const io: ArenaServer = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(http, {
    maxHttpBufferSize: MAX_PACKET_BYTES,
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  const cluster = opts.redisUrl === undefined ? null : await startCluster({ redisUrl: opts.redisUrl, io, clock, log, ledger, ...opts.cluster });
  if (cluster) saves.share(cluster.reports);
  const shared = cluster?.limiters(limits);
  io.use(handshake(shared?.connections ?? localLimiter(limits.connections, clock), trust));
  const registry = new RoomRegistry({
    deps: withService(opts.service, opts.deps ?? createMathDeps(log)),
    clock,
    transport: (code) => (cluster ? cluster.transport(code) : socketTransport(io, code)),
    store: cluster?.roomLog ?? live,
    ...(cluster ? { onAbandon: cluster.onAbandon } : {}),
    ...(opts.maxRoomsPerOwner === undefined ? {} : { maxRoomsPerOwner: opts.maxRoomsPerOwner }),
    sink: {
      finished(state) {
        opts.service?.roomFinished(state.code);
        saves.save({ code: state.code, hostKeyHash: state.hostKeyHash, mode: state.mode, createdAt: state.createdAt, finishedAt: state.finishedAt, settings: state.settings, rows: reportRows(state), game: state.game ?? 1 });
      },
      error: log,
    },
  });
  rooms.registry = registry;
  const pool = opts.solveTasks
    ? null
    : new TaskPool({ budgets: new KeyedLimiter(REQUESTER_BUDGET, clock), log, ...(opts.service ? { observer: opts.service.tasks } : {}), ...opts.tasks });
  const solveTasks = opts.solveTasks ?? pool?.solveTasks;
  const access = cluster
    ? cluster.bind(registry)
    : { ops: onceOps({ ledger, registry, local: localRoomOps(io, registry, clock), clock }), createRoom: registryCreator(registry, clock) };
  const roomsFull = (owner: string): boolean => registry.liveRoomsOf(owner) >= registry.maxRoomsPerOwner;
  attachHandlers({ io, ...access, roomsFull, clock, limits, log, ...(solveTasks ? { solveTasks } : {}), ...(shared ? { shared } : {}) });
  // Unready when the live rooms cannot be written (the data folder's SQLite, or a cluster's Redis); only degraded
  // while the report store is away or finished games wait for it (server/ready.ts).
  const liveProbe = async (): Promise<void> => {
    if (cluster) await cluster.ping(2000);
    else live.heartbeat(clock.now());
  };
  const reportsProbe = async (): Promise<void> => {
    saves.check();
    await store.probe();
  };
  opts.service?.attach({ io, registry, store: { probe: liveProbe }, reports: { probe: reportsProbe, waiting: () => saves.pending }, ...(pool ? { tasks: pool } : {}) });
  // The rooms a previous process left come back last, just before listening: their open questions' clocks start
  // again when players can reach them, so the whole start-up counts as downtime given back (room-runtime/registry.ts).
  // In a cluster, rooms come back one by one as their leases lapse (server/cluster/takeover.ts), not all here.
  const restoredRooms = cluster ? 0 : registry.restore();
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port, opts.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  listening.port = port;
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
    port,
    restoredRooms,
    reports: store.engine,
    close() {
      closing ??= shutdown();
      return closing;
    },
  };

  async function shutdown(): Promise<void> {
    // No new connections; the ones open hear why they are about to drop, then everything stops.
    io.use((_socket, next) => next(refusal('rate-limited')));
    // Only this process's clients: in a cluster the others' servers go on.
    io.local.emit('server:restarting', { message: 'The server is restarting. Reconnecting…' });
    if (cluster) await cluster.close(registry);
    else registry.close();
    await pool?.close();
    const closed = new Promise<void>((resolve) => void io.close(() => resolve()));
    // Keep-alive HTTP connections would otherwise hold close() open.
    http.closeAllConnections();
    await Promise.race([closed, new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_MS).unref())]);
    await saves.close(SAVE_FLUSH_MS);
    await store.close().catch((err: unknown) => log('closing the report store failed', err));
    // The SQLite store closed it already; PostgreSQL leaves the data folder's database (live rooms) open.
    if (db.open) db.close();
  }
}

/** Refuses other protocol versions with a clear code, and connection floods per address; notes the device. */
function handshake(connections: AddressLimiter, trust: TrustFn) {
  return (socket: Parameters<Parameters<ArenaServer['use']>[0]>[0], next: (err?: Error) => void): void => {
    const auth = socket.handshake.auth as { protocolVersion?: unknown; deviceId?: unknown } | undefined;
    if (auth?.protocolVersion !== PROTOCOL_VERSION) return next(refusal('version-mismatch'));
    const address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], trust);
    const admit = (allowed: boolean): void => {
      if (!allowed) return next(refusal('rate-limited'));
      socket.data.address = address;
      const device = DeviceIdSchema.safeParse(auth.deviceId);
      if (device.success) socket.data.device = device.data;
      next();
    };
    // One process answers at once; a cluster asks Redis (and lets the connection in if even that fails).
    const allowed = connections.take(address);
    if (typeof allowed === 'boolean') admit(allowed);
    else allowed.then(admit, () => admit(true));
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
