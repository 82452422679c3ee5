/**
 * Interview drill: after the reveal of a hard backprop, Jacobian or activation question, one prompt asks the
 * player to explain the key idea out loud ("explain why σ′ appears twice"), the way an interviewer follows up.
 * Built from the question itself (its activations, shapes, target), so each question gets its own prompt.
 * Pure and isomorphic; null for other families and for easier questions.
 */
import type { BackpropTask, ExprTask, JacobianTask, Question } from '../questions/types';

/** Families and the levels of the drill (the preset's content); the follow-up is asked from the lowest level. */
export const DRILL_FAMILIES = ['backprop', 'jacobian', 'activation'] as const;
export const DRILL_MIN_DIFFICULTY = 4;
export const DRILL_MAX_DIFFICULTY = 5;
/** "levels 4–5", for the home page (which must not load the settings schema to say it). */
export const DRILL_LEVELS_TEXT = `levels ${DRILL_MIN_DIFFICULTY}–${DRILL_MAX_DIFFICULTY}`;

const ACTIVATIONS = ['sigmoid', 'softplus', 'tanh', 'relu', 'softmax', 'log', 'exp'];
const SYMBOL: Record<string, string> = { sigmoid: 'σ′', softplus: 'softplus′', tanh: 'tanh′', relu: 'ReLU′', log: 'log′', exp: 'exp′' };

function activationPrompt(t: ExprTask): string {
  const counts = ACTIVATIONS.map((a) => [a, (t.expr.match(new RegExp(`\\b${a}\\(`, 'g')) ?? []).length] as const).filter(([, n]) => n > 0);
  const twice = counts.find(([, n]) => n >= 2);
  if (twice) return `Explain why ${SYMBOL[twice[0]] ?? `${twice[0]}′`} appears ${twice[1] === 2 ? 'twice' : `${twice[1]} times`} in the derivative, and at which argument each one is evaluated.`;
  const outer = counts[0]?.[0];
  if (outer === 'sigmoid') return 'Explain why σ′(u) can be written as σ(u)(1 − σ(u)), and which factor the inner function contributes.';
  if (outer) return `Explain why ${SYMBOL[outer] ?? `${outer}′`} is evaluated at the inner expression rather than at ${t.var}, and what multiplies it.`;
  return 'Explain which factor each layer of the composition contributes to the derivative.';
}

function backpropPrompt(t: BackpropTask): string {
  const last = t.layers[t.layers.length - 1];
  if (last?.activation === 'softmax' && t.loss === 'cross-entropy') {
    return 'Explain why, for softmax with cross-entropy, dL/dz of the last layer is simply a − y: where did the softmax Jacobian go?';
  }
  const hidden = t.layers.slice(0, -1).find((l) => l.activation !== 'linear');
  if (hidden) return `Explain why ${hidden.activation}′(z) appears when the gradient passes back through a hidden layer, and why the next layer's W is transposed on the way back.`;
  if (last && last.activation !== 'linear') return `Explain where ${last.activation}′ enters the backward pass and why the loss derivative comes first.`;
  return 'Explain, step by step, which factor each step of the backward pass multiplies in.';
}

function jacobianPrompt(t: JacobianTask): string {
  const [m, k, n] = [t.outer.length, t.outerVars.length, t.innerVars.length];
  return `Explain why the chain rule gives J_f(g(x))·J_g(x) in that order: the shapes are ${m}×${k} and ${k}×${n}. Why is J_f evaluated at g(x), not at x?`;
}

/** The follow-up question for the reveal, or null when the question is not drill material. */
export function explanationPrompt(q: Pick<Question, 'family' | 'difficulty' | 'task'>): string | null {
  if (q.difficulty < DRILL_MIN_DIFFICULTY) return null;
  switch (q.family) {
    case 'activation':
      return activationPrompt(q.task as ExprTask);
    case 'backprop':
      return backpropPrompt(q.task as BackpropTask);
    case 'jacobian':
      return jacobianPrompt(q.task as JacobianTask);
    default:
      return null;
  }
}
