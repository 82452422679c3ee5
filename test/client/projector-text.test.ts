import { describe, expect, it } from 'vitest';
import { unifyNames } from '../../client/src/views/names';
import { answerLatex, numberLatex } from '../../client/src/screens/answer-latex';
import { generateQuestion } from '../../shared/questions/index';

describe('unifyNames', () => {
  it('writes inverse trig as arcsin and the natural log as ln, leaving log bases alone', () => {
    expect(unifyNames('\\sin^{-1}\\left(x\\right)+\\cos^{-1} x')).toBe('\\arcsin\\left(x\\right)+\\arccos x');
    expect(unifyNames('\\log\\left(u\\right)')).toBe('\\ln\\left(u\\right)');
    expect(unifyNames('\\log_{10} x')).toBe('\\log_{10} x');
  });
});

describe('answerLatex', () => {
  it('shows a Jacobian of numbers as a bracketed matrix at 3 significant figures', () => {
    const tex = answerLatex({ matrix: [[42.851064694144014, 8.18788283280173], [-1.4322146932035598, 5.6e-7]] }, () => null);
    expect(tex).toBe('\\begin{bmatrix} 42.9 & 8.19 \\\\ -1.43 & 5.6\\times 10^{-7} \\end{bmatrix}');
  });

  it('typesets expression entries instead of showing programming text', () => {
    expect(answerLatex({ matrix: [['2*x + 1', 'exp(x)']] }, () => null)).toBe('\\begin{bmatrix} 2x+1 & e^{x} \\end{bmatrix}');
    expect(numberLatex(-1.5)).toBe('-1.5');
  });
});

describe('worked steps', () => {
  it('number chain boxes from the innermost, as the diagram reads, and light each one', () => {
    const q = generateQuestion('nested', 5, 7);
    const layerSteps = q.steps.filter((s) => s.layer !== undefined);
    expect(layerSteps.map((s) => s.layer)).toEqual([...(q.layers ?? []).keys()].reverse());
    expect(layerSteps[0]?.prose).toMatch(/^Box 1 takes/);
    for (const s of q.steps) expect(s.prose ?? '').not.toMatch(/\*|\b(asin|acos|atan|sigmoid)\(/);
  });
});
