/**
 * The solo run's clock as data: it counts down only while a question is open and stands still while the
 * feedback (and worked solution) is read, so reading the explanation never costs time. Pure: the caller passes
 * the time, so tests drive it without waiting.
 */
export type SoloClock =
  | { running: true; endsAt: number }
  | { running: false; remainingMs: number };

export function startClock(durationMs: number, now: number): SoloClock {
  return { running: true, endsAt: now + durationMs };
}

export function remaining(c: SoloClock, now: number): number {
  return Math.max(0, c.running ? c.endsAt - now : c.remainingMs);
}

/** Stops the countdown, keeping what was left. Pausing a paused clock changes nothing. */
export function pauseClock(c: SoloClock, now: number): SoloClock {
  return c.running ? { running: false, remainingMs: remaining(c, now) } : c;
}

/** Restarts the countdown from what was left. Resuming a running clock changes nothing. */
export function resumeClock(c: SoloClock, now: number): SoloClock {
  return c.running ? c : { running: true, endsAt: now + c.remainingMs };
}
