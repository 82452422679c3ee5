/**
 * What the socket handlers, the service (metrics, readiness) and the task pool agree on, kept apart from all
 * three so that none of them imports another: the pool knows nothing of sockets, the handlers nothing of workers.
 */
import type { ErrorCode, RoomSettings } from '../../shared/protocol';
import type { Question } from '../../shared/questions/types';

/** Solves a settings' teacher tasks off the event loop, charged to `requester` whether they solve or not. */
export type SolveTasks = (settings: RoomSettings, requester: string) => Promise<SolveOutcome>;
export type SolveOutcome = { ok: true; solved?: Question[] } | { ok: false; error: ErrorCode; detail?: string };

/** Solving time per requester (ms), as token buckets: `has` before a task, `charge` what it took after. */
export interface RequesterBudgets {
  bucket(requester: string): { has(ms: number): boolean; charge(ms: number): void };
}

/** Told of each failed worker start (metrics count them). */
export interface TaskPoolObserver {
  startFailed(): void;
}

/** Whether own questions can be solved now; `detail` says why not (no paths, no exception text). */
export type TaskHealth = { ok: true } | { ok: false; detail: string };

/** What the service reads from the pool when scraped or probed. */
export interface TaskPoolStatus {
  health(): TaskHealth;
  /** Workers ready to solve (busy or idle). */
  readyWorkers(): number;
  /** Tasks waiting for a worker. */
  queuedTasks(): number;
}
