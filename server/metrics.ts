/**
 * Prometheus metrics (prom-client), one registry per server so tests can run several side by side.
 * Gauges read live state when scraped (nothing to keep in step); counters and the ack-latency histogram are fed
 * by the socket instrumentation in service.ts and by the room dependencies (answer checks).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Event names as labels: anything else a client sends is counted as "other" (labels must stay few). */
export const KNOWN_EVENTS = new Set([
  'room:create',
  'room:join',
  'room:resume',
  'room:leave',
  'host:claim',
  'host:command',
  'answer:submit',
  'answer:draft',
  'party:ready',
  'time:ping',
]);

export interface LiveCounts {
  rooms(): number;
  players(): number;
  sockets(): number;
}

/** The report store as /metrics shows it: whether it answers, and finished games waiting for it. */
export interface ReportHealth {
  up(): Promise<boolean>;
  waiting(): number;
}

/** The task pool as the gauges read it. */
export interface TaskCounts {
  readyWorkers(): number;
  queuedTasks(): number;
}

export class ArenaMetrics {
  readonly registry = new Registry();
  readonly ackLatency: Histogram<'event'>;
  readonly checks: Counter;
  readonly refusals: Counter<'where'>;
  readonly roomsCreated: Counter;
  readonly gamesFinished: Counter;
  readonly taskWorkerStartFailures: Counter;
  private live: LiveCounts | null = null;
  private reports: ReportHealth | null = null;
  private tasks: TaskCounts | null = null;

  constructor() {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    const live = (): LiveCounts | null => this.live;
    const gauge = (name: string, help: string, read: (c: LiveCounts) => number): void => {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const c = live();
          this.set(c ? read(c) : 0);
        },
      });
    };
    gauge('arena_rooms', 'Live rooms (lobby, playing or recently finished).', (c) => c.rooms());
    gauge('arena_players_connected', 'Sockets seated as a player in a room.', (c) => c.players());
    gauge('arena_sockets', 'Open Socket.IO connections.', (c) => c.sockets());
    this.ackLatency = new Histogram({
      name: 'arena_ack_latency_seconds',
      help: 'Time from a client event arriving to its acknowledgement being sent, by event.',
      labelNames: ['event'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.checks = new Counter({ name: 'arena_answer_checks_total', help: 'Answers checked (rate() gives checks per second).', registers: [this.registry] });
    this.refusals = new Counter({
      name: 'arena_rate_limit_refusals_total',
      help: 'Requests refused by a rate limit: socket (events per socket), report (CSV downloads).',
      labelNames: ['where'],
      registers: [this.registry],
    });
    const reports = (): ReportHealth | null => this.reports;
    new Gauge({
      name: 'arena_report_store_up',
      help: 'Whether the report store (PostgreSQL or SQLite) answers: 0 = degraded, finished games wait in the save queue.',
      registers: [this.registry],
      async collect() {
        const r = reports();
        this.set(r === null || (await r.up()) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'arena_reports_waiting',
      help: 'Finished games this process has not saved to the report store yet (their reports are served meanwhile).',
      registers: [this.registry],
      collect() {
        this.set(reports()?.waiting() ?? 0);
      },
    });
    this.roomsCreated = new Counter({ name: 'arena_rooms_created_total', help: 'Rooms created.', registers: [this.registry] });
    this.gamesFinished = new Counter({ name: 'arena_games_finished_total', help: 'Games played to the end.', registers: [this.registry] });
    this.taskWorkerStartFailures = new Counter({
      name: 'arena_task_worker_start_failures_total',
      help: 'Task workers (own questions) that failed to start; retried with backoff.',
      registers: [this.registry],
    });
    const tasks = (): TaskCounts | null => this.tasks;
    new Gauge({
      name: 'arena_task_workers_ready',
      help: 'Task workers ready to solve own questions (0 while none can start).',
      registers: [this.registry],
      collect() {
        this.set(tasks()?.readyWorkers() ?? 0);
      },
    });
    new Gauge({
      name: 'arena_task_queue',
      help: 'Own-question tasks waiting for a worker.',
      registers: [this.registry],
      collect() {
        this.set(tasks()?.queuedTasks() ?? 0);
      },
    });
  }

  /** Where the live gauges read from, once the server exists. */
  observe(live: LiveCounts): void {
    this.live = live;
  }

  /** Where the report-store gauges read from. */
  observeReports(health: ReportHealth): void {
    this.reports = health;
  }

  /** Where the task gauges read from, when the server has a task pool. */
  observeTasks(tasks: TaskCounts): void {
    this.tasks = tasks;
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
