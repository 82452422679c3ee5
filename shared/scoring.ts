/**
 * Points and streaks (docs/game-design.md#scoring). Pure, so the server, the solo mode and the tests all score
 * alike.
 *
 * - A right final answer: Kahoot's `round((1 - (t/T)/2) × 1000)` with speed scoring, a flat 1000 without.
 * - Layers mode, wrong or missing final: `LAYER_CREDIT_SHARE` of that amount, split evenly over the layers, for
 *   each right layer, so understanding most of a chain still counts (docs/game-design.md#answering-layer-by-layer),
 *   also when time ran out before the product was entered.
 * - Streak: each right answer in a row adds a level; the bonus is +100 per level after the first, at most +500.
 *   A wrong, partial, missing or late answer resets the streak.
 * - Late (after the deadline plus grace) or nothing answered at all (no layer, no final): 0.
 */
export const MAX_POINTS = 1000;
export const LAYER_CREDIT_SHARE = 0.5;
export const STREAK_STEP = 100;
export const STREAK_MAX_BONUS = 500;

export interface ScoreInput {
  /** Final answer right. */
  correct: boolean;
  /** Time from question open to the final answer, paused time excluded. */
  elapsedMs: number;
  durationMs: number;
  speedScoring: boolean;
  /** Nothing accepted in time: no layer and no final answer (the room refuses anything after the deadline plus grace). */
  late: boolean;
  /** Layers mode only: how many layers the question has and how many the player got right. */
  layers?: { total: number; correct: number };
  /** Streak before this question. */
  streakBefore: number;
}

export interface ScoreResult {
  /** Everything earned on this question: base (or partial) + streak bonus. */
  points: number;
  base: number;
  streakBonus: number;
  streak: number;
}

/** Kahoot's speed formula; `elapsedMs` is clamped to [0, duration] so a grace-period answer gets the minimum. */
export function speedPoints(elapsedMs: number, durationMs: number): number {
  if (!(durationMs > 0)) return MAX_POINTS;
  const t = Math.min(Math.max(elapsedMs, 0), durationMs);
  return Math.round((1 - t / durationMs / 2) * MAX_POINTS);
}

/** The streak bonus for a streak of `streak` right answers in a row. */
export function streakBonus(streak: number): number {
  return Math.min(Math.max(streak - 1, 0) * STREAK_STEP, STREAK_MAX_BONUS);
}

/** Scores one player's answer to one question. */
export function scoreAnswer(input: ScoreInput): ScoreResult {
  if (input.late) return { points: 0, base: 0, streakBonus: 0, streak: 0 };
  const full = input.speedScoring ? speedPoints(input.elapsedMs, input.durationMs) : MAX_POINTS;
  if (input.correct) {
    const streak = input.streakBefore + 1;
    const bonus = streakBonus(streak);
    return { points: full + bonus, base: full, streakBonus: bonus, streak };
  }
  const base = partialCredit(full, input.layers);
  return { points: base, base, streakBonus: 0, streak: 0 };
}

function partialCredit(full: number, layers: ScoreInput['layers']): number {
  if (!layers || layers.total <= 0) return 0;
  const right = Math.min(Math.max(layers.correct, 0), layers.total);
  return Math.round((full * LAYER_CREDIT_SHARE * right) / layers.total);
}
