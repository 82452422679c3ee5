/**
 * Teacher tasks are solved in a small pool of worker threads (node:worker_threads), never on the event loop that
 * serves the rooms. Each task has a time budget (a worker that overruns it is terminated and replaced), each
 * request a total budget, and each requester (address) a budget of solving time that every task spends, solved
 * or not: a client sending costly or unsolvable tasks slows only itself. The queue is bounded (`busy` beyond it).
 *
 * Every request is answered within its deadline (TASKS_ANSWER_MS): a task waits for a worker at most
 * `queueWaitMs` from the moment it is queued, and no task runs past its request's deadline. A worker that fails
 * to start (an error or an exit before it says ready, or silence for `startTimeoutMs`) is started again with
 * exponential backoff (p-retry), never in a hot loop; a burst of failures is logged when it begins and when it
 * ends, not per attempt. While no worker is ready and the last start failed, tasks are refused at once
 * (`tasks-unavailable`): generated questions need no worker, so the rest of the game goes on.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import pRetry, { AbortError } from 'p-retry';
import { TASKS_ANSWER_MS, type RoomSettings } from '../../shared/protocol';
import type { Question } from '../../shared/questions/types';
import type { TaskReply, TaskRequest } from './messages';
import type { RequesterBudgets, SolveOutcome, SolveTasks, TaskHealth, TaskPoolObserver, TaskPoolStatus } from './types';
import type { ErrorLog } from '../log';

/**
 * The worker's entry, beside this module in both layouts: in the sources task-worker.js (tsx, then
 * worker-main.ts); in the bundle the entry that scripts/build.mjs builds from worker-main.ts into dist/server,
 * the one folder of every bundle file (scripts/check-bundle.mjs fails the build when it is missing).
 */
export const TASK_WORKER = new URL('./task-worker.js', import.meta.url);

export interface Backoff {
  /** Wait before the second attempt; each further wait is `factor` times longer, up to `maxMs`. */
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Spread each wait over 1-2× (processes restarted together do not retry in step). */
  randomize: boolean;
}

export interface TaskPoolOptions {
  /** Solving time per requester, in ms (e.g. a KeyedLimiter of REQUESTER_BUDGET). */
  budgets: RequesterBudgets;
  size?: number;
  /** One task may run this long. */
  taskBudgetMs?: number;
  /** One request's tasks together may run this long. */
  requestBudgetMs?: number;
  /** A request is answered within this, waiting for workers included. */
  requestDeadlineMs?: number;
  /** A task waits for a worker at most this long from the moment it is queued. */
  queueWaitMs?: number;
  /** Tasks waiting at most; more is refused `busy`. */
  maxQueued?: number;
  /** A worker that has not said ready within this failed to start. */
  startTimeoutMs?: number;
  backoff?: Partial<Backoff>;
  /** The worker's entry; tests give one that cannot start. */
  workerFile?: URL;
  log?: ErrorLog;
  observer?: TaskPoolObserver;
}

export const TASK_BUDGET_MS = 5000;
export const REQUEST_BUDGET_MS = 15_000;
/** Within the request's deadline (TASKS_ANSWER_MS), which also bounds it: room for a cold start on a busy machine. */
export const QUEUE_WAIT_MS = 15_000;
/**
 * A worker that has not said ready by then failed to start. The bundle's worker loads in about a second (3 s on a
 * 2-core machine at load 27); from the TypeScript sources tsx compiles it first (up to 25 s there).
 */
export const START_TIMEOUT_MS = import.meta.url.endsWith('.ts') ? 60_000 : 10_000;
export const BACKOFF: Backoff = { initialMs: 250, maxMs: 30_000, factor: 2, randomize: true };
/** Solving time per requester, in ms: a burst and a refill per second. */
export const REQUESTER_BUDGET = { capacity: 30_000, perSecond: 500 };
export const MAX_QUEUED_TASKS = 200;

