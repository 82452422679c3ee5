/**
 * Roots of g(y) = 0 for one x on an implicit curve: scan a grid that is fine near 0 and reaches ±1e6 (y =
 * sinh(s)), then bisect every sign change. Finds each branch that crosses zero; tangential double roots are
 * missed, which only costs a sample point. Bounded by the shared evaluation budget and MAX_BRACKETS.
 */
const GRID_STEPS = 120;
/** y = sinh(s) for |s| ≤ 14.5 reaches |y| ≈ 1e6: branches far out (xy = 1000 at small x) are found too. */
const S_RANGE = 14.5;
const MAX_BRACKETS = 6;

/** Evaluations left for a whole sampling run; shared so a wildly oscillating curve cannot cost more. */
export interface Budget {
  left: number;
}

export function curveRoots(g: (y: number) => number, budget: Budget = { left: 4000 }): number[] {
  const counted = (y: number): number => {
    budget.left--;
    return g(y);
  };
  const roots: number[] = [];
  let brackets = 0;
  let prevY = Math.sinh(-S_RANGE);
  let prevV = counted(prevY);
  for (let i = 1; i <= GRID_STEPS && brackets < MAX_BRACKETS && budget.left > 0; i++) {
    const y = Math.sinh(-S_RANGE + (2 * S_RANGE * i) / GRID_STEPS);
    const v = counted(y);
    if (v === 0) roots.push(y);
    else if (Number.isFinite(v) && Number.isFinite(prevV) && prevV !== 0 && v > 0 !== prevV > 0) {
      brackets++;
      const r = bisect(counted, prevY, prevV, y);
      if (r !== null) roots.push(r);
    }
    prevY = y;
    prevV = v;
  }
  return roots;
}

function bisect(g: (y: number) => number, lo: number, loV: number, hi: number): number | null {
  let a = lo;
  let b = hi;
  const aPositive = loV > 0;
  for (let i = 0; i < 80 && b - a > 1e-15 * Math.max(1, Math.abs(a)); i++) {
    const mid = (a + b) / 2;
    const v = g(mid);
    if (v === 0) return mid;
    if (!Number.isFinite(v)) return null;
    if (v > 0 === aPositive) a = mid;
    else b = mid;
  }
  // A pole (1/y) also changes sign: keep only brackets that shrink onto a small residual.
  const y = (a + b) / 2;
  const r = Math.abs(g(y));
  return r < 1e-8 * Math.max(1, Math.abs(g(lo))) ? y : null;
}
