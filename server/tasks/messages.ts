/** The messages between the task pool (main thread) and a task worker (worker-main.ts). */

/** One task to solve. */
export interface TaskRequest {
  id: number;
  family: string;
  task: unknown;
}

/** A solved task, a task that cannot be solved (message for people), or the worker saying it is ready. */
export type TaskReply = { id: number; ok: true; question: unknown } | { id: number; ok: false; message: string } | { ready: true };
