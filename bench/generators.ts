/**
 * Generator throughput: for every family × difficulty, questions per second and median / p99 milliseconds per
 * `generateQuestion` call over distinct seeds, after a warm-up. Flags any cell under the 2,000/s target.
 * The flagged rate is 1000 / median ms: on a shared, overloaded 2-core box many calls absorb other processes'
 * time slices, which says nothing about the generator, while the median call does not. The wall-clock rate
 * over all calls and the p99 are printed alongside, so stalls stay visible.
 * Each cell gets a fixed time budget so the whole run stays under ~20 s.
 */
import { FAMILIES, generateQuestion, type Difficulty, type Family } from '../shared/questions/index';

export const TARGET_PER_SECOND = 2000;
const WARMUP_CALLS = 500;
const WARMUP_BUDGET_MS = 100;
const CELL_BUDGET_MS = 180;
const MAX_CALLS = 20_000;
const DIFFICULTIES: Difficulty[] = [1, 2, 3, 4, 5];

export interface CellResult {
  family: Family;
  difficulty: Difficulty;
  /** 1000 / median ms: the generator's own rate, free of other processes' time slices. */
  perSecond: number;
  /** Calls per second of wall-clock time over all calls. */
  wallPerSecond: number;
  medianMs: number;
  p99Ms: number;
  error?: string;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export function measureCell(family: Family, difficulty: Difficulty, budgetMs = CELL_BUDGET_MS): CellResult {
  try {
    const warmStart = performance.now();
    for (let s = 0; s < WARMUP_CALLS && performance.now() - warmStart < WARMUP_BUDGET_MS; s++) generateQuestion(family, difficulty, 1_000_000 + s);
    const times: number[] = [];
    const start = performance.now();
    let now = start;
    for (let seed = 0; now - start < budgetMs && seed < MAX_CALLS; seed++) {
      const t0 = performance.now();
      generateQuestion(family, difficulty, seed);
      now = performance.now();
      times.push(now - t0);
    }
    times.sort((a, b) => a - b);
    return {
      family, difficulty,
      perSecond: 1000 / quantile(times, 0.5),
      wallPerSecond: times.length / ((now - start) / 1000),
      medianMs: quantile(times, 0.5),
      p99Ms: quantile(times, 0.99),
    };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { family, difficulty, perSecond: 0, wallPerSecond: 0, medianMs: NaN, p99Ms: NaN, error };
  }
}

function row(r: CellResult): string {
  const flag = r.error ? `  ERROR: ${r.error.slice(0, 60)}`
    : r.perSecond < TARGET_PER_SECOND ? '  << under 2,000/s'
    : r.wallPerSecond < TARGET_PER_SECOND ? '  < wall rate under 2,000/s' : '';
  const rate = (v: number): string => Math.round(v).toLocaleString('en-US').padStart(10);
  return `${r.family.padEnd(14)} ${String(r.difficulty).padStart(3)} ${rate(r.perSecond)} ${rate(r.wallPerSecond)} `
    + `${r.medianMs.toFixed(3).padStart(10)} ${r.p99Ms.toFixed(3).padStart(10)}${flag}`;
}

export function run(): void {
  const head = ['q/s', 'q/s (wall)', 'median ms', 'p99 ms'].map((h) => h.padStart(10)).join(' ');
  console.log(`${'family'.padEnd(14)} ${'d'.padStart(3)} ${head}`);
  const slow: string[] = [];
  const slowWall: string[] = [];
  for (const family of FAMILIES) {
    for (const difficulty of DIFFICULTIES) {
      const r = measureCell(family, difficulty);
      console.log(row(r));
      if (r.error || r.perSecond < TARGET_PER_SECOND) slow.push(`${family}/${difficulty}`);
      else if (r.wallPerSecond < TARGET_PER_SECOND) slowWall.push(`${family}/${difficulty}`);
    }
  }
  console.log(slow.length === 0
    ? `\nAll generators exceed ${TARGET_PER_SECOND.toLocaleString('en-US')} questions/s.`
    : `\nUnder ${TARGET_PER_SECOND.toLocaleString('en-US')}/s or failing: ${slow.join(', ')}`);
  // The wall rate includes garbage collection and redraws: it is what a room generating questions feels.
  if (slowWall.length > 0) console.log(`Wall-clock rate (GC and redraws included) under ${TARGET_PER_SECOND.toLocaleString('en-US')}/s: ${slowWall.join(', ')}`);
}
