/**
 * The rules of a solo run, kept pure so they can be tested without a browser: the difficulty follows the player
 * (up after two right in a row, down after a wrong one), points grow with difficulty and streak, and the
 * personal best is kept per topic set and duration.
 */
import type { Difficulty, Family } from '../../../../shared/questions/types';

export interface SoloConfig {
  families: Family[];
  difficulty: Difficulty;
  durationMs: number;
}

export interface SoloState {
  difficulty: Difficulty;
  /** Right answers in a row at the current difficulty (resets when the difficulty changes). */
  rightInRow: number;
  streak: number;
  score: number;
  answered: number;
  correct: number;
}

/** The state at the start of a run. */
export function startRun(config: SoloConfig): SoloState {
  return { difficulty: config.difficulty, rightInRow: 0, streak: 0, score: 0, answered: 0, correct: 0 };
}

/** Points for a right answer: 100 per difficulty level plus 20 per streak level (capped at +100). */
export function pointsFor(difficulty: Difficulty, streak: number): number {
  return difficulty * 100 + Math.min(streak, 5) * 20;
}

/** The state after one answer. Pure. */
export function recordAnswer(s: SoloState, correct: boolean): SoloState {
  if (!correct) {
    return {
      ...s, answered: s.answered + 1, streak: 0, rightInRow: 0,
      difficulty: Math.max(1, s.difficulty - 1) as Difficulty,
    };
  }
  const score = s.score + pointsFor(s.difficulty, s.streak);
  const rightInRow = s.rightInRow + 1;
  const up = rightInRow >= 2 && s.difficulty < 5;
  return {
    ...s, score, answered: s.answered + 1, correct: s.correct + 1, streak: s.streak + 1,
    difficulty: (up ? s.difficulty + 1 : s.difficulty) as Difficulty,
    rightInRow: up ? 0 : rightInRow,
  };
}

/** The key a personal best is stored under: the same topics and duration compete with each other. */
export function bestKey(config: Pick<SoloConfig, 'families' | 'durationMs'>): string {
  return `arena.best.${[...config.families].sort().join('+')}.${Math.round(config.durationMs / 1000)}s`;
}

/** Reads a personal best; 0 when none or unreadable. */
export function readBest(storage: Pick<Storage, 'getItem'>, key: string): number {
  try {
    const n = Number(storage.getItem(key));
    return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
  } catch {
    return 0;
  }
}

/** Stores `score` if it beats the best; returns true when it is a new best. */
export function saveBest(storage: Pick<Storage, 'getItem' | 'setItem'>, key: string, score: number): boolean {
  if (score <= readBest(storage, key)) return false;
  try {
    storage.setItem(key, String(score));
  } catch {
    return true;
  }
  return true;
}
