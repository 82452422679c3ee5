import { describe, expect, it } from 'vitest';
import { displayOrder, layerFunction, layerHeading, layerName, layerNumber, layerTitle } from '../../shared/questions/layer-label';
import { generateQuestion } from '../../shared/questions';

describe('layer labels', () => {
  it('numbers layers innermost first, as the diagram reads from the variable to y', () => {
    // sin(cos(x^2)): wire layers outermost first [sin, cos, u^2].
    expect([0, 1, 2].map((i) => layerNumber(i, 3))).toEqual([3, 2, 1]);
    expect(displayOrder(3)).toEqual([2, 1, 0]);
    expect(displayOrder(0)).toEqual([]);
    expect([0, 1, 2].map((i) => layerHeading(i, 3))).toEqual(['Box 3 (outer)', 'Box 2 (middle)', 'Box 1 (inner)']);
    expect(layerName(1, 2)).toBe('Box 1');
    expect(layerHeading(0, 1)).toBe('Box 1');
  });

  it('writes the innermost layer in the variable it takes, the others in u', () => {
    expect(layerFunction({ fn: '2 * u ^ 2', inner: 'x' }, 'x')).toBe('2 * x ^ 2');
    expect(layerFunction({ fn: 'sin(u)', inner: '2 * x ^ 2' }, 'x')).toBe('sin(u)');
    expect(layerFunction({ fn: 'exp(u)', inner: 't' }, 't')).toBe('exp(t)');
    expect(layerTitle({ fn: '2 * u ^ 2', inner: 'x' }, 1, 2, 'x')).toBe('Box 1 (inner, 2 * x ^ 2)');
  });

  it('gives every generated chain question one innermost box that takes the variable', () => {
    for (const family of ['chain', 'nested'] as const) {
      for (let seed = 1; seed <= 20; seed++) {
        const q = generateQuestion(family, 4, seed);
        const layers = q.layers ?? [];
        if (layers.length < 2) continue;
        const v = (q.task as { var?: string }).var ?? 'x';
        const inner = layers[displayOrder(layers.length)[0] ?? 0];
        expect(inner?.inner.trim(), `${family} ${seed}`).toBe(v);
        expect(layerFunction(inner!, v), `${family} ${seed}`).not.toMatch(/\bu\b/);
      }
    }
  });
});
