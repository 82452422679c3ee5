/** The drill's explain-it follow-up after a reveal (shared/drill/explain.ts), or nothing for other questions. */
import { explanationPrompt } from '../../../shared/drill/explain';
import type { Question } from '../../../shared/questions/types';
import { h } from '../app/dom';

export function explainPromptBox(q: Pick<Question, 'family' | 'difficulty' | 'task'>): HTMLElement | null {
  const text = explanationPrompt(q);
  if (!text) return null;
  return h('section', { class: 'card flat stack', id: 'explain-prompt', role: 'note' },
    h('strong', {}, 'Explain it, as in an interview'), h('p', { style: 'margin:0' }, text));
}
