import type { Rng } from '../rng';
import { TaskError } from '../family';
import { analyseChain, type ChainAnalysis } from './chain-question';
import { composesInverse, saturates } from './draw-sanity';
import { SAMPLE_VALUES } from './expr-task';
import { valuesAt } from './numeric';
import { toText } from '../../math/text';
import { parseExpr } from './parse';

const POINTS = SAMPLE_VALUES.map((x) => ({ x }));
const moderate = (v: number): boolean => Number.isFinite(v) && Math.abs(v) < 1e6;
/** A derivative this small at every point is 0 to the checker: a wrong answer could not be told from it. */
const visible = (v: number): boolean => Math.abs(v) > 1e-8;
/** An extra condition a family puts on a draw (the higher-order family: a second derivative that is not 0). */
export type DrawCheck = (a: ChainAnalysis) => boolean;

/**
 * The draw, tidily printed, if a person can work with it: the expression and its derivative real, finite and
 * of moderate size (|y| < 1e6) at `minPoints` of our sample points at least; otherwise null. The derivative
 * matters: sqrt(log(tanh(cosh(x)))) is 0 where tanh rounds to 1, its derivative is not finite there.
 * The analysis is the one solve() then reuses.
 * Also refused: a function composed with its inverse (asin(sin(x))), an activation pushed into saturation
 * (tanh(x^2 + 5)), a derivative ~0 everywhere, and whatever the family's `check` turns down.
 */
export function usableChain(src: string, minPoints = 7, check?: DrawCheck): string | null {
  try {
    const printed = toText(parseExpr(src));
    const a = analyseChain({ expr: printed, var: 'x' });
    if (composesInverse(a.expr) || saturates(a.expr, POINTS)) return null;
    const ys = valuesAt(a.expr, POINTS);
    const ds = valuesAt(a.answer, POINTS);
    if (ds.filter((d) => Number.isFinite(d) && visible(d)).length < 3) return null;
    if (check !== undefined && !check(a)) return null;
    return ys.filter((y, i) => moderate(y) && moderate(ds[i] as number)).length >= minPoints ? printed : null;
  } catch (err) {
    if (err instanceof TaskError) return null;
    throw err;
  }
}

/**
 * Draws until `draw` gives a usable composition in x (deterministic: only the seeded rng is used); after
 * `tries` failures the known-good fallback is used so generation can never loop forever.
 */
export function drawChainExpr(rng: Rng, draw: (rng: Rng) => string, fallback: string, check?: DrawCheck, tries = 40): string {
  for (let i = 0; i < tries; i++) {
    const got = usableChain(draw(rng), 7, check);
    if (got !== null) return got;
  }
  return usableChain(fallback, 1) ?? fallback;
}
