import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { feedbackPieces, type FeedbackPiece } from '../../client/src/screens/feedback-pieces';
import { feedbackLatex } from '../../client/src/views/math-render';
import { notationTex } from '../../client/src/views/notation-tex';
import { FAMILIES, generateQuestion, type Answer, type Difficulty, type Question } from '../../shared/questions';
import type { AnswerInput } from '../../shared/check/types';
import { checkAnswer } from '../../shared/check/answer';
import { GENERIC_FEEDBACK, UNDECIDABLE_FEEDBACK } from '../../shared/check/feedback';

const maths = (text: string): string[] => feedbackPieces(text).flatMap((p) => (p.kind === 'math' ? p.sides : []));
const words = (pieces: FeedbackPiece[]): string => pieces.map((p) => (p.kind === 'text' ? p.text : '§')).join('');

/** A wrong answer of the right shape: zero in every cell. */
function zeroLike(a: Answer): AnswerInput {
  if (a.matrix) return a.matrix.map((r) => r.map(() => '0'));
  if (!Array.isArray(a.value)) return '0';
  const v = a.value;
  return v.every((r) => Array.isArray(r)) ? (v).map((r) => r.map(() => 0)) : (v).map(() => 0);
}

/** Every LaTeX string shown must be one KaTeX reads strictly (no red error text on a phone). */
function typesets(run: string): string {
  const tex = feedbackLatex(run);
  expect(tex, `no LaTeX for the run "${run}"`).not.toBeNull();
  expect(() => katex.renderToString(tex as string, { throwOnError: true, strict: 'ignore' }), `${run} → ${tex}`).not.toThrow();
  return tex as string;
}

describe('feedback sentences typeset their maths', () => {
  it('sets a gradient name as a partial derivative with its entry, and keeps the sentence\'s brackets outside the maths', () => {
    const text = "That is what dL/dW2[1][1] comes to if the activation derivatives (like σ'(z) = a(1 − a)) are left out of the backward pass.";
    const pieces = feedbackPieces(text);
    expect(words(pieces)).toBe('That is what § comes to if the activation derivatives (like §) are left out of the backward pass.');
    expect(maths(text)).toEqual(['dL/dW2[1][1]', "σ'(z)", 'a(1 − a)']);
    expect(typesets('dL/dW2[1][1]')).toBe('\\left[\\frac{\\partial L}{\\partial W_{2}}\\right]_{1,1}');
    expect(typesets("σ'(z)")).toBe("\\sigma'(z)");
    typesets('a(1 − a)');
  });

  it('reads primes, subscripts and print operators, and leaves English apostrophes and words alone', () => {
    expect(notationTex("f''(g)·g'^2")).toBe("f''(g)\\cdot g'^{2}");
    expect(notationTex('−F_x/F_y')).toBe('-F_{x}/F_{y}');
    expect(notationTex('∂z/∂u')).toBe('\\frac{\\partial z}{\\partial u}');
    expect(notationTex('dy/dx')).toBe('\\frac{dy}{dx}');
    expect(notationTex('W2ᵀ · δ2')).toBe('W_{2}^{\\top} \\cdot \\delta_{2}');
    expect(notationTex('\\frac{a}{b}')).toBeNull();
    expect(notationTex('{x}')).toBeNull();
    expect(notationTex('multiply')).toBeNull();
    expect(maths("You left out the activation's derivative: sin(u) contributes cos(u).")).toEqual(['sin(u)', 'cos(u)']);
    expect(maths("Check the sign of dL/da (a − y, not y − a).")).toEqual(['dL/da', 'a − y', 'y − a']);
    expect(words(feedbackPieces("Check the sign of dL/da (a − y, not y − a)."))).toBe('Check the sign of § (§, not §).');
    expect(maths('The minimum is at x =')).toEqual([]);
    expect(words(feedbackPieces('Not equivalent; compare at x = -0.305: yours gives -0.6099, expected 1.07.')))
      .toBe('Not equivalent; compare at §: yours gives −0.6099, expected 1.07.');
    expect(maths("every layer also multiplies by tanh'(z) = 0.42.")).toEqual(["tanh'(z)", '0.42']);
    expect(typesets("tanh'(z)")).toBe("\\tanh'(z)");
    expect(maths('must be evaluated at g(x, y): replace u, v by x^2+y, x+2*y.')).toEqual(['g(x,y)', 'x^2+y', 'x+2*y']);
    expect(typesets('J_f(g(x))·J_g(x)')).toBe('J_{f}(g(x))\\cdot J_{g}(x)');
  });

  // Every sentence the families and the checker write, over seeded questions of every family and difficulty.
  it('typesets every run of maths in every feedback sentence the families and the checker write', () => {
    const seed = Number(process.env.ARENA_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const sentences = new Set<string>([...Object.values(GENERIC_FEEDBACK), ...Object.values(UNDECIDABLE_FEEDBACK)]);
    for (const family of FAMILIES) {
      for (const difficulty of [1, 2, 3, 4, 5] as Difficulty[]) {
        for (let k = 0; k < 4; k++) {
          const q: Question = generateQuestion(family, difficulty, (seed + k * 7919 + difficulty * 104729) >>> 0);
          for (const d of q.distractors ?? []) {
            sentences.add(d.feedback);
            // Submitted as an answer, the mistake comes back with the checker's own sentence for it.
            const given = d.expr ?? d.matrix ?? d.value;
            if (given !== undefined) {
              const v = checkAnswer(q, given);
              if (v.feedback) sentences.add(v.feedback);
            }
          }
          const zero = checkAnswer(q, zeroLike(q.answer));
          if (zero.feedback) sentences.add(zero.feedback);
        }
      }
    }
    expect(sentences.size, `ARENA_TEST_SEED=${seed}`).toBeGreaterThan(100);
    for (const s of sentences) {
      for (const run of maths(s)) {
        const tex = feedbackLatex(run);
        expect(tex, `"${run}" in "${s}" (ARENA_TEST_SEED=${seed})`).not.toBeNull();
        expect(() => katex.renderToString(tex as string, { throwOnError: true, strict: 'ignore' }), `${run} → ${tex} (ARENA_TEST_SEED=${seed})`).not.toThrow();
      }
    }
  });
});
