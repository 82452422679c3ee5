/**
 * Teacher-written questions, one per line, typed the easy way: a composition (`sin(x^2)^3`) becomes a chain
 * question, an equation (`x^2 + y^2 = 25`) an implicit one, and a JSON line `{"family": …, "task": {…}}` is
 * taken as it is, with its optional `"difficulty"` (1–5) as `arena solve` reads it. The server solves each task (and refuses one it cannot solve).
 */
import type { Difficulty, Family } from '../../../../shared/questions/types';

export interface TeacherTask {
  family: Family;
  task: Record<string, unknown>;
  difficulty?: Difficulty;
}

/** Parses the textarea; returns the tasks or the first line that could not be read. */
export function parseTeacherTasks(text: string): { ok: true; tasks: TeacherTask[] } | { ok: false; error: string } {
  const tasks: TeacherTask[] = [];
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  for (const [i, line] of lines.entries()) {
    const task = parseLine(line);
    if (!task) return { ok: false, error: `Line ${i + 1} is neither an expression, an equation nor a JSON task.` };
    tasks.push(task);
  }
  return { ok: true, tasks };
}

function parseLine(line: string): TeacherTask | null {
  if (line.startsWith('{')) {
    try {
      const v = JSON.parse(line) as { family?: unknown; task?: unknown; difficulty?: unknown };
      if (typeof v.family === 'string' && v.task && typeof v.task === 'object' && !Array.isArray(v.task)) {
        // A level is passed on as written; the server's schema refuses one outside 1–5 with a clear message.
        const level = v.difficulty === undefined ? {} : { difficulty: v.difficulty as Difficulty };
        return { family: v.family as Family, task: v.task as Record<string, unknown>, ...level };
      }
    } catch {
      return null;
    }
    return null;
  }
  if (line.length > 300) return null;
  if (line.includes('=')) return { family: 'implicit', task: { equation: line, order: 1 } };
  const depth = (line.match(/\(/g) ?? []).length;
  return { family: depth >= 2 ? 'nested' : 'chain', task: { expr: line, var: 'x' } };
}
