import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { exprToLatex, formatNumber, freeVars, isPreviewSafe, valueToLatex } from '../../client/src/views/math-render';
import { chooseWindow, clipLine, compileImplicit, contourSegments, numericSlope, samplePoint } from '../../client/src/views/implicit-curve';
import { buildBackpropGraph, gradientOrder } from '../../client/src/views/backprop-graph';
import { MUTED_TEXT } from '../../client/src/views/palette';

import type { BackpropTask } from '../../shared/questions/types';

describe('exprToLatex', () => {
  it('writes a coefficient next to a letter, function or bracket as on the board, and keeps 3 \\cdot 2', () => {
    expect(exprToLatex('15*(3*x+4)^4')).toMatch(/^15 \{?\\left\(3 x\+4\\right\)\}?\^\{4\}$/);
    expect(exprToLatex('2*sin(x)')).toMatch(/^2 \\sin/);
    expect(exprToLatex('3*2')).toContain('\\cdot');
    expect(exprToLatex('2*3^2')).toContain('\\cdot');
  });

  it('renders sigmoid as \\sigma and softplus / relu as operator names when previewing', () => {
    expect(exprToLatex('sigmoid(x)*(1-sigmoid(x))')).toMatch(/\\sigma\\left\(\s*x\\right\)/);
    expect(exprToLatex('softplus(2u)')).toContain('\\operatorname{softplus}');
    expect(exprToLatex('relu(x)')).toContain('\\operatorname{ReLU}');
  });

  it('prints one-letter variables in italics, never as units, when a variable is t', () => {
    const tex = exprToLatex('cos(t)') ?? '';
    expect(tex).not.toContain('mathrm');
    expect(tex).toContain('t');
  });

  it('produces LaTeX that KaTeX parses strictly when products and functions mix', () => {
    for (const e of ['x*y', 'x * exp(y*w)', 'u*sin(v)', '2u * (u v)^2', 'a1*z2 - W1', 'sigmoid(x)*(1-sigmoid(x))', '-sin(x^2)/y^3']) {
      const tex = exprToLatex(e);
      expect(tex, e).not.toBeNull();
      expect(() => katex.renderToString(tex!, { throwOnError: true }), e).not.toThrow();
    }
  });

  it('returns null when the input is not a safe expression', () => {
    for (const bad of ['import({})', 'x = 2', 'evaluate("1")', '"abc"', 'x'.repeat(300), '((((x', 'a[1]', 'f(x) := 2']) {
      expect(exprToLatex(bad)).toBeNull();
    }
  });

  it('accepts the function names of docs/question-format.md when checking safety', () => {
    expect(isPreviewSafe('2x cos(x^2) + sech(x) - ln(abs(x)) + e^pi')).toBe(true);
    expect(isPreviewSafe('x ^ (1')).toBe(false);
  });
});

describe('valueToLatex', () => {
  it('shows a vector as a column and a scalar in braces so a minus stays unary', () => {
    expect(valueToLatex([1, -2])).toContain('\\begin{bmatrix}');
    expect(valueToLatex(-0.5)).toBe('{-0.5}');
    expect(formatNumber(0.00001)).toBe('0');
  });
});

