/**
 * Extra time on the client (docs/accessibility.md#extra-time): a student's own clock from the class's and the
 * extra milliseconds the server gave them, the words for an accommodation, and the host's choices.
 */
import type { ExtraTime, TimerView } from '../../../shared/protocol';

/** The class's clock moved on by `extraMs`: what this student's phone counts down. */
export function ownTimer(t: TimerView, extraMs = 0): TimerView {
  if (extraMs <= 0) return t;
  return t.running
    ? { ...t, deadline: t.deadline + extraMs, remainingMs: t.remainingMs + extraMs, durationMs: t.durationMs + extraMs }
    : { ...t, remainingMs: t.remainingMs + extraMs, durationMs: t.durationMs + extraMs };
}

/** "×2", "×1.5 + 30 s", "+60 s"; '' for none. */
export function extraLabel(e: ExtraTime | undefined): string {
  if (!e) return '';
  const parts = [e.factor !== 1 ? `×${e.factor}` : '', e.plusSeconds > 0 ? `+${e.plusSeconds} s` : ''].filter(Boolean);
  return parts.join(' ');
}

/** What the host may pick for a student, in the order offered. */
export const EXTRA_CHOICES: ReadonlyArray<{ label: string; extra: ExtraTime }> = [
  { label: 'Standard time', extra: { factor: 1, plusSeconds: 0 } },
  { label: '×1.5 time', extra: { factor: 1.5, plusSeconds: 0 } },
  { label: '×2 time', extra: { factor: 2, plusSeconds: 0 } },
  { label: '+15 s', extra: { factor: 1, plusSeconds: 15 } },
  { label: '+30 s', extra: { factor: 1, plusSeconds: 30 } },
  { label: '+60 s', extra: { factor: 1, plusSeconds: 60 } },
  { label: '+120 s', extra: { factor: 1, plusSeconds: 120 } },
];

/** The choice index that matches `e` (0, standard, when none matches or there is none). */
export function choiceOf(e: ExtraTime | undefined): number {
  const i = EXTRA_CHOICES.findIndex((c) => c.extra.factor === (e?.factor ?? 1) && c.extra.plusSeconds === (e?.plusSeconds ?? 0));
  return Math.max(0, i);
}
