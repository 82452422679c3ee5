/**
 * The interview drill preset: a party room of hard backprop, Jacobian and activation questions with time to
 * think, no speed bonus (an explanation is worth more than a fast tap), and the board every other question.
 * The settings schema has one difficulty per game, so the drill plays at 4; explain-it prompts (explain.ts)
 * follow every reveal from level 4.
 */
import { DEFAULT_SETTINGS, type RoomSettings } from '../protocol';
import { DRILL_FAMILIES, DRILL_MIN_DIFFICULTY } from './explain';

export const DRILL_SETTINGS: RoomSettings = {
  ...DEFAULT_SETTINGS,
  source: { kind: 'generated', families: [...DRILL_FAMILIES], difficulty: DRILL_MIN_DIFFICULTY },
  questionCount: 6,
  secondsPerQuestion: 180,
  entryMode: 'final',
  speedScoring: false,
  leaderboardEvery: 2,
};