describe('implicit curve', () => {
  const circle = compileImplicit('x^2 + y^2 = 25');

  it('traces points that lie on the curve when marching squares runs on a circle', () => {
    expect(circle).not.toBeNull();
    const f = circle!;
    const segs = contourSegments(f, { x0: -6, x1: 6, y0: -6, y1: 6 }, 60);
    expect(segs.length).toBeGreaterThan(50);
    for (const s of segs) expect(Math.abs(Math.hypot(s[0], s[1]) - 5)).toBeLessThan(0.05);
  });

  it('finds the slope -x/y numerically when the point is on the circle', () => {
    expect(numericSlope(circle!, 3, 4)).toBeCloseTo(-3 / 4, 6);
  });

  it('keeps the point inside the window when the question gives one', () => {
    const w = chooseWindow(circle!, { x: 3, y: 4 });
    expect(w.x1).toBeGreaterThan(4);
    expect(w.y1).toBeGreaterThan(4);
  });

  it('picks a sample point on the curve when the question gives none', () => {
    const f = compileImplicit('x^3 + y^3 = 6 x y')!;
    const w = chooseWindow(f);
    const p = samplePoint(f, contourSegments(f, w, 80), w);
    expect(p).not.toBeNull();
    expect(Math.abs(f(p!.x, p!.y))).toBeLessThan(0.2);
  });

  it('clips the tangent to the window when the line is long', () => {
    const seg = clipLine(0, 0, 2, { x0: -1, x1: 1, y0: -1, y1: 1 });
    expect(seg).not.toBeNull();
    const [x0, y0, x1, y1] = seg!;
    expect([Math.abs(y0), Math.abs(y1)]).toEqual([1, 1]);
    expect(Math.abs(x0 - x1)).toBeCloseTo(1, 9);
  });

  it('refuses an equation that is not one safe equality', () => {
    expect(compileImplicit('x^2 + y^2')).toBeNull();
    expect(compileImplicit('import(x) = 1')).toBeNull();
  });

  it('reads implicit products and function powers with the project parser, as the questions write them', () => {
    const hyperbola = compileImplicit('xy = 6')!;
    expect(hyperbola(2, 3)).toBeCloseTo(0, 12);
    expect(hyperbola(1, 1)).toBeCloseTo(-5, 12);
    const mixed = compileImplicit('2x^2y + sin^2 x = y')!;
    expect(mixed(1, 2)).toBeCloseTo(2 * 2 + Math.sin(1) ** 2 - 2, 12);
    expect(contourSegments(hyperbola, { x0: 1, x1: 6, y0: 1, y1: 6 }, 40).length).toBeGreaterThan(10);
  });
});

describe('buildBackpropGraph', () => {
  const lesson: BackpropTask = {
    x: [2], y: [1], loss: 'mse', target: 'dL/dW1',
    layers: [
      { W: [[0.5]], b: [0.1], activation: 'sigmoid' },
      { W: [[0.8]], b: [0.2], activation: 'sigmoid' },
    ],
  };

  it('computes the lesson network loss 0.0480 in the forward pass', () => {
    const g = buildBackpropGraph(lesson);
    expect(g.nodes.find((n) => n.id === 'L')?.value as number).toBeCloseTo(0.048, 4);
    expect(g.edges.some((e) => e.from === 'W2' && e.to === 'z2')).toBe(true);
  });

  it('hides the target and everything after it when the question asks for a forward value', () => {
    const g = buildBackpropGraph({ ...lesson, target: 'z2' });
    const value = (id: string): unknown => g.nodes.find((n) => n.id === id)?.value;
    expect(value('a1')).not.toBeNull();
    expect(value('z2')).toBeNull();
    expect(value('a2')).toBeNull();
    expect(value('L')).toBeNull();
  });

  it('orders gradients from the loss back to the input when steps come in computation order', () => {
    const g = buildBackpropGraph(lesson);
    const steps = ['z1', 'dL/da2', 'dL/dz2', 'dL/dW2', 'dL/da1', 'dL/dz1', 'dL/dW1', 'dL/dW1[1][1]'].map((name, i) => ({
      name, value: i, text: name, latex: name,
    }));
    const order = gradientOrder(g, steps).map((s) => s.id);
    expect(order).toEqual(['L', 'a2', 'z2', 'W2', 'a1', 'z1', 'W1']);
    expect(gradientOrder(g, steps).find((s) => s.id === 'W1')?.value).toBe(6);
  });
});

describe('freeVars', () => {
  it('lists the parameters of a substitution without function names', () => {
    expect(freeVars('cos(t) + u*exp(v)')).toEqual(['t', 'u', 'v']);
  });
});

describe('diagram text colours', () => {
  const lum = (hex: string): number => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  it('keeps secondary diagram text at 7:1 or better on the diagram panel, as all projector text', () => {
    const panel = lum('#f5f7fa');
    expect((panel + 0.05) / (lum(MUTED_TEXT) + 0.05)).toBeGreaterThanOrEqual(7);
  });
});
