/**
 * Teacher tasks are solved in a small pool of worker threads (node:worker_threads), never on the event loop that
 * serves the rooms. Each task has a time budget (a worker that overruns it is terminated and replaced), each
 * request a total budget, and each requester (address) a budget of solving time that every task spends, solved
 * or not: a client sending costly or unsolvable tasks slows only itself. The queue is bounded (`busy` beyond it).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RoomSettings } from '../../shared/protocol';
import type { Question } from '../../shared/questions/types';
import type { Clock } from '../clock';
import type { SolveOutcome, SolveTasks } from '../net/handlers';
import { KeyedLimiter, type BucketSpec } from '../net/rate-limit';
import type { TaskReply, TaskRequest } from './task-worker';

export interface TaskPoolOptions {
  clock: Clock;
  size?: number;
  /** One task may run this long. */
  taskBudgetMs?: number;
  /** One request's tasks together may run this long. */
  requestBudgetMs?: number;
  /** Solving time per requester, in ms: a burst and a refill per second. */
  requester?: BucketSpec;
  /** Tasks waiting at most; more is refused `busy`. */
  maxQueued?: number;
  log?: (message: string, err?: unknown) => void;
}

export const TASK_BUDGET_MS = 5000;
export const REQUEST_BUDGET_MS = 15_000;
export const REQUESTER_BUDGET: BucketSpec = { capacity: 30_000, perSecond: 500 };
export const MAX_QUEUED_TASKS = 200;

/** `ms`: time the task spent in a worker (queueing excluded): what the requester is charged. */
type Outcome = ({ ok: true; question: Question } | { ok: false; message: string }) & { ms: number };
interface Job {
  id: number;
  family: string;
  task: unknown;
  budgetMs: number;
  done: (o: Outcome) => void;
}
interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: ReturnType<typeof setTimeout> | null;
  startedAt: number;
}

const BOOT = new URL('./task-worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./task-worker.ts', import.meta.url).href;
/**
 * In the production bundle (dist/server, scripts/build.mjs) this code runs from dist/server/chunks/ and the worker
 * is dist/server/task-worker.js, plain JavaScript; from the sources it is task-worker.ts, loaded through tsx.
 */
const BUILT = new URL('../task-worker.js', import.meta.url);
const workerScript = (): { file: URL; data: unknown } => (existsSync(BUILT) ? { file: BUILT, data: {} } : { file: BOOT, data: { entry: ENTRY } });

export class TaskPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly budgets: KeyedLimiter;
  private nextId = 1;
  private closed = false;

  constructor(private readonly opts: TaskPoolOptions) {
    this.budgets = new KeyedLimiter(opts.requester ?? REQUESTER_BUDGET, opts.clock);
  }

  /** The `SolveTasks` the handlers use: a task list solved within the budgets, or the refusal to show. */
  readonly solveTasks: SolveTasks = async (settings: RoomSettings, requester: string): Promise<SolveOutcome> => {
    const source = settings.source;
    // Generated questions need no solving; per-player variants of a task list are refused by the room itself.
    if (source.kind !== 'tasks' || settings.variants === 'per-player') return { ok: true };
    const bucket = this.budgets.bucket(requester);
    if (!bucket.has(1)) return { ok: false, error: 'rate-limited' };
    if (this.queue.length + source.tasks.length > (this.opts.maxQueued ?? MAX_QUEUED_TASKS)) return { ok: false, error: 'busy' };
    const requestBudget = this.opts.requestBudgetMs ?? REQUEST_BUDGET_MS;
    let spent = 0;
    const solved: Question[] = [];
    for (const [i, item] of source.tasks.entries()) {
      const budgetMs = Math.min(this.opts.taskBudgetMs ?? TASK_BUDGET_MS, requestBudget - spent);
      if (budgetMs <= 0) return { ok: false, error: 'task-unsolvable', detail: 'The task list takes too long to solve; shorten it.' };
      if (!bucket.has(1)) return { ok: false, error: 'rate-limited' };
      const out = await this.solve(item.family, item.task, budgetMs);
      spent += out.ms;
      bucket.charge(out.ms);
      if (!out.ok) return { ok: false, error: 'task-unsolvable', detail: `Task ${i + 1} (${item.family}): ${out.message}` };
      solved.push(out.question);
    }
    return { ok: true, solved };
  };

  /** Solves one task in a worker within `budgetMs` of solving time. */
  solve(family: string, task: unknown, budgetMs: number): Promise<Outcome> {
    if (this.closed) return Promise.resolve({ ok: false, message: 'the server is shutting down.', ms: 0 });
    return new Promise((done) => {
      this.queue.push({ id: this.nextId++, family, task, budgetMs, done });
      this.fill();
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.done({ ok: false, message: 'the server is shutting down.', ms: 0 });
    await Promise.all(this.slots.splice(0).map((s) => this.retire(s, 'the server is shutting down.')));
  }

  private fill(): void {
    const size = this.opts.size ?? Math.max(1, Math.min(2, availableParallelism() - 1));
    while (this.slots.length < size) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const script = workerScript();
    const worker = new Worker(script.file, { workerData: script.data });
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null, timer: null, startedAt: 0 };
    worker.on('message', (msg: TaskReply) => this.onReply(slot, msg));
    worker.on('error', (err) => {
      this.opts.log?.('task worker failed', err);
      this.replace(slot, 'it could not be solved.');
    });
    worker.on('exit', () => {
      if (this.slots.includes(slot)) this.replace(slot, 'it could not be solved.');
    });
    return slot;
  }

  private onReply(slot: Slot, msg: TaskReply): void {
    if ('ready' in msg) {
      slot.ready = true;
      return this.pump();
    }
    // A mathjs cross-check that refused a task (server/math/checked.ts): the server's log says why.
    if ('log' in msg) return this.opts.log?.(msg.log);
    const job = slot.job;
    if (!job || job.id !== msg.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    const ms = performance.now() - slot.startedAt;
    job.done(msg.ok ? { ok: true, question: msg.question as Question, ms } : { ok: false, message: msg.message, ms });
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      slot.startedAt = performance.now();
      slot.timer = setTimeout(() => this.replace(slot, 'it takes too long to solve.'), job.budgetMs);
      slot.worker.postMessage({ id: job.id, family: job.family, task: job.task } satisfies TaskRequest);
    }
  }

  /** Ends a stuck or broken worker, fails its job, and starts a fresh one in its place. */
  private replace(slot: Slot, message: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    void this.retire(slot, message);
    if (!this.closed) {
      this.fill();
      this.pump();
    }
  }

  private async retire(slot: Slot, message: string): Promise<void> {
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    job?.done({ ok: false, message, ms: slot.startedAt > 0 ? performance.now() - slot.startedAt : 0 });
    await slot.worker.terminate();
  }
}
