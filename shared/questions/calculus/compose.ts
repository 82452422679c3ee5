import type { Rng } from '../rng';
import { SAMPLE_VALUES } from './expr-task';
import { compileExpr } from './numeric';
import { parseExpr } from './parse';

/** Puts `inner` in place of every standalone `u` of a template: `sin(u)` ∘ `x^2` → `sin((x^2))`. */
export function plug(template: string, inner: string): string {
  return template.replace(/\bu\b/g, `(${inner})`);
}

/** Templates composed outermost first around the innermost expression in x. */
export function composeAll(templates: readonly string[], innermost: string): string {
  let out = innermost;
  for (let i = templates.length - 1; i >= 0; i--) out = plug(templates[i] as string, out);
  return out;
}

/** A small non-zero integer coefficient in [lo, hi], negative with probability `pNeg`. */
export function coef(rng: Rng, lo: number, hi: number, pNeg = 0): number {
  const v = rng.int(lo, hi);
  return rng.bool(pNeg) ? -v : v;
}

/** `a*x^n + b` style polynomial pieces in x, printed so the parser reads them back as written. */
export function poly(rng: Rng, level: number, x = 'x', sumOnly = false): string {
  const a = coef(rng, 2, 5);
  const b = coef(rng, 1, 5, 0.3);
  const n = rng.int(2, 3);
  const sign = b < 0 ? '-' : '+';
  const kind = level <= 1 ? rng.int(0, 1) : rng.int(0, 3);
  // A bare monomial inside a power, (5*x^2)^4, is not a chain-rule question: use a sum instead.
  switch (sumOnly && kind === 1 ? 0 : kind) {
    case 0:
      return `${a}*${x} ${sign} ${Math.abs(b)}`;
    case 1:
      return `${a}*${x}^${n}`;
    case 2:
      return `${x}^${n} ${sign} ${Math.abs(b)}`;
    default:
      return `${a}*${x}^2 ${sign} ${Math.abs(b) === 1 ? '' : `${Math.abs(b)}*`}${x}`;
  }
}

/**
 * Like drawExpr for a z with substitutions: accepts a draw when z with every substitution made is real,
 * finite and moderate at most sample points of the parameters, and really changes with `wrt` (the first
 * parameter unless given): sqrt(x^2 + y^2) with x = cos(t), y = sin(t) is 1, and its derivative a trivial 0.
 */
export function drawSubs(
  rng: Rng,
  draw: (rng: Rng) => { expr: string; subs: Record<string, string> },
  params: readonly string[],
  fallback: { expr: string; subs: Record<string, string> },
  wrt: string = params[0] ?? 't',
): { expr: string; subs: Record<string, string> } {
  for (let i = 0; i < 40; i++) {
    const t = draw(rng);
    let full = t.expr;
    for (const [k, v] of Object.entries(t.subs)) full = full.replace(new RegExp(`\\b${k}\\b`, 'g'), `(${v})`);
    const f = compileExpr(parseExpr(full));
    if (acceptableIn(f, params) && variesWith(f, params, wrt)) return t;
  }
  return fallback;
}

/** True when f changes as `wrt` runs over the sample values with the other parameters held fixed. */
function variesWith(f: (scope: Record<string, number>) => number, params: readonly string[], wrt: string): boolean {
  const ys = SAMPLE_VALUES.map((v) => {
    const scope: Record<string, number> = {};
    params.forEach((p, k) => {
      scope[p] = p === wrt ? v : (SAMPLE_VALUES[(k + 1) % SAMPLE_VALUES.length] as number);
    });
    return f(scope);
  }).filter(Number.isFinite);
  if (ys.length < 2) return false;
  const scale = Math.max(1, ...ys.map(Math.abs));
  return Math.max(...ys) - Math.min(...ys) > 1e-6 * scale;
}

function acceptableIn(f: (scope: Record<string, number>) => number, params: readonly string[]): boolean {
  let good = 0;
  SAMPLE_VALUES.forEach((v, i) => {
    const scope: Record<string, number> = {};
    params.forEach((p, k) => {
      scope[p] = k === 0 ? v : (SAMPLE_VALUES[(i + 5 * k) % SAMPLE_VALUES.length] as number);
    });
    const y = f(scope);
    if (Number.isFinite(y) && Math.abs(y) < 1e6) good++;
  });
  return good >= 7;
}
