/**
 * The phone's personal review at the end of a game: every question with "your answer", "the answer", the named
 * mistake (or "No answer") and the points, as the server sent it in the final `you` view.
 */
import type { PersonalReviewItem } from '../../../../shared/protocol';
import { h } from '../../app/dom';
import { renderExpr, renderMath } from '../../app/math';
import { mistakeTitle } from '../../app/mistakes';

const BADGE: Record<PersonalReviewItem['outcome'], string> = { correct: '✓ Right', wrong: '✗ Wrong', 'no answer': '– No answer' };

/** `titled` false: the list sits in a fold whose summary already says "Your answers…" (no second heading). */
export function personalReviewList(items: PersonalReviewItem[] | undefined, opts: { titled?: boolean } = {}): HTMLElement | null {
  if (!items || items.length === 0) return null;
  const right = items.filter((i) => i.outcome === 'correct').length;
  return h('section', { class: 'stack', id: 'personal-review', style: 'text-align:left' },
    opts.titled === false ? null : h('h2', {}, `Your answers · ${right} of ${items.length} right`),
    h('ol', { class: 'stack', style: 'list-style:none;padding:0;margin:0' }, items.map(reviewItem)));
}

function reviewItem(i: PersonalReviewItem): HTMLElement {
  // Typeset once, as on the question screen; the plain text stays in data-text (and is the fallback).
  const prompt = h('div', { class: 'prompt', 'data-text': i.prompt.text });
  renderMath(prompt, i.prompt.latex, false, i.prompt.text);
  const cls = i.outcome === 'correct' ? 'right' : 'wrong';
  const headline = i.outcome === 'wrong' && i.mistake ? `${BADGE.wrong}: ${mistakeTitle(i.mistake).toLowerCase()}` : BADGE[i.outcome];
  return h('li', { class: `feedback ${cls} stack`, 'data-outcome': i.outcome, 'data-mistake': i.mistake ?? '', 'data-index': i.index },
    h('div', { class: 'row', style: 'justify-content:space-between' },
      h('strong', {}, `Question ${i.index + 1}`), h('span', { class: 'pill', 'data-points': i.points }, `+${i.points} pts`)),
    prompt,
    h('p', { class: 'big', style: 'margin:0' }, headline),
    h('p', { class: 'your-answer', style: 'margin:0' }, 'Your answer: ', answer(i.yourAnswer, i.answerKind),
      i.fromDraft ? h('span', { class: 'muted' }, ' (typed, not sent)') : null),
    i.outcome === 'correct' ? null : h('p', { class: 'right-answer', style: 'margin:0' }, 'The answer: ', answer(i.rightAnswer, i.answerKind)));
}

/** Expressions drawn as maths (the raw text kept in data-text); numbers and matrices as text. */
function answer(text: string, kind: PersonalReviewItem['answerKind']): HTMLElement {
  const el = h('span', { class: 'answer-text', 'data-text': text });
  if (!text) el.textContent = '(none)';
  else if (kind === 'expr') renderExpr(el, text);
  else el.textContent = text;
  return el;
}
