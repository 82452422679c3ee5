import { describe, expect, it } from 'vitest';
import { explanationPrompt } from '../../shared/drill/explain';
import { generateQuestion } from '../../shared/questions/index';
import { FAMILIES } from '../../shared/questions/types';

describe('drill explanation prompts', () => {
  it('asks why an activation derivative appears twice when the activation is nested', () => {
    const q = { family: 'activation' as const, difficulty: 5 as const, task: { expr: 'softplus(softplus(x^3 + 2))', var: 'x' } };
    expect(explanationPrompt(q)).toMatch(/softplus′ appears twice/);
    expect(explanationPrompt({ ...q, task: { expr: 'sigmoid(sigmoid(sigmoid(x)))', var: 'x' } })).toMatch(/σ′ appears 3 times/);
  });

  it('names the shapes of the Jacobians and the softmax/cross-entropy shortcut', () => {
    expect(explanationPrompt(generateQuestion('jacobian', 4, 9))).toMatch(/2×2 and 2×3/);
    expect(explanationPrompt(generateQuestion('backprop', 4, 9))).toMatch(/a − y/);
  });

  it('gives every drill question a prompt at difficulty 4–5 and no prompt below or for other families', () => {
    for (const f of FAMILIES) {
      for (const d of [3, 4, 5] as const) {
        for (const seed of [1, 2, 3]) {
          const p = explanationPrompt(generateQuestion(f, d, seed));
          const drill = ['backprop', 'jacobian', 'activation'].includes(f) && d >= 4;
          expect(p === null, `${f} ${d} ${seed}`).toBe(!drill);
          if (p) expect(p).toMatch(/^Explain /);
        }
      }
    }
  });
});
