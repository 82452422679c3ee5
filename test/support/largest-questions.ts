/**
 * The largest questions each family can generate at each difficulty, found by a deterministic scan of a fixed
 * range of seeds with `generateQuestion`: the widest and the longest formula in each place a screen typesets one
 * (the prompt, the answer, a worked step), the most steps, the longest step in words, and the biggest drawing
 * (the most boxes, paths, matrix columns or rows, network layers or neurons, the longest label). The fit walks
 * (projector and phone) play these, so a layout that cannot hold the largest question fails on every run and
 * every machine, with the seed to reproduce it.
 *
 * The scan takes a few seconds, too long for every walk: its result is committed in largest-questions.json, and
 * test/shared/largest-questions.test.ts re-derives it and names what changed (regenerate with
 * `UPDATE_LARGEST=1 npx vitest run test/shared/largest-questions.test.ts`).
 */
import { FAMILIES, generateQuestion, type Difficulty, type Family, type Question } from '../../shared/questions/index';
import type { BackpropTask, GradientFlowTask, ImplicitTask, JacobianTask, SubsTask } from '../../shared/questions/types';
import { answerLatex } from '../../client/src/screens/answer-latex';
import { texSize } from './tex-size';

/** The seeds scanned for every family and difficulty: 0 … SCAN_SEEDS − 1. */
export const SCAN_SEEDS = 100;
export const DIFFICULTIES: readonly Difficulty[] = [1, 2, 3, 4, 5];

/** What a screen has to hold for one question; formula sizes in ems (test/support/tex-size.ts). */
export interface QuestionSize {
  promptWidest: number;
  promptLongest: number;
  answerWidest: number;
  answerLongest: number;
  stepWidest: number;
  stepLongest: number;
  steps: number;
  /** The longest step in words, characters (its maths counted as written). */
  prose: number;
  /** The drawing: how many across (boxes, paths, columns, layers, depth), how many down, its longest label. */
  across: number;
  down: number;
  label: number;
}

/** One way to be largest: a name (said in the table and in failures) and the key, compared largest first. */
export interface Criterion {
  name: string;
  key: (s: QuestionSize) => number[];
}

export const CRITERIA: readonly Criterion[] = [
  { name: 'widest prompt', key: (s) => [s.promptWidest, s.promptLongest] },
  { name: 'longest prompt', key: (s) => [s.promptLongest, s.promptWidest] },
  { name: 'widest answer', key: (s) => [s.answerWidest, s.answerLongest] },
  { name: 'longest answer', key: (s) => [s.answerLongest, s.answerWidest] },
  { name: 'widest step', key: (s) => [s.stepWidest, s.stepLongest] },
  { name: 'longest step', key: (s) => [s.stepLongest, s.stepWidest] },
  { name: 'most steps', key: (s) => [s.steps, s.stepLongest] },
  { name: 'longest words', key: (s) => [s.prose, s.steps] },
  { name: 'widest drawing', key: (s) => [s.across, s.label, s.down] },
  { name: 'tallest drawing', key: (s) => [s.down, s.label, s.across] },
  { name: 'longest label', key: (s) => [s.label, s.across, s.down] },
];

const round = (n: number): number => Math.round(n * 100) / 100;

/** The drawing's extent for each family's view (client/src/views/). */
function drawing(q: Question): { across: number; down: number; label: number } {
  const longest = (xs: readonly string[]): number => Math.max(0, ...xs.map((x) => x.length));
  switch (q.family) {
    case 'chain':
    case 'nested':
    case 'higher-order':
    case 'activation':
      return { across: q.layers?.length ?? 1, down: 1, label: longest((q.layers ?? []).map((l) => l.fn)) };
    case 'multivariable':
    case 'partial': {
      const t = q.task as SubsTask;
      return { across: Object.keys(t.subs).length, down: 2, label: longest([t.expr, ...Object.values(t.subs)]) };
    }
    case 'jacobian': {
      const t = q.task as JacobianTask;
      return { across: t.innerVars.length, down: t.outer.length, label: longest([...t.outer, ...t.inner]) };
    }
    case 'implicit':
    case 'implicit2':
      return { across: 1, down: 1, label: (q.task as ImplicitTask).equation.length };
    case 'backprop': {
      const t = q.task as BackpropTask;
      const widths = [t.x.length, ...t.layers.map((l) => l.b.length)];
      return { across: widths.length, down: Math.max(...widths), label: widths.reduce((a, b) => a + b, 0) };
    }
    case 'gradient-flow':
      return { across: (q.task as GradientFlowTask).depth, down: 1, label: 0 };
  }
}

