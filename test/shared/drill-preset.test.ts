import { describe, expect, it } from 'vitest';
import { DRILL_FAMILIES, DRILL_MAX_DIFFICULTY, DRILL_MIN_DIFFICULTY, explanationPrompt } from '../../shared/drill/explain';
import { DRILL_SETTINGS } from '../../shared/drill/preset';
import { RoomSettingsSchema } from '../../shared/protocol/schemas';
import { generateQuestion } from '../../shared/questions/index';
import { generatedSpec } from '../../server/rooms/questions';

describe('drill preset', () => {
  it('is valid settings whose topics are the drill families, each within the drill levels', () => {
    expect(RoomSettingsSchema.safeParse(DRILL_SETTINGS).success).toBe(true);
    const source = DRILL_SETTINGS.source;
    if (source.kind !== 'generated') throw new Error('the drill generates its questions');
    expect(source.families).toEqual([...DRILL_FAMILIES]);
    for (const f of source.families) {
      const d = source.difficulties?.[f] ?? source.difficulty;
      expect(d).toBeGreaterThanOrEqual(DRILL_MIN_DIFFICULTY);
      expect(d).toBeLessThanOrEqual(DRILL_MAX_DIFFICULTY);
    }
  });

  it('plays both levels in one game and follows every question with an explain-it prompt', () => {
    const levels = new Set<number>();
    for (let index = 0; index < DRILL_SETTINGS.questionCount; index++) {
      const spec = generatedSpec(DRILL_SETTINGS, 12345, index, 0);
      levels.add(spec.difficulty);
      const q = generateQuestion(spec.family, spec.difficulty, spec.seed);
      expect(explanationPrompt(q), `question ${index + 1} (${spec.family} ${spec.difficulty})`).toMatch(/^Explain /);
    }
    expect([...levels].sort()).toEqual([DRILL_MIN_DIFFICULTY, DRILL_MAX_DIFFICULTY]);
  });
});
