/** Number and time formatting shared by the screens. */

/** Rounds to `sig` significant figures for display, as numeric answers are judged (3 s.f. by default). */
export function sigFig(value: number, sig = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return String(Number(value.toPrecision(sig)));
}

/** Seconds left as "m:ss" (or "s" under a minute). Never negative. */
export function formatSeconds(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return String(s);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A value answer (number, vector, matrix) as text with 3 significant figures. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') return sigFig(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  return String(value);
}
