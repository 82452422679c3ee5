/**
 * The interview drill preset: a party room of hard backprop, Jacobian and activation questions with time to
 * think, no speed bonus (an explanation is worth more than a fast tap), and the board every other question.
 * Levels mix 4 and 5 through the settings' per-topic difficulties (the one way settings carry more than one
 * level): the deep networks and the activation compositions at 5, the Jacobians at 4 (at 5 they become symbolic
 * 3×2 matrices, a typing test more than a chain-rule test). Families take turns, so a game alternates levels.
 * Explain-it prompts (explain.ts) follow every reveal from DRILL_MIN_DIFFICULTY.
 */
import { DEFAULT_SETTINGS, type RoomSettings } from '../protocol';
import type { Difficulty } from '../questions/types';
import { DRILL_FAMILIES, DRILL_MAX_DIFFICULTY, DRILL_MIN_DIFFICULTY } from './explain';

type DrillFamily = (typeof DRILL_FAMILIES)[number];

/** Each drill topic's level, within [DRILL_MIN_DIFFICULTY, DRILL_MAX_DIFFICULTY]. */
export const DRILL_DIFFICULTIES: Readonly<Record<DrillFamily, Difficulty>> = {
  backprop: DRILL_MAX_DIFFICULTY,
  jacobian: DRILL_MIN_DIFFICULTY,
  activation: DRILL_MAX_DIFFICULTY,
};

export const DRILL_SETTINGS: RoomSettings = {
  ...DEFAULT_SETTINGS,
  source: { kind: 'generated', families: [...DRILL_FAMILIES], difficulty: DRILL_MIN_DIFFICULTY, difficulties: { ...DRILL_DIFFICULTIES } },
  questionCount: 6,
  secondsPerQuestion: 180,
  entryMode: 'final',
  speedScoring: false,
  leaderboardEvery: 2,
};
