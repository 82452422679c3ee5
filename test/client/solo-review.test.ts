import { describe, expect, it } from 'vitest';
import { generateQuestion } from '../../shared/questions/index';
import { FAMILIES } from '../../shared/questions/types';
import { missedStep } from '../../client/src/screens/solo/missed-step';
import { pauseClock, remaining, resumeClock, startClock } from '../../client/src/screens/solo/solo-clock';
import {
  beginSession, dueItems, emptyQueue, exportQueue, LAST_BOX, loadQueue, parseQueue, recordMiss, recordReviewRight, REVIEW_KEY,
  reviewKey, saveQueue, type Miss,
} from '../../client/src/screens/solo/review-queue';

const miss = (over: Partial<Miss> = {}): Miss => ({ family: 'chain', mistake: 'forgot-inner-derivative', difficulty: 2, prompt: 'Find dy/dx', ...over });

describe('solo clock', () => {
  it('stands still while paused and goes on from where it stopped when resumed', () => {
    let c = startClock(60_000, 1_000);
    expect(remaining(c, 11_000)).toBe(50_000);
    c = pauseClock(c, 11_000);
    expect(remaining(c, 500_000)).toBe(50_000);
    expect(pauseClock(c, 900_000)).toEqual(c);
    c = resumeClock(c, 500_000);
    expect(remaining(c, 520_000)).toBe(30_000);
    expect(resumeClock(c, 600_000)).toEqual(c);
    expect(remaining(c, 10_000_000)).toBe(0);
  });
});

describe('review queue', () => {
  it('brings a miss back in the next session, not in the one it was missed in', () => {
    let q = beginSession(emptyQueue());
    q = recordMiss(q, miss(), 1);
    expect(dueItems(q)).toEqual([]);
    q = beginSession(q);
    expect(dueItems(q).map((i) => i.key)).toEqual(['chain:forgot-inner-derivative']);
  });

  it('waits 2, 4, 8 sessions after right reviews and retires the item after the last box', () => {
    let q = recordMiss(beginSession(emptyQueue()), miss(), 1);
    const key = reviewKey('chain', 'forgot-inner-derivative');
    const gaps: number[] = [];
    for (let box = 0; box <= LAST_BOX; box++) {
      // Advance to the session where it is due, then answer it right.
      let waited = 0;
      while (dueItems(q).length === 0) {
        q = beginSession(q);
        waited++;
      }
      gaps.push(waited);
      q = recordReviewRight(q, key);
    }
    expect(gaps).toEqual([1, 2, 4, 8]);
    expect(q.items).toEqual([]);
  });

  it('sends a missed review back to box 0 and counts the misses', () => {
    let q = recordMiss(beginSession(emptyQueue()), miss(), 1);
    q = recordReviewRight(beginSession(q), 'chain:forgot-inner-derivative');
    expect(q.items[0]?.box).toBe(1);
    q = recordMiss(q, miss(), 2);
    expect(q.items[0]).toMatchObject({ box: 0, due: q.session + 1, misses: 2 });
  });

  it('keeps families and mistakes apart, and limits reviews per run', () => {
    let q = beginSession(emptyQueue());
    q = recordMiss(q, miss(), 1);
    q = recordMiss(q, miss({ mistake: null }), 2);
    q = recordMiss(q, miss({ family: 'jacobian', mistake: 'wrong-order' }), 3);
    q = recordMiss(q, miss({ family: 'implicit', mistake: 'reciprocal' }), 4);
    q = beginSession(q);
    expect(q.items).toHaveLength(4);
    expect(dueItems(q)).toHaveLength(3);
    expect(new Set(q.items.map((i) => i.key)).size).toBe(4);
  });

  it('round-trips through storage and export, and drops hostile or broken stored text', () => {
    const m = new Map<string, string>();
    const storage = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
    const q = recordMiss(beginSession(emptyQueue()), miss({ prompt: 'x'.repeat(5000) }), 7);
    saveQueue(storage, q);
    expect(loadQueue(storage)).toEqual(q);
    expect(q.items[0]?.prompt.length).toBe(300);
    expect(parseQueue(exportQueue(q))).toEqual(q);
    for (const bad of ['{', 'null', '[]', '"x"', JSON.stringify({ session: -1, items: 'no' })]) {
      expect(parseQueue(bad)).toEqual(emptyQueue());
    }
    const mixed = JSON.stringify({
      session: 4,
      items: [q.items[0], { ...q.items[0], family: '__proto__' }, { ...q.items[0], mistake: 'made-up' }, { ...q.items[0], box: 99 }, 5],
    });
    expect(parseQueue(mixed).items).toHaveLength(1);
    m.set(REVIEW_KEY, '<script>');
    expect(loadQueue(storage)).toEqual(emptyQueue());
  });
});

describe('missed step', () => {
  it('points a forgotten inner derivative at the innermost layer step', () => {
    const q = generateQuestion('nested', 3, 42);
    const step = missedStep(q.steps, 'forgot-inner-derivative');
    const innermost = (q.layers?.length ?? 0) - 1;
    expect(innermost).toBeGreaterThan(0);
    expect(step?.layer).toBe(innermost);
    expect(step?.text).toContain(q.layers?.[innermost]?.fn.replace(/u/g, 'x') ?? '?');
  });

  it('points wrong-order at the multiplication of the Jacobians and missing-path at the sum', () => {
    expect(missedStep(generateQuestion('jacobian', 3, 42).steps, 'wrong-order')?.text).toMatch(/^Multiply, outer first/);
    expect(missedStep(generateQuestion('multivariable', 3, 42).steps, 'missing-path')?.text).toMatch(/^Add the/);
  });

  it('falls back to the combining step, never the tidy-up, for every family and unknown mistakes', () => {
    for (const f of FAMILIES) {
      const q = generateQuestion(f, 3, 7);
      const step = missedStep(q.steps, null);
      expect(step, f).not.toBeNull();
      expect(step?.text, f).not.toMatch(/^Tidy up/);
    }
    expect(missedStep([], 'sign-error')).toBeNull();
  });
});
