import type { Expr } from './ast';
import { evaluateScaled, type Compiled } from './compile';
import { Space, size, type SpaceSpec } from './space';

/**
 * Relative tolerance: only floating-point error, never a "close enough" answer
 * (docs/answer-checking.md#rule-2-sampling-on-the-right-domain).
 */
export const REL_TOL = 1e-9;
/** Safety factor on the first-order rounding-error bounds of compile.ts. */
const ERR_FACTOR = 8;
export const SAMPLE_COUNT = 12;
/** Fewer points than this and nothing is judged: the task is refused when it is typed (solveTask). */
export const MIN_POINTS = 6;

/** Values of one expression at the judge's points, with a bound on each value's rounding error. */
export interface Sampled {
  values: Float64Array;
  errs: Float64Array;
  /** 1 where the value is undefined because a number overflowed or underflowed (not a domain error). */
  overflow: Uint8Array;
}

export type Comparison =
  | { equal: true }
  | {
      equal: false;
      /** Why: the values differ somewhere, or no point could decide (huge cancelling terms, overflow). */
      reason: 'differ' | 'imprecise' | 'overflow';
      /** The simplest point (smallest coordinates) where the two clearly differ: the one to show a student. */
      point: Float64Array;
      given: number;
      expected: number;
      /** Set when given = ratio × expected at every point: a constant factor is off. */
      ratio?: number;
    };

/**
 * Decides equivalence with one expected expression by seeded sampling on its domain
 * (docs/answer-checking.md#rule-2-sampling-on-the-right-domain): the points are drawn once, where the expected
 * value is real, finite and representable, and reused for every answer and every wrong-answer candidate. The
 * tolerance at a point is set by the EXPECTED answer alone (1e-9 of its value plus a bound on its own rounding
 * error); the given answer's terms never widen it. A point where the given answer's own rounding could explain a
 * gap, or where it overflows, decides nothing: it is not a pass, and an answer needs most points to agree outright.
 */
export class Judge {
  readonly space: Space;
  readonly points: Float64Array[];
  readonly expected: Sampled;

  constructor(spec: SpaceSpec, expected: Expr, seed: number) {
    this.space = new Space(spec);
    const fn = this.space.compile(expected);
    this.points = this.space.samplePoints(fn, seed, SAMPLE_COUNT, size(expected));
    this.expected = this.sample(fn);
  }

  /** False when the expected answer is defined at too few points to judge anything by sampling. */
  get usable(): boolean {
    return this.points.length >= MIN_POINTS;
  }

  sample(fn: Compiled): Sampled {
    const n = this.points.length;
    const values = new Float64Array(n);
    const errs = new Float64Array(n);
    const overflow = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const r = evaluateScaled(fn, this.points[i] as Float64Array);
      values[i] = r.value;
      errs[i] = r.err;
      overflow[i] = r.overflow ? 1 : 0;
    }
    return { values, errs, overflow };
  }

  sampleExpr(e: Expr): Sampled {
    return this.sample(this.space.compile(e));
  }

  /** Compares sampled values with the expected ones (or with `against`, e.g. a wrong-answer candidate). */
  compare(given: Sampled, against: Sampled = this.expected): Comparison {
    let agree = 0;
    let considered = 0;
    let imprecise = -1;
    let overflowAt = -1;
    let shown = -1;
    let shownSize = Infinity;
    for (let i = 0; i < given.values.length; i++) {
      const b = against.values[i] as number;
      if (!Number.isFinite(b)) continue;
      considered++;
      const verdict = pointVerdict(given, against, i);
      if (verdict === AGREE) agree++;
      else if (verdict === IMPRECISE) imprecise = i;
      else if (verdict === OVERFLOW) overflowAt = i;
      else {
        // Show the student the point with the smallest coordinates: x = 0.31 is easier to check by hand than x = 5.1.
        const size = pointSize(this.points[i] as Float64Array);
        if (size < shownSize) {
          shown = i;
          shownSize = size;
        }
      }
    }
    if (shown < 0 && agree >= Math.max(Math.min(MIN_POINTS, considered), Math.ceil(considered / 2)) && agree > 0) {
      return { equal: true };
    }
    const at = shown >= 0 ? shown : imprecise >= 0 ? imprecise : overflowAt >= 0 ? overflowAt : 0;
    const out: Extract<Comparison, { equal: false }> = {
      equal: false,
      reason: shown >= 0 ? 'differ' : imprecise >= 0 ? 'imprecise' : overflowAt >= 0 ? 'overflow' : 'differ',
      point: this.points[at] ?? new Float64Array(0),
      given: given.values[at] ?? NaN,
      expected: against.values[at] ?? NaN,
    };
    const ratio = constantRatio(given, against);
    if (ratio !== null) out.ratio = ratio;
    return out;
  }
}

const AGREE = 0;
const DIFFER = 1;
const IMPRECISE = 2;
const OVERFLOW = 3;

function pointVerdict(g: Sampled, e: Sampled, i: number): number {
  const a = g.values[i] as number;
  const b = e.values[i] as number;
  if (!Number.isFinite(a)) return g.overflow[i] ? OVERFLOW : DIFFER;
  const gap = Math.abs(a - b);
  // The tolerance comes from the expected side only: its value and its own rounding error.
  const tol = REL_TOL * Math.abs(b) + ERR_FACTOR * (e.errs[i] as number);
  if (gap <= tol) return AGREE;
  // The given answer's own rounding (huge cancelling terms) could explain the gap: nothing is decided here.
  if (gap <= tol + ERR_FACTOR * (g.errs[i] as number)) return IMPRECISE;
  return DIFFER;
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
    if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0 || Math.abs(b) < 1e6 * (e.errs[i] as number)) continue;
    const r = a / b;
    if (ratio === null) ratio = r;
    else if (Math.abs(r - ratio) > 1e-6 * Math.abs(ratio)) return null;
    seen++;
  }
  // 0 is "no answer", not a factor; -1 is a sign error, named elsewhere.
  if (seen < 3 || ratio === null || Math.abs(ratio) < 1e-6 || Math.abs(Math.abs(ratio) - 1) < 1e-6) return null;
  return ratio;
}
