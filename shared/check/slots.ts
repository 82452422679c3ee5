import { answerVars } from '../questions/public';
import type { JacobianTask, PublicQuestion, Question } from '../questions/types';
import { layerVars } from './layers';

/** One box a player types into: the final answer, the answer of layer i, a matrix cell, or a plain number. */
export type AnswerSlot =
  | { kind: 'final' }
  | { kind: 'layer'; index: number }
  | { kind: 'cell'; row: number; col: number }
  | { kind: 'number' };

/**
 * The variables an answer in `slot` may use, exactly as the checker reads that slot: pass them to
 * `parseAnswer(src, vars)` (shared/math/safe-parse.ts) to know whether a text will be read, and to the preview
 * so it shows what the checker will read. A layer may use its own input `u` (substituted by the checker).
 */
export function slotVars(q: Question | PublicQuestion, slot: AnswerSlot): string[] {
  const task = q.task as unknown as Record<string, unknown>;
  switch (slot.kind) {
    case 'number':
      return [];
    case 'layer':
      return layerVars(String(task.var ?? 'x'));
    case 'cell':
      return jacobianCellVars(q.task as JacobianTask);
    case 'final':
      if (q.family === 'jacobian') return jacobianCellVars(q.task as JacobianTask);
      if ('answer' in q && q.answer.value !== undefined) return [];
      if (!('answer' in q) && q.answerKind === 'value') return [];
      return answerVars(q as Question);
  }
}

/** A Jacobian entry: the inner variables, plus the outer ones (substituted) when their names do not clash. */
export function jacobianCellVars(task: JacobianTask): string[] {
  const overlaps = task.outerVars.some((v) => task.innerVars.includes(v));
  return overlaps ? [...task.innerVars] : [...task.innerVars, ...task.outerVars];
}
