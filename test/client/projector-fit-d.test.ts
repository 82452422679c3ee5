/**
 * The projector fits and teaches on one screen, with the largest questions the generators make: share 4 of 4
 * of the walk (test/support/largest-questions.json), played as the teacher's own questions at three sizes,
 * question to podium (see projector-walk.ts). The four files run side by side. Then a game with a variant per
 * player: the reveal shows the family's general solution (no one student's numbers are the class's answer), the
 * results say "their variant", and every worked step is labelled as one student's example.
 */
import { describe, it } from 'vitest';
import { launchBrowser } from './browser';
import { startArena } from './arena-server';
import { walkFile, walkVariantGame } from './projector-walk';
import { roomSeedFor, walkQuestions } from '../support/walk-questions';

walkFile({ launchBrowser, startArena }, 3, 4, (env) => {
  describe('projector, variant game', () => {
    it('reveals the general solution and labels the working as one student\'s variant', async () => {
      // The largest nested question a room seed can give as its first question (not every generator seed can be).
      const w = walkQuestions((e) => e.family === 'nested' && e.difficulty === 5).find((q) => roomSeedFor(q) !== null);
      if (!w) throw new Error('no room seed gives any of the walk\'s nested questions');
      await walkVariantGame(env().browser, env().arena, w, roomSeedFor(w)!, 'variant', { sizes: [{ width: 1920, height: 1080 }] });
    }, 300_000);
  });
});
