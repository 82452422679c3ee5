/**
 * `arena solve`: reads lines `{family, task, difficulty?, seed?}` (JSON) on stdin and writes the full question
 * for each, one JSON object a line, in order. A line that cannot be read or solved gets
 * `{"line": n, "error": "<for a person>"}` and the command carries on: one bad line never stops a batch.
 */
import { isDifficulty, isFamily, TaskError, FAMILIES, type Family, type Question, type TaskByFamily } from '../../shared/questions/index';
import { solveChecked } from '../math/checked';
import { forEachLine, stdinOnlyArgs, type CliIo } from './io';
import { write } from './questions';

/** Longer lines are refused unread: no real task is this big, and parsing it would only cost memory. */
export const MAX_LINE_CHARS = 100_000;

export const SOLVE_HELP = `usage: arena solve < tasks.jsonl

Reads one JSON object a line: {"family": F, "task": {...}, "difficulty"?: 1-5, "seed"?: n}
and writes the full question for each (answer, layers or backward steps, worked steps), one JSON object a line.
A line that cannot be read or solved gets {"line": n, "error": "..."}; blank lines are skipped.
Families: ${FAMILIES.join(', ')}
`;

function fail(message: string): never {
  throw new TaskError(message);
}

/** Turns one input line into a question; throws TaskError with a message for a person. */
export function solveLine(line: string): Question {
  if (line.length > MAX_LINE_CHARS) fail(`The line is longer than ${MAX_LINE_CHARS} characters.`);
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    fail('The line is not valid JSON.');
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) fail('Each line must be a JSON object {"family", "task"}.');
  const { family, task, difficulty, seed } = input as Record<string, unknown>;
  if (!isFamily(family)) fail(`Unknown family "${String(family).slice(0, 40)}" (known: ${FAMILIES.join(', ')}).`);
  if (task === null || typeof task !== 'object' || Array.isArray(task)) fail('"task" must be a JSON object.');
  if (difficulty !== undefined && !isDifficulty(difficulty)) fail('"difficulty" must be 1, 2, 3, 4 or 5.');
  if (seed !== undefined && !(Number.isSafeInteger(seed) && (seed as number) >= 0)) fail('"seed" must be a whole number 0 or more.');
  const meta: { difficulty?: 1 | 2 | 3 | 4 | 5; seed?: number } = {};
  if (difficulty !== undefined) meta.difficulty = difficulty;
  if (seed !== undefined) meta.seed = seed as number;
  return solveChecked(family, task as TaskByFamily[Family], () => {}, meta);
}

function errorText(err: unknown): string {
  if (err instanceof TaskError) return err.message;
  // Anything else is a solver failing on odd input: say so plainly, without a stack trace.
  return `This task could not be solved: ${err instanceof Error ? err.message.slice(0, 200) : 'unknown error'}.`;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const early = stdinOnlyArgs('solve', args, SOLVE_HELP, io);
  if (early !== null) return early;
  let n = 0;
  await forEachLine(io.stdin, async (line) => {
    n++;
    if (line.trim() === '') return;
    let out: string;
    try {
      out = JSON.stringify(solveLine(line));
    } catch (err) {
      out = JSON.stringify({ line: n, error: errorText(err) });
    }
    await write(io, `${out}\n`);
  });
  return 0;
}
