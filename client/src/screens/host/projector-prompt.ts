/**
 * The question as the projector states it above its diagram. A network's prompt lists every weight, bias and
 * input, which the drawing already shows: on the projector only the loss and the target are stated, so both the
 * sentence and the network stay large enough for the back row.
 */
import type { BackpropTask, PublicQuestion } from '../../../../shared/questions/types';
import { briefPromptFor } from '../../../../shared/questions/backprop/describe';

export function projectorPrompt(q: Pick<PublicQuestion, 'family' | 'task' | 'prompt'>): { text: string; latex: string } {
  if (q.family !== 'backprop') return q.prompt;
  try {
    return briefPromptFor(q.task as BackpropTask);
  } catch {
    return q.prompt;
  }
}
