import type { JacobianTask, Question } from '../questions/types';
import { exprContext } from './expr-context';
import { UNSAMPLABLE } from './feedback';
import { judgeFor } from './judges';

/**
 * Null when every expression answer of the question can be judged by sampling, else a message for the teacher
 * who typed the task. solveTask refuses such a task up front, so no answer is ever decided by comparing text.
 */
export function uncheckableReason(q: Question): string | null {
  if (q.answer.expr !== undefined) {
    const ctx = exprContext(q);
    if (ctx.judge === null) return ctx.error ?? UNSAMPLABLE;
    if (!ctx.judge.usable) return unsamplable(q.answer.expr);
  }
  const m = q.answer.matrix;
  if (m !== undefined && m.some((r) => r.some((c) => typeof c === 'string'))) {
    const task = q.task as JacobianTask;
    if (task.at !== undefined) return null;
    const overlaps = task.outerVars.some((v) => task.innerVars.includes(v));
    const subs = overlaps ? undefined : Object.fromEntries(task.outerVars.map((v, i) => [v, task.inner[i] ?? 'NaN']));
    for (const row of m) {
      for (const cell of row) {
        const j = judgeFor({ expected: String(cell), params: task.innerVars, subs });
        if (!j.ok) return j.error;
        if (!j.judge.usable) return unsamplable(String(cell));
      }
    }
  }
  return null;
}

function unsamplable(expr: string): string {
  const shown = expr.length > 80 ? `${expr.slice(0, 80)}…` : expr;
  return `The answer ${shown} is defined (as a real number) at too few points to check players' answers; choose a task whose answer is defined on an interval.`;
}
