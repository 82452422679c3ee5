/**
 * Generator throughput: for every family × difficulty, questions per second and median / p99 milliseconds per
 * `generateQuestion` call over distinct seeds, after a warm-up. Flags any cell under the 2,000/s target.
 * Each cell gets a fixed time budget so the whole run stays under ~20 s on a busy 2-core box.
 */
import { FAMILIES, generateQuestion, type Difficulty, type Family } from '../shared/questions/index';

export const TARGET_PER_SECOND = 2000;
const WARMUP_CALLS = 50;
const CELL_BUDGET_MS = 250;
const MAX_CALLS = 20_000;
const DIFFICULTIES: Difficulty[] = [1, 2, 3, 4, 5];

export interface CellResult {
  family: Family;
  difficulty: Difficulty;
  perSecond: number;
  medianMs: number;
  p99Ms: number;
  error?: string;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export function measureCell(family: Family, difficulty: Difficulty, budgetMs = CELL_BUDGET_MS): CellResult {
  try {
    for (let s = 0; s < WARMUP_CALLS; s++) generateQuestion(family, difficulty, 1_000_000 + s);
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
    return { family, difficulty, perSecond: times.length / ((now - start) / 1000), medianMs: quantile(times, 0.5), p99Ms: quantile(times, 0.99) };
  } catch (err) {
    return { family, difficulty, perSecond: 0, medianMs: NaN, p99Ms: NaN, error: err instanceof Error ? err.message : String(err) };
  }
}

function row(r: CellResult): string {
  const flag = r.error ? `  ERROR: ${r.error.slice(0, 60)}` : r.perSecond < TARGET_PER_SECOND ? '  << under 2,000/s' : '';
  return `${r.family.padEnd(14)} ${String(r.difficulty).padStart(3)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(10)} `
    + `${r.medianMs.toFixed(3).padStart(10)} ${r.p99Ms.toFixed(3).padStart(10)}${flag}`;
}

export async function run(): Promise<void> {
  console.log(`${'family'.padEnd(14)} ${'d'.padStart(3)} ${'q/s'.padStart(10)} ${'median ms'.padStart(10)} ${'p99 ms'.padStart(10)}`);
  const slow: string[] = [];
  for (const family of FAMILIES) {
    for (const difficulty of DIFFICULTIES) {
      const r = measureCell(family, difficulty);
      console.log(row(r));
      if (r.error || r.perSecond < TARGET_PER_SECOND) slow.push(`${family}/${difficulty}`);
    }
  }
  console.log(slow.length === 0
    ? `\nAll generators exceed ${TARGET_PER_SECOND.toLocaleString('en-US')} questions/s.`
    : `\nUnder ${TARGET_PER_SECOND.toLocaleString('en-US')}/s or failing: ${slow.join(', ')}`);
}
