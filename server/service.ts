/**
 * What running as a service adds to the game server, handed to `createArenaServer` as one `service` option so
 * the composition root stays about rooms: logs with room and event context, metrics, readiness and proxy trust.
 * Socket traffic is observed through a Socket.IO packet middleware that wraps each acknowledgement, so the
 * handlers themselves know nothing about logs or metrics.
 */
import type { Socket } from 'socket.io';
import type { Ack } from '../shared/protocol';
import type { TrustProxy } from './config';
import type { HttpOptions } from './http/app';
import type { Logger } from './log';
import { ArenaMetrics, KNOWN_EVENTS } from './metrics';
import type { ArenaServer } from './net/transport';
import { Readiness } from './ready';
import type { RoomRegistry } from './room-runtime/registry';
import type { RoomDeps } from './rooms/types';
import type { GameStore } from './store/game-store';
import type { TaskPoolObserver, TaskPoolStatus } from './tasks/types';

export type ServiceHttp = Pick<HttpOptions, 'trustProxy' | 'metrics' | 'ready' | 'logger' | 'rateLimited'>;

export interface ServiceParts {
  io: ArenaServer;
  registry: RoomRegistry;
  /** What games need (the live-room store): readiness writes through it, and fails when it cannot. */
  store: Pick<GameStore, 'probe'>;
  /** The report store: readiness and /metrics report it degraded while it fails or games wait for it. */
  reports?: Pick<GameStore, 'probe'> & { waiting(): number };
  /** The teacher-task pool, when the server has one: its health is a degraded check, its workers gauges. */
  tasks?: TaskPoolStatus;
}

export interface ServiceHooks {
  http: ServiceHttp;
  /** Wraps the room dependencies: answer checks are counted. */
  deps(deps: RoomDeps): RoomDeps;
  /** Told by the task pool of each failed worker start (counted). */
  tasks: TaskPoolObserver;
  /** Called once Socket.IO, the rooms and the store exist. */
  attach(parts: ServiceParts): void;
  roomFinished(code: string): void;
}

export interface ServiceOptions {
  logger: Logger;
  dataDir: string;
  trustProxy: TrustProxy;
  metrics: boolean;
  readyMaxLagMs: number;
}

export interface Service {
  hooks: ServiceHooks;
  metrics: ArenaMetrics;
  close(): void;
}

export function createService(opts: ServiceOptions): Service {
  const { logger } = opts;
  const metrics = new ArenaMetrics();
  let readiness: Readiness | null = null;
  const hooks: ServiceHooks = {
    http: {
      trustProxy: opts.trustProxy,
      logger,
      ...(opts.metrics ? { metrics: () => metrics.exposition() } : {}),
      ready: () => (readiness ? readiness.check() : Promise.resolve({ ok: false, checks: { server: { ok: false, detail: 'starting' } } })),
      rateLimited: (where) => metrics.refusals.inc({ where }),
    },
    deps(deps) {
      return {
        ...deps,
        check(question, answer, layers) {
          metrics.checks.inc();
          return deps.check(question, answer, layers);
        },
      };
    },
    tasks: { startFailed: () => metrics.taskWorkerStartFailures.inc() },
    attach({ io, registry, store, reports, tasks }) {
      const ready = new Readiness({
        dataDir: opts.dataDir,
        maxLagMs: opts.readyMaxLagMs,
        probeStore: () => store.probe(),
        ...(reports ? { probeReports: () => reports.probe() } : {}),
        ...(tasks ? { tasks: () => tasks.health() } : {}),
      });
      readiness = ready;
      if (reports) metrics.observeReports({ up: () => ready.reportsUp(), waiting: () => reports.waiting() });
      if (tasks) metrics.observeTasks(tasks);
      metrics.observe({
        rooms: () => registry.size,
        sockets: () => io.engine.clientsCount,
        players: () => {
          let n = 0;
          for (const s of io.of('/').sockets.values()) if (s.data.playerId !== undefined) n++;
          return n;
        },
      });
      io.on('connection', (socket) => instrument(socket, logger, metrics));
    },
    roomFinished(code) {
      metrics.gamesFinished.inc();
      logger.info({ room: code, event: 'room:finished' }, 'game finished');
    },
  };
  return { hooks, metrics, close: () => readiness?.close() };
}

/** Times every acknowledged event and logs it with its room; a refusal by a rate limit is counted. */
function instrument(socket: Socket, logger: Logger, metrics: ArenaMetrics): void {
  socket.use((packet, next) => {
    const name: unknown = packet[0];
    const last: unknown = packet.length > 1 ? packet[packet.length - 1] : undefined;
    if (typeof name !== 'string' || typeof last !== 'function') return next();
    const event = KNOWN_EVENTS.has(name) ? name : 'other';
    const started = performance.now();
    const ack = last as (res: unknown) => void;
    packet[packet.length - 1] = (res: unknown) => {
      const seconds = (performance.now() - started) / 1000;
      // The answer first: observing it (a logger, a metric) must never hold it back or lose it.
      ack(res);
      metrics.ackLatency.observe({ event }, seconds);
      observed(socket, logger, metrics, event, res as Ack<unknown> | undefined, seconds);
    };
    next();
  });
}

function observed(socket: Socket, logger: Logger, metrics: ArenaMetrics, event: string, res: Ack<unknown> | undefined, seconds: number): void {
  const data = socket.data as { code?: string };
  const ok = res?.ok === true;
  const error = res && !res.ok ? res.error : undefined;
  if (error === 'rate-limited') metrics.refusals.inc({ where: 'socket' });
  if (event === 'room:create' && ok) {
    metrics.roomsCreated.inc();
    // Only the code: the created room's data holds the host secret.
    const code = (res.data as { code?: unknown }).code;
    logger.info({ room: typeof code === 'string' ? code : undefined, event }, 'room created');
    return;
  }
  const line = { room: data.code, event, ok, ...(error ? { error } : {}), ms: Math.round(seconds * 10_000) / 10 };
  if (error === 'internal') logger.warn(line, 'event failed');
  else logger.debug(line, 'event');
}
