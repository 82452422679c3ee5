/**
 * `arena questions --family F [--difficulty 1-5] [--count N] [--seed S] [--format json|latex|text]`
 * (docs/question-format.md#arena-questions). json: one question per line for seeds S, S+1, …; latex: a complete
 * pdflatex worksheet with the answers after `\newpage`; text: readable in a terminal. Bad flags: a message on
 * stderr, exit code 2.
 */
import { FAMILIES, generateQuestion, isFamily, type Difficulty, type Family, type Question } from '../../shared/questions/index';
import { latexWorksheet, textWorksheet } from '../../shared/questions/format/worksheet';
import type { CliIo } from './io';

export const MAX_COUNT = 500;
const MAX_SEED = 0xffffffff;
const FORMATS = ['json', 'latex', 'text'] as const;
type Format = (typeof FORMATS)[number];

export const QUESTIONS_HELP = `usage: arena questions --family F [--difficulty 1-5] [--count N] [--seed S] [--format json|latex|text]

  --family F        one of: ${FAMILIES.join(', ')}
  --difficulty D    1 (easiest) to 5; default 3
  --count N         how many questions, 1 to ${MAX_COUNT}; default 10
  --seed S          first seed, a whole number 0 to ${MAX_SEED}; question k uses seed S+k; default 1
  --format F        json (one question a line, default), latex (a worksheet for pdflatex, answers on a
                    separate page) or text (for a terminal)

The same family, difficulty and seed always give the same question.
`;

interface Options {
  family: Family;
  difficulty: Difficulty;
  count: number;
  seed: number;
  format: Format;
}

class UsageError extends Error {}

const FLAGS = ['family', 'difficulty', 'count', 'seed', 'format'] as const;
type Flag = (typeof FLAGS)[number];

/** `--flag value` and `--flag=value`; each flag at most once; nothing else. */
export function readFlags(args: readonly string[], known: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new UsageError(`unexpected argument "${arg.slice(0, 40)}"`);
    const name = m[1] ?? '';
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
    if (out.has(name)) throw new UsageError(`--${name} is given twice`);
    let value = m[2];
    if (value === undefined) {
      value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      i++;
    }
    out.set(name, value);
  }
  return out;
}

function wholeNumber(raw: string, flag: string, min: number, max: number): number {
  if (!/^\d{1,10}$/.test(raw.trim())) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${raw.slice(0, 20)}"`);
  const n = Number(raw.trim());
  if (n < min || n > max) throw new UsageError(`--${flag} must be from ${min} to ${max}, not ${n}`);
  return n;
}

export function parseQuestionsArgs(args: readonly string[]): Options {
  const flags = readFlags(args, FLAGS);
  const get = (f: Flag): string | undefined => flags.get(f);
  const family = get('family');
  if (family === undefined) throw new UsageError('--family is required');
  if (!isFamily(family)) throw new UsageError(`unknown family "${family.slice(0, 40)}" (known: ${FAMILIES.join(', ')})`);
  const format = get('format') ?? 'json';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be json, latex or text, not "${format.slice(0, 20)}"`);
  const count = wholeNumber(get('count') ?? '10', 'count', 1, MAX_COUNT);
  const seed = wholeNumber(get('seed') ?? '1', 'seed', 0, MAX_SEED);
  if (seed + count - 1 > MAX_SEED) throw new UsageError(`--seed plus --count must stay within ${MAX_SEED}`);
  return {
    family,
    difficulty: wholeNumber(get('difficulty') ?? '3', 'difficulty', 1, 5) as Difficulty,
    count,
    seed,
    format: format as Format,
  };
}

function render(questions: Question[], opts: Options): string {
  const info = { family: opts.family, difficulty: opts.difficulty };
  if (opts.format === 'latex') return latexWorksheet(questions, info);
  if (opts.format === 'text') return textWorksheet(questions, info);
  return questions.map((q) => `${JSON.stringify(q)}\n`).join('');
}

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(QUESTIONS_HELP);
    return 0;
  }
  let opts: Options;
  try {
    opts = parseQuestionsArgs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`arena questions: ${err.message}\n\n${QUESTIONS_HELP}`);
    return 2;
  }
  const questions = Array.from({ length: opts.count }, (_, k) => generateQuestion(opts.family, opts.difficulty, opts.seed + k));
  await write(io, render(questions, opts));
  return 0;
}

/** Resolves once the text is handed to the stream, so a piped reader sees it all before the process exits. */
export function write(io: CliIo, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    io.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
