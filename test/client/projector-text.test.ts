import { describe, expect, it } from 'vitest';
import { unifyNames } from '../../client/src/views/names';
import { answerLatex, numberLatex } from '../../client/src/screens/answer-latex';
import { generateQuestion } from '../../shared/questions/index';
import { boxFunction } from '../../shared/questions/calculus/box-function';
import { breakableTex } from '../../shared/questions/calculus/break-tex';
import { parseExpr } from '../../shared/questions/calculus/parse';
import { exprToTex } from '../../shared/math/latex';

describe('unifyNames', () => {
  it('writes inverse trig as arcsin and the natural log as ln, leaving log bases alone', () => {
    expect(unifyNames('\\sin^{-1}\\left(x\\right)+\\cos^{-1} x')).toBe('\\arcsin\\left(x\\right)+\\arccos x');
    expect(unifyNames('\\log\\left(u\\right)')).toBe('\\ln\\left(u\\right)');
    expect(unifyNames('\\log_{10} x')).toBe('\\log_{10} x');
  });
});

describe('answerLatex', () => {
  it('shows a Jacobian of numbers as a bracketed matrix at 3 significant figures', () => {
    const tex = answerLatex({ matrix: [[42.851064694144014, 8.18788283280173], [-1.4322146932035598, 5.6e-7]] });
    expect(tex).toBe('\\begin{bmatrix} 42.9 & 8.19 \\\\ -1.43 & 5.6\\times 10^{-7} \\end{bmatrix}');
  });

  it('typesets expression entries instead of showing programming text', () => {
    expect(answerLatex({ matrix: [['2*x + 1', 'exp(x)']] })).toBe('\\begin{bmatrix} 2x+1 & e^{x} \\end{bmatrix}');
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

describe('chain boxes and long answers', () => {
  it('write each box in its own input: the innermost in the variable, every other in u', () => {
    for (const seed of [1, 2, 3, 7]) {
      const q = generateQuestion('nested', 5, seed);
      const layers = q.layers ?? [];
      const inner = layers[layers.length - 1]!;
      expect(inner.inner).toBe('x');
      const box = boxFunction(inner, 'x');
      expect(box.latex).not.toMatch(/(^|[^\\a-z])u([^a-z]|$)/);
      expect(box.latex).toMatch(/x/);
      for (const l of layers.slice(0, -1)) expect(boxFunction(l, 'x').latex).toBe(l.latex?.fn);
    }
  });

  it('write a long derivative with breakable dots between compound factors, short ones as printed', () => {
    const long = parseExpr('-(4*x+1)*sin(x)*cos(x^2)/(sqrt(1-x)*(1+x^2))');
    const tex = breakableTex(long);
    expect(tex.split('\\cdot').length).toBeGreaterThanOrEqual(3);
    expect(tex).not.toMatch(/^-?\\frac\{[^{}]*\\sin/);
    for (const e of ['2*x*cos(x^2)', 'x^2 + 1', '-2*x/(1+x^2)']) expect(breakableTex(parseExpr(e))).toBe(exprToTex(parseExpr(e)));
  });

  it('write backprop steps as typeset mathematics at 3 significant figures, without index noise', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const q = generateQuestion('backprop', 5, seed);
      for (const s of q.steps) {
        expect(s.prose ?? '').not.toMatch(/δ\d|\[r\]|\[c\]|[az]\d\[/);
        for (const n of s.latex.match(/\d+\.\d+/g) ?? []) expect(n.replace(/^0\.0*/, '').replace('.', '').length).toBeLessThanOrEqual(3);
      }
    }
  });
});
