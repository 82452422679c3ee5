import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../../shared/check/index';
import { publicSlotRules, readSlot, slotRules, unreadablePart, varsFor } from '../../../shared/check/readable';
import { FAMILIES, generateQuestion, toPublicQuestion, type Question } from '../../../shared/questions/index';
import { chainQuestion } from './fixtures';

const TEXTS = ['2x cos(x^2', '2xcos(x^2)', '2x cos(x^2)', 'x y', '0', '-0.0497', '1/4', 'sqrt(2)/2', 'u', 't', 'x +', '', '  ', 'pi', 'e^x', 'sin(x)^2', '[1, 2]', 'a b'];

function finals(q: Question): unknown[] {
  const shape = toPublicQuestion(q).shape;
  if (!shape) return TEXTS;
  const [rows = 1, cols = 1] = shape.length === 1 ? [shape[0], 1] : shape;
  // Every cell the same text, and one cell changed: the unreadable cell must be named either way.
  return TEXTS.flatMap((t): unknown[] => {
    const grid = Array.from({ length: rows }, () => Array.from({ length: cols }, () => '0'));
    const one = grid.map((r) => r.slice());
    (one[rows - 1] as string[])[cols - 1] = t;
    const all = grid.map((r) => r.map(() => t));
    return shape.length === 1 ? [one.map((r) => r[0]), all.map((r) => r[0])] : [one, all];
  });
}

describe('readability agrees with the checker', () => {
  // The phone and the server decide with readable.ts; the checker decides the verdict. If they disagreed, a
  // readable answer could come back "Could not read that" (a lost question) or a fine answer could be blocked.
  for (const family of FAMILIES) {
    it(`${family}: readable exactly when the checker gives a verdict without an error`, () => {
      for (const seed of [3, 17, 101]) {
        const q = generateQuestion(family, 2, seed);
        const rules = slotRules(q);
        const pub = publicSlotRules(toPublicQuestion(q));
        expect(pub.kind).toBe(rules.kind);
        expect(pub.finalVars).toEqual(rules.finalVars);
        for (const answer of finals(q)) {
          const bad = unreadablePart(rules, { final: answer as string });
          const verdict = checkAnswer(q, answer as string);
          expect({ answer, readable: bad === null }).toEqual({ answer, readable: verdict.error === undefined });
        }
      }
    });
  }
});

describe('slots', () => {
  it('allows a layer its own u and the question variable, and names the part that cannot be read', () => {
    const rules = slotRules(chainQuestion());
    expect(varsFor(rules, { kind: 'layer', index: 0 })).toEqual(['x', 'u']);
    expect(readSlot(rules, { kind: 'layer', index: 0 }, 'cos(u)')).toEqual({ ok: true });
    expect(readSlot(rules, { kind: 'final' }, 'cos(u)').ok).toBe(false);
    // Layers are numbered as the diagram reads, innermost first: wire layer 1 (u^2 of x) is Box 1, sin is Box 2.
    expect(unreadablePart(rules, { layers: [{ layer: 1, input: '2(x' }], final: '2x cos(x^2)' })).toBe('Box 1: Unbalanced parentheses.');
    expect(unreadablePart(rules, { layers: [{ layer: 0, input: 'cos(' }] })).toBe('Box 2: Unbalanced parentheses.');
    expect(unreadablePart(rules, { final: '2x cos(x^2' })).toBe('Unbalanced parentheses.');
    expect(unreadablePart(rules, { final: '2x cos(x^2)' })).toBeNull();
    expect(readSlot(rules, { kind: 'final' }, ' ')).toEqual({ ok: false, error: 'Type your answer first.', empty: true });
  });

  it('reads number boxes as numbers only, minus signs of every kind included', () => {
    const q = generateQuestion('backprop', 2, 5);
    const rules = publicSlotRules(toPublicQuestion(q));
    for (const t of ['-0.0497', '−0.0497', '3.00e-4', '1/4']) expect(readSlot(rules, { kind: 'number' }, t)).toEqual({ ok: true });
    expect(readSlot(rules, { kind: 'number' }, 'x').ok).toBe(false);
  });

  it('refuses hostile shapes with a reason instead of throwing', () => {
    const rules = slotRules(chainQuestion());
    expect(unreadablePart(rules, { final: ['x'] })).toMatch(/one expression/);
    expect(readSlot(rules, { kind: 'final' }, { toString: () => 'x' })).toEqual({ ok: false, error: 'The answer must be text.' });
    expect(unreadablePart(rules, { final: 'x'.repeat(5000) })).toMatch(/too long/);
  });
});
