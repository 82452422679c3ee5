import type { Expr } from './ast';
import { compile, evaluateScaled, type Compiled, type VarIndex } from './compile';
import { createRng, type Rng } from '../questions/rng';
import { curveRoots, type Budget } from './curve';

/**
 * Where expressions are compared: the variables drawn at random (`params`), the ones defined from them
 * (`derived`, e.g. x = cos(t) in a multivariable question) and optionally a curve F = 0 on which one
 * variable is solved for instead of drawn (implicit differentiation).
 */
export interface SpaceSpec {
  params: readonly string[];
  derived?: ReadonlyArray<{ name: string; expr: Expr }>;
  curve?: { f: Expr; solveFor: string };
}

/** Magnitude ranges cycled through first, so points cover small, unit and larger scales (never integers on purpose). */
const SCALES: ReadonlyArray<readonly [number, number]> = [
  [0.05, 0.6],
  [0.6, 1.6],
  [1.6, 3.2],
  [3.2, 6],
];
/**
 * When the base scales give too few points (sqrt(x - 10), ln(x^2 - 100), a curve far from the origin), the
 * search widens through these, up to 1e6, both signs.
 */
const WIDE_SCALES: ReadonlyArray<readonly [number, number]> = [
  ...SCALES,
  [6, 20],
  [20, 100],
  [100, 1000],
  [1000, 1e4],
  [1e4, 1e6],
  [0.001, 0.05],
];
const BASE_ATTEMPTS = 48;
/** As equivalence.ts: fewer points than this decide nothing. */
const MIN_POINTS = 6;
/** Curve evaluations per sampling run: ample for a conic, and a cap on hostile oscillating curves. */
const CURVE_BUDGET = 6000;
/** Node evaluations per sampling run on a curve (about 6 ms at worst). */
const CURVE_NODE_BUDGET = 200_000;
/** Node evaluations of the expected answer per sampling run (beyond the first 24 attempts). */
const SAMPLE_NODE_BUDGET = 60_000;

export function size(e: Expr): number {
  switch (e.k) {
    case 'num':
    case 'var':
      return 1;
    case 'neg':
      return 1 + size(e.a);
    case 'bin':
      return 1 + size(e.a) + size(e.b);
    case 'fn':
      return e.args.reduce((n, a) => n + size(a), 1);
  }
}

export class Space {
  readonly names: string[];
  readonly index: VarIndex;
  private readonly derived: Array<{ slot: number; fn: Compiled }>;
  private readonly curve: { f: Compiled; slot: number } | undefined;
  private readonly drawn: number[];
  private readonly curveSize: number;

  constructor(readonly spec: SpaceSpec) {
    const names = [...spec.params];
    for (const d of spec.derived ?? []) if (!names.includes(d.name)) names.push(d.name);
    if (spec.curve && !names.includes(spec.curve.solveFor)) names.push(spec.curve.solveFor);
    this.names = names;
    this.index = new Map(names.map((n, i) => [n, i]));
    const solved = spec.curve?.solveFor;
    this.drawn = spec.params.filter((p) => p !== solved).map((p) => this.slot(p));
    this.derived = (spec.derived ?? []).map((d) => ({ slot: this.slot(d.name), fn: compile(d.expr, this.index) }));
    this.curveSize = spec.curve ? Math.max(1, size(spec.curve.f) + (spec.derived ?? []).reduce((n, d) => n + size(d.expr), 0)) : 1;
    this.curve = spec.curve ? { f: compile(spec.curve.f, this.index), slot: this.slot(spec.curve.solveFor) } : undefined;
  }

  private slot(name: string): number {
    return this.index.get(name) as number;
  }

  compile(e: Expr): Compiled {
    return compile(e, this.index);
  }

  /**
   * Up to `count` points where `accept` (the expected answer) is real, finite and not huge, drawn from a
   * generator seeded by `seed` so the same check always gives the same verdict. Bounded attempts.
   */
  samplePoints(accept: Compiled, seed: number, count: number, acceptSize = 1): Float64Array[] {
    const rng = createRng(seed);
    const out: Float64Array[] = [];
    const maxAttempts = this.curve ? 90 : 240;
    // A long hostile curve costs more per evaluation: cap the node evaluations, not only the calls.
    const budget: Budget = { left: Math.min(CURVE_BUDGET, Math.floor(CURVE_NODE_BUDGET / this.curveSize)) };
    // Keep searching longer only while too few points were found to judge at all ((x-2)^6000 lives in a thin band).
    // Bounded work whatever the expression: a huge expected answer defined nowhere gets fewer attempts.
    const cap = Math.max(24, Math.floor(SAMPLE_NODE_BUDGET / Math.max(1, acceptSize)));
    const limit = (): number => Math.min(cap, out.length < MIN_POINTS ? maxAttempts * 3 : maxAttempts);
    for (let attempt = 0; attempt < limit() && out.length < count && budget.left > 0; attempt++) {
      // A thin domain ((x-2)^6000 is representable only for |x-2| in [0.89, 1.12]): once a point is found and
      // too few are, every other draw lands near a found one.
      const thin = attempt >= 2 * BASE_ATTEMPTS && out.length > 0 && out.length < MIN_POINTS;
      const near = thin && attempt % 2 === 1 ? out[attempt % out.length] : undefined;
      const base = near ? this.jitter(rng, near) : this.draw(rng, attempt);
      for (const p of this.complete(base, budget)) {
        const v = evaluateScaled(accept, p);
        if (Number.isFinite(v.value) && !v.overflow && out.length < count) out.push(p);
      }
    }
    return out;
  }

  /** A drawn point moved by up to ±5 % in each drawn variable. */
  private jitter(rng: Rng, p: Float64Array): Float64Array {
    const env = new Float64Array(this.names.length);
    for (const slot of this.drawn) env[slot] = (p[slot] as number) * (1 + 0.1 * (rng.next() - 0.5));
    return env;
  }

  private draw(rng: Rng, attempt: number): Float64Array {
    const env = new Float64Array(this.names.length);
    const scales = attempt < BASE_ATTEMPTS ? SCALES : WIDE_SCALES;
    const [lo, hi] = scales[attempt % scales.length] as readonly [number, number];
    for (const slot of this.drawn) {
      const mag = lo + (hi - lo) * rng.next();
      env[slot] = rng.bool() ? mag : -mag;
    }
    return env;
  }

  /** Fills derived slots, then the curve's solved variable (one point per branch found). */
  private complete(env: Float64Array, budget: Budget): Float64Array[] {
    for (const d of this.derived) {
      const v = d.fn(env);
      if (!Number.isFinite(v)) return [];
      env[d.slot] = v;
    }
    if (!this.curve) return [env];
    const { f, slot } = this.curve;
    return curveRoots((y) => {
      env[slot] = y;
      return f(env);
    }, budget).map((y) => {
      const p = env.slice();
      p[slot] = y;
      return p;
    });
  }
}
