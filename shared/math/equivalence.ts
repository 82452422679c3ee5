import type { Expr } from './ast';
import { evaluateScaled, type Compiled } from './compile';
import { Space, type SpaceSpec } from './space';

/** Relative tolerance: only floating-point error, never a "close enough" answer (answer-checking.md rule 2). */
export const REL_TOL = 1e-9;
/** Absolute floor for values that are exactly zero in exact arithmetic. */
export const ABS_TOL = 1e-12;
/** A point that misses REL_TOL but stays within this is blamed on cancellation, if it happens rarely. */
const LOOSE_TOL = 1e-7;
const MAX_MARGINAL = 2;
export const SAMPLE_COUNT = 12;

/** Values of one expression at the judge's points, with the scale each value's rounding error is relative to. */
export interface Sampled {
  values: Float64Array;
  scales: Float64Array;
}

export type Comparison =
  | { equal: true }
  | {
      equal: false;
      /** The simplest point (smallest coordinates) where the two clearly differ: the one to show a student. */
      point: Float64Array;
      given: number;
      expected: number;
      /** Set when given = ratio × expected at every point: a constant factor is off. */
      ratio?: number;
    };

/**
 * Decides equivalence with one expected expression by seeded sampling on its domain (answer-checking.md):
 * the points are drawn once, where the expected value is real and finite, and reused for every answer and
 * every wrong-answer candidate, so a check costs one parse and a dozen closure calls.
 */
export class Judge {
  readonly space: Space;
  readonly points: Float64Array[];
  readonly expected: Sampled;

  constructor(spec: SpaceSpec, expected: Expr, seed: number) {
    this.space = new Space(spec);
    const fn = this.space.compile(expected);
    this.points = this.space.samplePoints(fn, seed, SAMPLE_COUNT);
    this.expected = this.sample(fn);
  }

  /** False when the expected answer was undefined at every point tried: nothing can be judged by sampling. */
  get usable(): boolean {
    return this.points.length > 0;
  }

  sample(fn: Compiled): Sampled {
    const n = this.points.length;
    const values = new Float64Array(n);
    const scales = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = evaluateScaled(fn, this.points[i] as Float64Array);
      values[i] = r.value;
      scales[i] = r.scale;
    }
    return { values, scales };
  }

  sampleExpr(e: Expr): Sampled {
    return this.sample(this.space.compile(e));
  }

  /** Compares sampled values with the expected ones (or with `against`, e.g. a wrong-answer candidate). */
  compare(given: Sampled, against: Sampled = this.expected): Comparison {
    let marginal = 0;
    let shown = -1;
    let shownSize = Infinity;
    for (let i = 0; i < given.values.length; i++) {
      const miss = missSize(given, against, i);
      if (miss <= 1) continue;
      if (miss <= LOOSE_TOL / REL_TOL && ++marginal <= MAX_MARGINAL) continue;
      // Show the student the point with the smallest coordinates: x = 0.31 is easier to check by hand than x = 5.1.
      const size = pointSize(this.points[i] as Float64Array);
      if (size < shownSize) {
        shown = i;
        shownSize = size;
      }
    }
    if (shown < 0) return { equal: true };
    const out: Extract<Comparison, { equal: false }> = {
      equal: false,
      point: this.points[shown] as Float64Array,
      given: given.values[shown] as number,
      expected: against.values[shown] as number,
    };
    const ratio = constantRatio(given, against);
    if (ratio !== null) out.ratio = ratio;
    return out;
  }
}

function pointSize(point: Float64Array): number {
  let s = 0;
  for (const v of point) s += Math.abs(v);
  return s;
}

/** given / expected when it is the same at every point where both are finite and expected is not ~0. */
function constantRatio(g: Sampled, e: Sampled): number | null {
  let ratio: number | null = null;
  let seen = 0;
  for (let i = 0; i < g.values.length; i++) {
    const a = g.values[i] as number;
    const b = e.values[i] as number;
    if (!Number.isFinite(a) || !Number.isFinite(b) || Math.abs(b) < 1e-9 * ((e.scales[i] as number) + 1)) continue;
    const r = a / b;
    if (ratio === null) ratio = r;
    else if (Math.abs(r - ratio) > 1e-6 * Math.abs(ratio)) return null;
    seen++;
  }
  // 0 is "no answer", not a factor; -1 is a sign error, named elsewhere.
  if (seen < 3 || ratio === null || Math.abs(ratio) < 1e-6 || Math.abs(Math.abs(ratio) - 1) < 1e-6) return null;
  return ratio;
}

/** How many tolerances apart two samples are (Infinity when the given one is undefined). */
function missSize(g: Sampled, e: Sampled, i: number): number {
  const a = g.values[i] as number;
  const b = e.values[i] as number;
  if (!Number.isFinite(a)) return Number.isFinite(b) ? Infinity : 0;
  if (!Number.isFinite(b)) return Infinity;
  const scale = Math.max(g.scales[i] as number, e.scales[i] as number);
  return Math.abs(a - b) / (REL_TOL * scale + ABS_TOL);
}
