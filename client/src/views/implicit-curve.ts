/**
 * The numerical side of the implicit view: F(x, y) = lhs − rhs read by the project's one parser (so `xy`,
 * `2x^2y` and `sin^2 x` mean what they mean everywhere else) and compiled to plain closures,
 * its zero set traced by marching squares, a window that shows the curve, a point on it and the slope there.
 * Pure functions (no DOM), so they are testable in Node.
 */
import { parseAnswer } from '../../../shared/math/safe-parse';
import { compile } from '../../../shared/math/compile';

export type Fn2 = (x: number, y: number) => number;
export type Segment = [number, number, number, number];
export interface Window2 {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** F(x, y) = lhs − rhs for "lhs = rhs", or null when the equation is malformed or not readable. */
export function compileImplicit(equation: string): Fn2 | null {
  const sides = equation.split('=');
  if (sides.length !== 2) return null;
  const [lhs, rhs] = sides.map((s) => parseAnswer(s.trim(), ['x', 'y']));
  if (!lhs?.ok || !rhs?.ok) return null;
  const index = new Map([['x', 0], ['y', 1]]);
  try {
    const F = compile({ k: 'bin', op: '-', a: lhs.expr, b: rhs.expr }, index);
    const env = new Float64Array(2);
    return (x, y) => {
      env[0] = x;
      env[1] = y;
      return F(env);
    };
  } catch {
    return null;
  }
}

/** Zero contour of f on an n × n grid over the window, as line segments (marching squares, saddles by centre). */
export function contourSegments(f: Fn2, w: Window2, n: number): Segment[] {
  const dx = (w.x1 - w.x0) / n;
  const dy = (w.y1 - w.y0) / n;
  const v: number[] = [];
  for (let j = 0; j <= n; j++) for (let i = 0; i <= n; i++) v.push(safe(f(w.x0 + i * dx, w.y0 + j * dy)));
  const at = (i: number, j: number): number => v[j * (n + 1) + i] ?? NaN;
  const out: Segment[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const c = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)] as const;
      if (c.some((x) => !Number.isFinite(x))) continue;
      const pts = cellCrossings(c, w.x0 + i * dx, w.y0 + j * dy, dx, dy);
      if (pts.length === 2) out.push([...pts[0]!, ...pts[1]!] as Segment);
      else if (pts.length === 4) {
        const centre = f(w.x0 + (i + 0.5) * dx, w.y0 + (j + 0.5) * dy);
        const [a, b, cc, d] = pts;
        // The saddle: pair the crossings so the segments go around the corner whose sign the centre does not share.
        if ((centre > 0) === (c[0] > 0)) out.push([...a!, ...b!] as Segment, [...cc!, ...d!] as Segment);
        else out.push([...a!, ...d!] as Segment, [...b!, ...cc!] as Segment);
      }
    }
  }
  return out;
}

function safe(v: number): number {
  return Number.isFinite(v) ? v : NaN;
}

/** Edge crossings of one cell, corners (bl, br, tr, tl), in order bottom, right, top, left. */
function cellCrossings(c: readonly [number, number, number, number], x: number, y: number, dx: number, dy: number): Array<[number, number]> {
  const corners: Array<[number, number]> = [[x, y], [x + dx, y], [x + dx, y + dy], [x, y + dy]];
  const pts: Array<[number, number]> = [];
  for (let k = 0; k < 4; k++) {
    const a = c[k]!;
    const b = c[(k + 1) % 4]!;
    if ((a > 0) === (b > 0)) continue;
    const t = a / (a - b);
    const [ax, ay] = corners[k]!;
    const [bx, by] = corners[(k + 1) % 4]!;
    pts.push([ax + t * (bx - ax), ay + t * (by - ay)]);
  }
  return pts;
}

/** A square window around the origin that shows the point (if any) and a good part of the curve. */
export function chooseWindow(f: Fn2, at?: { x: number; y: number }): Window2 {
  const square = (r: number): Window2 => ({ x0: -r, x1: r, y0: -r, y1: r });
  if (at) return square(Math.max(2.5, 1.6 * Math.max(Math.abs(at.x), Math.abs(at.y))));
  for (const r of [3, 6, 12, 24]) {
    const segs = contourSegments(f, square(r), 40);
    if (segs.length === 0) continue;
    const xs = segs.flatMap((s) => [s[0], s[2]]);
    const ys = segs.flatMap((s) => [s[1], s[3]]);
    const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    if (span > 0.3 * r || r === 24) return square(r);
  }
  return square(6);
}

/** dy/dx = −F_x / F_y by central differences; NaN where the tangent is vertical. */
export function numericSlope(f: Fn2, x: number, y: number): number {
  const h = 1e-5 * Math.max(1, Math.abs(x), Math.abs(y));
  const fx = (f(x + h, y) - f(x - h, y)) / (2 * h);
  const fy = (f(x, y + h) - f(x, y - h)) / (2 * h);
  return Math.abs(fy) < 1e-9 ? NaN : -fx / fy;
}

/** A point on the curve to show when the question gives none: a crossing near the upper right, tangent not vertical. */
export function samplePoint(f: Fn2, segs: Segment[], w: Window2): { x: number; y: number } | null {
  const tx = w.x0 + 0.7 * (w.x1 - w.x0);
  const ty = w.y0 + 0.65 * (w.y1 - w.y0);
  let best: { x: number; y: number } | null = null;
  let bestD = Infinity;
  for (const s of segs) {
    const x = (s[0] + s[2]) / 2;
    const y = (s[1] + s[3]) / 2;
    const dist = Math.hypot(x - tx, y - ty);
    if (dist < bestD && Number.isFinite(numericSlope(f, x, y))) {
      best = { x, y };
      bestD = dist;
    }
  }
  return best;
}

/** The part of the line through (px, py) with the given slope inside the window (Liang–Barsky), or null. */
export function clipLine(px: number, py: number, slope: number, w: Window2): Segment | null {
  const dx = 1;
  const dy = slope;
  let t0 = -Infinity;
  let t1 = Infinity;
  const edges: Array<[number, number]> = [[-dx, px - w.x0], [dx, w.x1 - px], [-dy, py - w.y0], [dy, w.y1 - py]];
  for (const [p, q] of edges) {
    if (Math.abs(p) < 1e-12) {
      if (q < 0) return null;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
  }
  return t0 > t1 ? null : [px + t0 * dx, py + t0 * dy, px + t1 * dx, py + t1 * dy];
}
