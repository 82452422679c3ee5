import { describe, expect, it } from 'vitest';
import { LruCache, hashString } from '../../../shared/check/cache';

describe('LruCache', () => {
  it('evicts the least recently used entry when full', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    c.get('a');
    c.set('c', 3);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    expect(c.get('c')).toBe(3);
  });

  it('creates a value only once when asked twice', () => {
    const c = new LruCache<string, number>(4);
    let calls = 0;
    const make = (): number => ++calls;
    expect(c.getOrCreate('k', make)).toBe(1);
    expect(c.getOrCreate('k', make)).toBe(1);
    expect(calls).toBe(1);
  });
});

describe('hashString', () => {
  it('gives the same seed for the same text and different seeds for different text', () => {
    expect(hashString('x^2')).toBe(hashString('x^2'));
    expect(hashString('x^2')).not.toBe(hashString('x^3'));
  });
});
