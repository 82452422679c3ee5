/** Generated names (shared/names/generated-names.ts): stable per (seed, seat), never shared within a room. */
import { describe, expect, it } from 'vitest';
import { generatedName } from '../../shared/names/generated-names';

describe('generated names', () => {
  it('names a seat the same way every time, and differently in another room', () => {
    expect(generatedName(42, 3)).toBe(generatedName(42, 3));
    expect(generatedName(42, 3)).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    const a = Array.from({ length: 20 }, (_, i) => generatedName(1, i));
    const b = Array.from({ length: 20 }, (_, i) => generatedName(2, i));
    expect(a).not.toEqual(b);
  });

  it('gives every seat of a full room its own name', () => {
    const seed = 987654;
    const names = Array.from({ length: 5000 }, (_, i) => generatedName(seed, i));
    expect(new Set(names).size).toBe(names.length);
    // Neighbouring seats differ in both words, so a class does not read as "Curious Otter, Curious Owl, …".
    for (let i = 1; i < 50; i++) {
      const [a1, b1] = names[i - 1]!.split(' ');
      const [a2, b2] = names[i]!.split(' ');
      expect(a1 === a2 || b1 === b2, `${names[i - 1]} / ${names[i]}`).toBe(false);
    }
  });
});
