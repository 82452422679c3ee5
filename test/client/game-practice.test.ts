import { describe, expect, it } from 'vitest';
import { beginSession, dueItems, emptyQueue, parseQueue, recordMiss, seedFromGame, type GameMiss } from '../../client/src/screens/solo/review-queue';

const item = (index: number, over: Partial<GameMiss> = {}): GameMiss => ({
  index, outcome: 'wrong', family: 'chain', difficulty: 2, mistake: 'forgot-inner-derivative', prompt: { text: `Question ${index + 1}` }, ...over,
});

describe('practise what you missed: the solo queue seeded from a game', () => {
  it('puts the game\'s wrong answers first, the mistake made most often first, before anything already queued', () => {
    let old = recordMiss(beginSession(emptyQueue()), { family: 'jacobian', mistake: 'wrong-order', difficulty: 4, prompt: 'J' }, 5);
    old = beginSession(beginSession(old));
    const review = [
      item(0, { family: 'nested', mistake: 'missing-layer-factor' }),
      item(1),
      item(2, { outcome: 'correct' }),
      item(3),
      item(4, { outcome: 'no answer', mistake: null }),
      { index: 5, outcome: 'wrong', mistake: 'sign-error', prompt: { text: 'no family' } } satisfies GameMiss,
    ];
    const { queue, keys } = seedFromGame(old, review, 1_000_000);
    expect(keys).toEqual(['chain:forgot-inner-derivative', 'nested:missing-layer-factor']);
    // The next run (a new session) opens with them, in that order, then what was queued before.
    const run = beginSession(parseQueue(JSON.stringify(queue)));
    expect(dueItems(run, 5).map((i) => i.key)).toEqual(['chain:forgot-inner-derivative', 'nested:missing-layer-factor', 'jacobian:wrong-order']);
    expect(queue.items.find((i) => i.key === keys[0])).toMatchObject({ misses: 2, box: 0, difficulty: 2, prompt: 'Question 2' });
  });

  it('changes nothing for a game without a wrong answer', () => {
    const q = beginSession(emptyQueue());
    expect(seedFromGame(q, [item(0, { outcome: 'correct' })], 1)).toEqual({ queue: q, keys: [] });
  });
});
