/**
 * The questions the fit walks play: the committed table of the largest questions (largest-questions.json, made
 * and checked by largest-questions.ts), each generated again from its seed, with the words a failure prints.
 */
import { readFileSync } from 'node:fs';
import { generateQuestion, type Difficulty, type Family, type Question } from '../../shared/questions/index';
import { DEFAULT_SETTINGS, type RoomSettings } from '../../shared/protocol';
import { generatedSpec } from '../../server/rooms/questions';
import type { LargestTable, WalkEntry } from './largest-questions';

export const TABLE_PATH = new URL('./largest-questions.json', import.meta.url);

export interface WalkQuestion extends WalkEntry {
  question: Question;
}

export interface CommittedTable {
  seeds: number;
  closeEnough: number;
  walk: WalkEntry[];
  records: LargestTable;
}

/** The committed table, as written. */
export function readTable(): CommittedTable {
  return JSON.parse(readFileSync(TABLE_PATH, 'utf8')) as CommittedTable;
}

/** The table as committed: one line per walked question and per family and difficulty, so a diff reads well. */
export function formatTable(t: CommittedTable): string {
  const walk = t.walk.map((w) => `    ${JSON.stringify(w)}`).join(',\n');
  const records = Object.entries(t.records).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n');
  return `{\n  "seeds": ${t.seeds},\n  "closeEnough": ${t.closeEnough},\n  "walk": [\n${walk}\n  ],\n  "records": {\n${records}\n  }\n}\n`;
}

/** The questions the walks play, generated from their seeds; `keep` narrows them down (by family, difficulty). */
export function walkQuestions(keep: (e: { family: Family; difficulty: Difficulty }) => boolean = () => true): WalkQuestion[] {
  return readTable().walk.filter(keep).map((e) => ({ ...e, question: generateQuestion(e.family, e.difficulty, e.seed) }));
}

/** What a failure prints: enough to play the same question again (seed, or the task as an own question). */
export function describeQuestion(w: WalkQuestion): string {
  const q = w.question;
  return `${w.family} difficulty ${w.difficulty} seed ${w.seed} (stands for the largest: ${w.covers.join(', ')})\n`
    + `  task: ${JSON.stringify({ family: w.family, task: q.task })}\n  answer: ${JSON.stringify(q.answer)}`;
}

/** What a question costs a walk, in screens checked: its question at three sizes, each slide, a few at every size. */
const cost = (w: WalkQuestion): number => w.question.steps.length + 10;

/**
 * Share `index` of `count` of the walk, for test files that run side by side: the costliest question first to
 * the share with the least so far (deterministic), each share in table order.
 */
export function walkShare(index: number, count: number): WalkQuestion[] {
  const all = walkQuestions();
  const load = Array.from({ length: count }, () => 0);
  const share = new Map<WalkQuestion, number>();
  for (const w of [...all].sort((a, b) => cost(b) - cost(a))) {
    const k = load.indexOf(Math.min(...load));
    share.set(w, k);
    load[k] = (load[k] ?? 0) + cost(w);
  }
  return all.filter((w) => share.get(w) === index);
}

/**
 * The room seed whose first question, variant 0 (what the projector shows in a variant game), is the generated
 * question (family, difficulty, seed): the server's seed mixing (server/rooms/questions.ts `generatedSpec`)
 * inverted, or null when no room seed gives it.
 */
export function roomSeedFor(w: WalkEntry): number | null {
  const M = 2147483647n;
  const WORD = 1n << 32n;
  const INV31 = 3186588639n; // 31 × INV31 ≡ 1 (mod 2³²)
  for (const x of [BigInt(w.seed), BigInt(w.seed) + M]) {
    if (x >= WORD) continue;
    const seed = Number(((x * INV31) % WORD) ^ 0x5bd1e995n);
    const settings: RoomSettings = { ...DEFAULT_SETTINGS, source: { kind: 'generated', families: [w.family], difficulty: w.difficulty } };
    const spec = generatedSpec(settings, seed, 0, 0);
    if (seed < Number(M) && spec.seed === w.seed && spec.family === w.family && spec.difficulty === w.difficulty) return seed;
  }
  return null;
}

/** The record holder of one family and difficulty by one criterion (`widest drawing`, …), generated from its seed. */
export function recordQuestion(family: Family, difficulty: Difficulty, criterion: string): WalkQuestion {
  const record = readTable().records[`${family} ${difficulty}`]?.[criterion];
  if (!record) throw new Error(`no record for ${family} ${difficulty} ${criterion}`);
  return { family, difficulty, seed: record.seed, covers: [`d${difficulty} ${criterion}`], question: generateQuestion(family, difficulty, record.seed) };
}
