/**
 * How long a question stays open by default: one table by family and difficulty
 * (docs/game-design.md#a-games-settings). Typing a backprop grid or a Jacobian on a phone keypad takes far longer than `2x cos(x^2)`, so one
 * default for every family either rushes the hard ones or drags the easy ones. The setup page shows these times
 * (editable per topic); the server uses them for any question whose time the host did not set.
 */
import type { Difficulty, Family } from '../questions/types';

export const MIN_SECONDS = 5;
export const MAX_SECONDS = 600;

/** Seconds at difficulty 1…5. Measured against typing the expected answer on the phone keypad, with thinking time. */
export const DEFAULT_SECONDS: Readonly<Record<Family, readonly [number, number, number, number, number]>> = {
  chain: [30, 40, 50, 60, 75],
  nested: [45, 60, 75, 90, 120],
  'higher-order': [45, 60, 75, 90, 120],
  activation: [40, 50, 60, 75, 90],
  multivariable: [45, 60, 75, 90, 120],
  partial: [45, 60, 75, 90, 120],
  jacobian: [60, 90, 120, 150, 180],
  implicit: [45, 60, 75, 90, 120],
  implicit2: [60, 75, 90, 120, 150],
  backprop: [60, 90, 120, 150, 180],
  'gradient-flow': [60, 75, 90, 120, 150],
};

/** The level a teacher's own task is solved and timed at when its line gives none. */
export const TASK_DIFFICULTY: Difficulty = 3;

/** The table's time for one family at one difficulty. */
export function defaultSeconds(family: Family, difficulty: Difficulty): number {
  return DEFAULT_SECONDS[family][difficulty - 1] ?? 60;
}

/** What the settings say about time: a time per topic, one time for all, or nothing (the table decides). */
export interface TimeSettings {
  secondsPerQuestion?: number | undefined;
  secondsByFamily?: Partial<Record<Family, number>> | undefined;
}

/**
 * The seconds a question of `family` at `difficulty` is open for: the host's time for that topic, else the
 * host's one time for every question, else the table.
 */
export function questionSeconds(settings: TimeSettings, family: Family, difficulty: Difficulty): number {
  return settings.secondsByFamily?.[family] ?? settings.secondsPerQuestion ?? defaultSeconds(family, difficulty);
}
