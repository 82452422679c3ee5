/**
 * Runs inside a worker thread: solves one teacher task per message, so a costly task list never blocks the
 * event loop that serves the rooms. Answers `{id, ok, question}` or `{id, ok: false, message}` (TaskError
 * messages are written for people; any other failure is reported without its text).
 * The bundle's own entry (dist/server/task-worker.js, scripts/build.mjs); the sources reach it through
 * task-worker.js beside it.
 */
import { parentPort } from 'node:worker_threads';
import { TaskError } from '../../shared/questions/family';
import { solveTask } from '../../shared/questions/index';
import type { Family, TaskByFamily } from '../../shared/questions/types';
import type { TaskReply, TaskRequest } from './messages';

const port = parentPort;
if (port) {
  port.on('message', (req: TaskRequest) => {
    let reply: TaskReply;
    try {
      reply = { id: req.id, ok: true, question: solveTask(req.family as Family, req.task as TaskByFamily[Family]) };
    } catch (err) {
      reply = { id: req.id, ok: false, message: err instanceof TaskError ? err.message : 'it could not be solved.' };
    }
    port.postMessage(reply);
  });
  // The first solve pays for lazy set-up in the math core; pay it before the first budgeted task.
  try {
    solveTask('chain', { expr: 'sin(x^2)', var: 'x' });
  } catch {
    // A warm-up failure shows up again, budgeted and reported, on the first real task.
  }
  port.postMessage({ ready: true } satisfies TaskReply);
}
