/**
 * The queue between a finished game and the store, on a real SQLite store: games are saved in order and their
 * reports served from the queue until then; a store that keeps refusing for a reason other than the connection
 * (here: closed) is tried a few times, then the game is logged as lost instead of being retried forever.
 * A database outage that heals is in report-store-postgres.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hashSecret, type StoredGame } from '../../server/store/game-store';
import { SaveQueue } from '../../server/store/save-queue';
import { openSqlite, type EngineUnderTest } from './store-engines';

const opened: EngineUnderTest[] = [];
afterEach(async () => {
  for (const e of opened.splice(0)) await e.dispose();
});

const game = (code: string, player = 'Ada'): StoredGame => ({
  code, hostKeyHash: hashSecret('k'), mode: 'classroom', createdAt: 1, finishedAt: 2, settings: {},
  rows: [{ player, question: 1, questionId: 'q1', questionText: '', correctAnswer: '1', answer: '1', outcome: 'correct', correct: true, mistake: '', timeMs: 5, points: 10 }],
});

const within = (p: Promise<void>, ms: number): Promise<unknown> =>
  Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error(`not drained within ${ms} ms`)), ms))]);

describe('the save queue', () => {
  it('saves games in order and serves a waiting game to the holder of its secret', async () => {
    const e = await openSqlite();
    opened.push(e);
    const saves = new SaveQueue(e.store, { log: () => {} });
    saves.save(game('ORDER1', 'First'));
    saves.save(game('ORDER2', 'Second'));
    expect(saves.pending).toBe(2);
    expect(saves.findPending('ORDER2', 'k')?.map((r) => r.player)).toEqual(['Second']);
    expect(saves.findPending('ORDER2', 'nope')).toBeNull();
    await within(saves.drained(), 15_000);
    expect(saves.pending).toBe(0);
    expect(saves.findPending('ORDER2', 'k')).toBeNull();
    expect((await e.rows('games')).map((g) => g.code)).toEqual(['ORDER1', 'ORDER2']);
    expect(() => saves.check()).not.toThrow();
  });

  it('gives a game up, logged, after a few refusals that are not connection problems, and goes on', async () => {
    const e = await openSqlite();
    opened.push(e);
    const logged: string[] = [];
    const saves = new SaveQueue(e.store, { log: (m) => logged.push(m), firstDelayMs: 5, maxOtherTries: 3 });
    await e.store.close();
    saves.save(game('LOST01'));
    await within(saves.drained(), 15_000);
    expect(saves.pending).toBe(0);
    expect(logged.filter((m) => m.startsWith('saving game LOST01 failed; retrying'))).toHaveLength(2);
    expect(logged.at(-1)).toBe('saving game LOST01 failed for good');
  });
});