/** Measures one question as the screens show it. */
export function measureQuestion(q: Question): QuestionSize {
  const prompt = texSize(q.prompt.latex);
  const tex = answerLatex(q.answer);
  const answer = tex === null ? { widest: 0, total: 0 } : texSize(tex);
  let stepWidest = 0;
  let stepLongest = 0;
  let prose = 0;
  for (const step of q.steps) {
    const s = texSize(step.latex);
    stepWidest = Math.max(stepWidest, s.widest);
    stepLongest = Math.max(stepLongest, s.total);
    prose = Math.max(prose, (step.prose ?? step.text).length);
  }
  return {
    promptWidest: round(prompt.widest), promptLongest: round(prompt.total),
    answerWidest: round(answer.widest), answerLongest: round(answer.total),
    stepWidest: round(stepWidest), stepLongest: round(stepLongest), steps: q.steps.length, prose, ...drawing(q),
  };
}

/** The largest question of one family at one difficulty by one criterion: its seed and the value that won. */
export interface Record1 {
  seed: number;
  value: number;
}

/** For each family and difficulty ("nested 5"), the largest question by each criterion. */
export type LargestTable = Record<string, Record<string, Record1>>;

/** A question the walks play: its seed, and every "difficulty criterion" record it stands for. */
export interface WalkEntry {
  family: Family;
  difficulty: Difficulty;
  seed: number;
  covers: string[];
}

/**
 * A walked question stands for a record when it is within this share of the record's value, from the same family
 * at the same or a higher difficulty, with a drawing at least as large both ways (as many boxes, paths, columns or
 * layers, as many rows or neurons): the same layout code holding a larger question of the same shape holds the
 * record too, and one question 97 % as wide as the widest step and 99 % as long as the longest answer tests as
 * much as two that are each 100 % of one.
 */
export const CLOSE_ENOUGH = 0.95;

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

interface Scanned {
  difficulty: Difficulty;
  seed: number;
  size: QuestionSize;
  keys: number[][];
}

/** The drawing's extent as the views lay it out: a gradient's chain shows at most six layers, then an ellipsis. */
function extent(family: Family, s: QuestionSize): [number, number] {
  return family === 'gradient-flow' ? [Math.min(s.across, 7), 1] : [s.across, s.down];
}

/** Scans one family at every difficulty: its records, and the fewest questions that stand for all of them. */
export function scanFamily(family: Family, seeds = SCAN_SEEDS): { records: LargestTable; walk: WalkEntry[] } {
  const all: Scanned[] = [];
  for (const difficulty of DIFFICULTIES) {
    for (let seed = 0; seed < seeds; seed++) {
      const size = measureQuestion(generateQuestion(family, difficulty, seed));
      all.push({ difficulty, seed, size, keys: CRITERIA.map((c) => c.key(size)) });
    }
  }
  const records: LargestTable = {};
  const needs: Array<{ name: string; difficulty: Difficulty; value: number; extent: [number, number] }> = [];
  for (const difficulty of DIFFICULTIES) {
    const mine = all.filter((x) => x.difficulty === difficulty);
    const row: Record<string, Record1> = {};
    CRITERIA.forEach((c, i) => {
      // The largest by the criterion's key; the lowest seed on a tie.
      const best = mine.reduce((b, x) => (compare(x.keys[i]!, b.keys[i]!) > 0 ? x : b), mine[0]!);
      row[c.name] = { seed: best.seed, value: best.keys[i]![0] ?? 0 };
      needs.push({ name: `d${difficulty} ${c.name}`, difficulty, value: best.keys[i]![0] ?? 0, extent: extent(family, best.size) });
    });
    records[`${family} ${difficulty}`] = row;
  }
  const stands = (x: Scanned, n: (typeof needs)[number]): boolean => {
    const [across, down] = extent(family, x.size);
    const i = CRITERIA.findIndex((c) => n.name.endsWith(` ${c.name}`));
    return x.difficulty >= n.difficulty && across >= n.extent[0] && down >= n.extent[1] && (x.keys[i]![0] ?? 0) >= CLOSE_ENOUGH * n.value;
  };
  // Greedy cover: the question standing for the most open records; the lower difficulty, then seed, on a tie.
  const open = new Set(needs.map((_, i) => i));
  const walk: WalkEntry[] = [];
  while (open.size > 0) {
    let pick: Scanned | null = null;
    let covers: number[] = [];
    for (const x of all) {
      const c = [...open].filter((i) => stands(x, needs[i]!));
      if (c.length > covers.length) {
        pick = x;
        covers = c;
      }
    }
    if (!pick) throw new Error(`${family}: nothing stands for ${[...open].map((i) => needs[i]!.name).join(', ')}`);
    for (const i of covers) open.delete(i);
    walk.push({ family, difficulty: pick.difficulty, seed: pick.seed, covers: covers.map((i) => needs[i]!.name) });
  }
  return { records, walk: walk.sort((a, b) => a.difficulty - b.difficulty || a.seed - b.seed) };
}

/** The whole table: every family's records and walk. */
export function scanLargest(seeds = SCAN_SEEDS): { seeds: number; closeEnough: number; records: LargestTable; walk: WalkEntry[] } {
  const records: LargestTable = {};
  const walk: WalkEntry[] = [];
  for (const f of FAMILIES) {
    const r = scanFamily(f, seeds);
    Object.assign(records, r.records);
    walk.push(...r.walk);
  }
  return { seeds, closeEnough: CLOSE_ENOUGH, records, walk };
}