/** Why a task was not solved: its own fault, or the server's (no worker free in time, none can start). */
export type Failure = 'unsolvable' | 'busy' | 'unavailable';
/** `ms`: time the task spent in a worker (queueing excluded): what the requester is charged. */
export type Outcome = ({ ok: true; question: Question } | { ok: false; reason: Failure; message: string }) & { ms: number };

interface Job {
  id: number;
  family: string;
  task: unknown;
  budgetMs: number;
  /** performance.now() by which the job is answered: its request's deadline. */
  deadline: number;
  wait: ReturnType<typeof setTimeout> | null;
  done: (o: Outcome) => void;
}
interface Slot {
  worker: Worker;
  job: Job | null;
  timer: ReturnType<typeof setTimeout> | null;
  startedAt: number;
}
/** Consecutive failed starts, from the first to the next worker that says ready. */
interface Burst {
  since: number;
  attempts: number;
  last: string;
}

/** A failed start, with a cause fit for /readyz: an error code or our own words, never a path. */
class WorkerStartError extends Error {
  constructor(
    message: string,
    readonly reason: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? {} : { cause });
  }
}

const SHUTTING_DOWN = 'the server is shutting down.';

export class TaskPool implements TaskPoolStatus {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  /** Workers launched and not ready yet. */
  private readonly launching = new Set<Worker>();
  private starting = 0;
  private burst: Burst | null = null;
  private readonly stop = new AbortController();
  private readonly file: URL;
  private readonly backoff: Backoff;
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: TaskPoolOptions) {
    this.file = opts.workerFile ?? TASK_WORKER;
    this.backoff = { ...BACKOFF, ...opts.backoff };
  }

  /** The `SolveTasks` the handlers use: a task list solved within the budgets, or the refusal to show. */
  readonly solveTasks: SolveTasks = async (settings: RoomSettings, requester: string): Promise<SolveOutcome> => {
    const source = settings.source;
    // Generated questions need no solving; per-player variants of a task list are refused by the room itself.
    if (source.kind !== 'tasks' || settings.variants === 'per-player') return { ok: true };
    if (!this.available()) return { ok: false, error: 'tasks-unavailable' };
    const bucket = this.opts.budgets.bucket(requester);
    if (!bucket.has(1)) return { ok: false, error: 'rate-limited' };
    if (this.queue.length + source.tasks.length > (this.opts.maxQueued ?? MAX_QUEUED_TASKS)) return { ok: false, error: 'busy' };
    const requestBudget = this.opts.requestBudgetMs ?? REQUEST_BUDGET_MS;
    const deadline = performance.now() + (this.opts.requestDeadlineMs ?? TASKS_ANSWER_MS);
    let spent = 0;
    const solved: Question[] = [];
    for (const [i, item] of source.tasks.entries()) {
      if (requestBudget - spent <= 0) return { ok: false, error: 'task-unsolvable', detail: 'The task list takes too long to solve; shorten it.' };
      if (deadline - performance.now() <= 0) return { ok: false, error: 'busy' };
      if (!bucket.has(1)) return { ok: false, error: 'rate-limited' };
      const out = await this.solve(item.family, item.task, Math.min(this.opts.taskBudgetMs ?? TASK_BUDGET_MS, requestBudget - spent), deadline);
      spent += out.ms;
      bucket.charge(out.ms);
      if (out.ok) solved.push(out.question);
      else if (out.reason === 'unsolvable') return { ok: false, error: 'task-unsolvable', detail: `Task ${i + 1} (${item.family}): ${out.message}` };
      else return { ok: false, error: out.reason === 'busy' ? 'busy' : 'tasks-unavailable' };
    }
    return { ok: true, solved };
  };

  /** Solves one task in a worker within `budgetMs` of solving time, answered by `deadline` (performance.now()). */
  solve(family: string, task: unknown, budgetMs: number, deadline = performance.now() + (this.opts.requestDeadlineMs ?? TASKS_ANSWER_MS)): Promise<Outcome> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'unavailable', message: SHUTTING_DOWN, ms: 0 });
    if (!this.available()) return Promise.resolve({ ok: false, reason: 'unavailable', message: 'no task worker can start.', ms: 0 });
    return new Promise((done) => {
      const job: Job = { id: this.nextId++, family, task, budgetMs, deadline, wait: null, done };
      const wait = Math.min(this.opts.queueWaitMs ?? QUEUE_WAIT_MS, deadline - performance.now());
      job.wait = setTimeout(() => this.expire(job), Math.max(0, wait));
      this.queue.push(job);
      this.fill();
      this.pump();
    });
  }

  health(): TaskHealth {
    const b = this.burst;
    if (this.available() || !b) return { ok: true };
    const seconds = Math.round((Date.now() - b.since) / 1000);
    return { ok: false, detail: `own questions are refused: task workers cannot start (${attempts(b.attempts)} in ${seconds} s, last: ${b.last}); retrying with backoff` };
  }

  readyWorkers(): number {
    return this.slots.length;
  }

  queuedTasks(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stop.abort();
    this.failQueued('unavailable', SHUTTING_DOWN);
    for (const worker of this.launching) void worker.terminate();
    await Promise.all(this.slots.splice(0).map((s) => this.retire(s, 'unavailable', SHUTTING_DOWN)));
  }

  /** False while no worker is ready and the last start failed: tasks are refused then, not queued. */
  private available(): boolean {
    return this.burst === null || this.slots.length > 0;
  }

  /** Starts workers up to the pool's size; while starts fail, one start at a time (its backoff paces it). */
  private fill(): void {
    const size = this.opts.size ?? Math.max(1, Math.min(2, availableParallelism() - 1));
    while (!this.closed && this.slots.length + this.starting < size && (this.burst === null || this.starting === 0)) {
      this.starting++;
      void this.startWorker();
    }
  }

  private async startWorker(): Promise<void> {
    let worker: Worker;
    try {
      worker = await pRetry(() => this.launch(), {
        retries: Infinity,
        minTimeout: this.backoff.initialMs,
        maxTimeout: this.backoff.maxMs,
        factor: this.backoff.factor,
        randomize: this.backoff.randomize,
        unref: true,
        signal: this.stop.signal,
        shouldRetry: () => !this.closed,
        onFailedAttempt: ({ error }) => this.startFailed(error),
      });
    } catch {
      // Only the pool closing ends the retries.
      this.starting--;
      return;
    }
    this.starting--;
    this.started(worker);
  }

  /** One start: resolves with the worker once it says ready, rejects if it fails or stays silent. */
  private launch(): Promise<Worker> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new AbortError(SHUTTING_DOWN));
      let worker: Worker;
      try {
        worker = new Worker(this.file);
      } catch (err) {
        return reject(new WorkerStartError('the worker could not be created', codeOf(err) ?? 'not created', err));
      }
      worker.unref();
      this.launching.add(worker);
      const limit = this.opts.startTimeoutMs ?? START_TIMEOUT_MS;
      const onMessage = (msg: TaskReply): void => {
        if ('ready' in msg) settle(null);
      };
      const onError = (err: Error): void => settle(new WorkerStartError('the worker failed while starting', codeOf(err) ?? 'failed while starting', err));
      const onExit = (code: number): void => settle(new WorkerStartError(`the worker exited (code ${code}) before it was ready`, `exited with code ${code}`));
      const timer = setTimeout(() => settle(new WorkerStartError(`no ready message within ${limit} ms`, `silent for ${limit} ms`)), limit);
      // Only our own listeners come off: removeAllListeners() would also drop the Worker's own, after which its
      // messages no longer arrive.
      const settle = (err: Error | null): void => {
        clearTimeout(timer);
        this.launching.delete(worker);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (err === null && !this.closed) return resolve(worker);
        worker.on('error', () => {});
        void worker.terminate();
        reject(err ?? new AbortError(SHUTTING_DOWN));
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
    });
  }

  /** Counted every time; logged once per burst, with the first error. */
  private startFailed(error: Error): void {
    if (this.closed) return;
    this.opts.observer?.startFailed();
    const reason = error instanceof WorkerStartError ? error.reason : 'failed';
    if (this.burst) {
      this.burst.attempts++;
      this.burst.last = reason;
    } else {
      this.burst = { since: Date.now(), attempts: 1, last: reason };
      this.opts.log?.('task workers cannot start: own questions are refused until one does (retrying with backoff)', error);
    }
    if (this.slots.length === 0) this.failQueued('unavailable', 'no task worker can start.');
  }

  private started(worker: Worker): void {
    if (this.burst) {
      const seconds = ((Date.now() - this.burst.since) / 1000).toFixed(1);
      this.opts.log?.(`task workers start again, after ${attempts(this.burst.attempts)} over ${seconds} s`);
      this.burst = null;
    }
    const slot: Slot = { worker, job: null, timer: null, startedAt: 0 };
    worker.on('message', (msg: TaskReply) => this.onReply(slot, msg));
    worker.on('error', (err) => {
      this.opts.log?.('task worker failed', err);
      this.replace(slot, 'unsolvable', 'it could not be solved.');
    });
    worker.on('exit', () => this.replace(slot, 'unsolvable', 'it could not be solved.'));
    this.slots.push(slot);
    this.fill();
    this.pump();
  }

  private onReply(slot: Slot, msg: TaskReply): void {
    if ('ready' in msg) return;
    // A mathjs cross-check that refused a task (server/math/checked.ts): the server's log says why.
    if ('log' in msg) return this.opts.log?.(msg.log);
    const job = slot.job;
    if (!job || job.id !== msg.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    const ms = performance.now() - slot.startedAt;
    job.done(msg.ok ? { ok: true, question: msg.question as Question, ms } : { ok: false, reason: 'unsolvable', message: msg.message, ms });
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (!slot.job) {
        const job = this.queue.shift();
        if (!job) return;
        if (job.wait) clearTimeout(job.wait);
        const now = performance.now();
        const left = job.deadline - now;
        // Its request is out of time already: answered without costing a worker.
        if (left <= 0) {
          job.done({ ok: false, reason: 'busy', message: 'no time was left to solve it.', ms: 0 });
          continue;
        }
        slot.job = job;
        slot.startedAt = now;
        // The task's own budget, unless its request's deadline comes first (then the server ran out of time, not the task).
        slot.timer =
          left < job.budgetMs
            ? setTimeout(() => this.replace(slot, 'busy', 'no time was left to solve it.'), left)
            : setTimeout(() => this.replace(slot, 'unsolvable', 'it takes too long to solve.'), job.budgetMs);
        slot.worker.postMessage({ id: job.id, family: job.family, task: job.task } satisfies TaskRequest);
      }
    }
  }

  /** A queued job whose wait ran out: the server's fault, not the task's. */
  private expire(job: Job): void {
    const i = this.queue.indexOf(job);
    if (i < 0) return;
    this.queue.splice(i, 1);
    const reason = this.available() ? 'busy' : 'unavailable';
    job.done({ ok: false, reason, message: 'no task worker was free in time.', ms: 0 });
  }

  private failQueued(reason: Failure, message: string): void {
    for (const job of this.queue.splice(0)) {
      if (job.wait) clearTimeout(job.wait);
      job.done({ ok: false, reason, message, ms: 0 });
    }
  }

  /** Ends a stuck or broken worker, fails its job, and starts a fresh one in its place. */
  private replace(slot: Slot, reason: Failure, message: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    void this.retire(slot, reason, message);
    if (!this.closed) {
      this.fill();
      this.pump();
    }
  }

  private async retire(slot: Slot, reason: Failure, message: string): Promise<void> {
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    job?.done({ ok: false, reason, message, ms: slot.startedAt > 0 ? performance.now() - slot.startedAt : 0 });
    // Its listeners stay (replace() ignores a slot no longer in the pool); one more keeps a late error harmless.
    slot.worker.on('error', () => {});
    await slot.worker.terminate();
  }
}

const attempts = (n: number): string => `${n} failed attempt${n === 1 ? '' : 's'}`;

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code.slice(0, 40) : undefined;
}
