import { parseAnswer } from '../math/safe-parse';
import type { Question } from '../questions/types';
import { exprContext } from './expr-context';
import { judgeExpression } from './expr-verdict';
import { UNSAMPLABLE } from './feedback';
import { checkLayers } from './layers';
import { checkMatrixAnswer } from './matrix-answer';
import type { AnswerInput, LayerInputs, Verdict } from './types';
import { checkValueAnswer } from './value-answer';

/**
 * Judges a player's answer to a question by the kind of answer it takes (expression, matrix, value), and
 * each layer's answer when `layers` is given. Never throws on player input: unreadable input gives
 * `{correct: false, error}` with a message for the student.
 */
export function checkAnswer(question: Question, answer: AnswerInput, layers?: LayerInputs): Verdict {
  let verdict: Verdict;
  try {
    verdict = checkFinal(question, answer);
  } catch {
    verdict = { correct: false, error: 'This answer could not be checked.' };
  }
  if (layers !== undefined && Array.isArray(layers) && question.layers) {
    verdict.layers = checkLayers(question, layers);
  }
  return verdict;
}

function checkFinal(q: Question, answer: AnswerInput): Verdict {
  if (q.answer.matrix !== undefined) return checkMatrixAnswer(q, answer);
  if (q.answer.value !== undefined) return checkValueAnswer(q, answer);
  return checkExprAnswer(q, answer);
}

function checkExprAnswer(q: Question, answer: AnswerInput): Verdict {
  const ctx = exprContext(q);
  if (ctx.judge === null) return { correct: false, error: ctx.error ?? 'This question cannot be checked.' };
  const text = typeof answer === 'number' ? String(answer) : answer;
  const parsed = parseAnswer(text, ctx.vars);
  if (!parsed.ok) return { correct: false, error: parsed.error };
  // Never decided by comparing text: a question whose answer cannot be sampled is refused when it is made.
  if (!ctx.judge.usable) return { correct: false, error: UNSAMPLABLE };
  return judgeExpression(ctx.judge, parsed.expr, ctx.expectedText, ctx.candidates);
}
