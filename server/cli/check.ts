/**
 * `arena check`: reads JSON lines, either `{family, task, answer, layers?}` (the task is solved, then the
 * answer judged like a player's) or `{expected, given, vars?, curve?, subs?}` (free-form comparison), and
 * writes one verdict a line, in order. A line that cannot be read gets `{"correct": false, "error": "..."}`
 * and the command carries on: one bad line never stops a batch. Blank lines are skipped.
 */
import { checkAnswer, checkExpressions, type AnswerInput, type LayerInputs, type Verdict } from '../../shared/check/index';
import type { Family, TaskByFamily } from '../../shared/questions/types';
import { forEachLine, stdinOnlyArgs, type CliIo } from './io';

/** Longer lines are refused unread: no real check is this big. */
export const MAX_CHECK_LINE_CHARS = 100_000;

export const CHECK_HELP = `usage: arena check < answers.jsonl

Reads one JSON object a line, either
  {"family": F, "task": {...}, "answer": ..., "layers"?: [...]}   judge an answer to a task
  {"expected": E, "given": G, "vars"?: [...], "curve"?: "F=G", "subs"?: {...}}   compare two expressions
and writes one verdict a line: {"correct", "mistake"?, "feedback"?, "layers"?, "error"?}.
`;

type Questions = typeof import('../../shared/questions/index');
let questionsModule: Promise<Questions> | null = null;

/** Loaded on the first task line only, so expression lines work even where no family is needed. */
function questions(): Promise<Questions> {
  questionsModule ??= import('../../shared/questions/index');
  return questionsModule;
}

function refuse(error: string): Verdict {
  return { correct: false, error };
}

/** The verdict for one input line; never throws. */
export async function checkLine(line: string): Promise<Verdict> {
  if (line.length > MAX_CHECK_LINE_CHARS) return refuse(`The line is longer than ${MAX_CHECK_LINE_CHARS} characters.`);
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return refuse('The line is not valid JSON.');
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return refuse('Each line must be a JSON object: {"family", "task", "answer"} or {"expected", "given"}.');
  }
  const obj = input as Record<string, unknown>;
  if ('expected' in obj || 'given' in obj) return checkExpressions(obj as unknown as Parameters<typeof checkExpressions>[0]);
  if ('family' in obj) return checkTaskLine(obj);
  return refuse('Each line needs either "family", "task" and "answer", or "expected" and "given".');
}

async function checkTaskLine(obj: Record<string, unknown>): Promise<Verdict> {
  const { family, task, answer, layers } = obj;
  if (!('answer' in obj)) return refuse('The line has no "answer" to check.');
  if (!isAnswerInput(answer)) return refuse('"answer" must be a string, a number or an array of them.');
  if (layers !== undefined && !Array.isArray(layers)) return refuse('"layers" must be an array of strings.');
  let q;
  try {
    const mod = await questions();
    if (!mod.isFamily(family)) return refuse(`Unknown family "${String(family).slice(0, 40)}".`);
    if (task === null || typeof task !== 'object' || Array.isArray(task)) return refuse('"task" must be a JSON object.');
    q = mod.solveTask(family, task as TaskByFamily[Family]);
  } catch (err) {
    const msg = err instanceof Error ? err.message.slice(0, 200) : 'unknown error';
    return refuse(`This task could not be solved: ${msg}`);
  }
  return checkAnswer(q, answer, layers as LayerInputs | undefined);
}

function isAnswerInput(v: unknown): v is AnswerInput {
  if (typeof v === 'string' || typeof v === 'number') return true;
  if (!Array.isArray(v)) return false;
  return v.every((x) => typeof x === 'string' || typeof x === 'number' || (Array.isArray(x) && x.every((y) => typeof y === 'string' || typeof y === 'number')));
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const early = stdinOnlyArgs('check', args, CHECK_HELP, io);
  if (early !== null) return early;
  await forEachLine(io.stdin, async (line) => {
    if (line.trim() === '') return;
    const verdict = await checkLine(line);
    io.stdout.write(`${JSON.stringify(verdict)}\n`);
  });
  return 0;
}
