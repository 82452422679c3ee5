/**
 * The end of a solo run: "Time!" or "Ended", the score, every mistake with the question, the player's answer,
 * the right one and the one worked step that was missed, and the review queue that the next run starts with
 * (exportable as JSON).
 */
import type { AnswerInput, Verdict } from '../../../../shared/check/types';
import type { Question } from '../../../../shared/questions/types';
import { correctNotation, inputNotation } from '../../../../shared/report/notation';
import { h, mountScreen } from '../../app/dom';
import { renderExpr, renderMath } from '../../app/math';
import { mistakeTitle } from '../../app/mistakes';
import { workedSolution } from '../solution';
import { missedStep } from './missed-step';
import { dueItems, exportQueue, type ReviewQueue } from './review-queue';
import { bestKey, readBest, saveBest, type SoloConfig, type SoloState } from './solo-run';

export interface SoloMistake {
  question: Question;
  answer: AnswerInput;
  verdict: Verdict;
}

export interface SoloEnd {
  config: SoloConfig;
  state: SoloState;
  mistakes: SoloMistake[];
  /** The clock ran out, or the player pressed End. */
  reason: 'time' | 'ended';
  queue: ReviewQueue;
}

export function showEnd(end: SoloEnd, again: () => void, onExit: () => void): void {
  const { config, state: s } = end;
  const key = bestKey(config);
  const before = readBest(localStorage, key);
  const isBest = saveBest(localStorage, key, s.score);
  const againBtn = h('button', { type: 'button', class: 'primary', id: 'solo-again', onclick: again }, 'Play again');
  mountScreen('phone', h('div', { class: 'page narrow stack', id: 'solo-end' },
    h('h1', { class: 'center' }, end.reason === 'time' ? 'Time!' : 'Ended'),
    h('div', { class: 'row', style: 'justify-content:center;gap:32px' },
      stat(String(s.score), 'points'), stat(`${s.correct}/${s.answered}`, 'right'), stat(String(s.difficulty), 'level')),
    h('p', { class: 'big center' }, isBest ? '★ New personal best!' : before > 0 ? `Personal best: ${before}` : ''),
    h('div', { class: 'row', style: 'justify-content:center' }, againBtn,
      h('button', { type: 'button', onclick: onExit }, 'Change topics')),
    mistakeList(end.mistakes),
    queueNote(end.queue)));
  againBtn.focus();
}

function mistakeList(mistakes: SoloMistake[]): HTMLElement {
  if (mistakes.length === 0) return h('p', { class: 'muted center', id: 'solo-mistakes' }, 'No mistakes this run.');
  return h('section', { class: 'stack', id: 'solo-mistakes' },
    h('h2', {}, mistakes.length === 1 ? 'Your mistake' : `Your ${mistakes.length} mistakes`),
    h('ol', { class: 'mistake-list stack', style: 'list-style:none;padding:0;margin:0' }, mistakes.map((m, i) => mistakeItem(m, i))));
}

function mistakeItem(m: SoloMistake, i: number): HTMLElement {
  const q = m.question;
  const prompt = h('div', { class: 'prompt', 'data-text': q.prompt.text });
  renderMath(prompt, q.prompt.latex, false, q.prompt.text);
  const yours = inputNotation(m.answer);
  const right = correctNotation(q.answer);
  const step = missedStep(q.steps, m.verdict.mistake);
  return h('li', { class: 'feedback wrong stack', 'data-mistake': m.verdict.mistake ?? 'other', 'data-family': q.family, 'data-index': i },
    h('p', { class: 'big' }, m.verdict.error ? 'Could not read that' : mistakeTitle(m.verdict.mistake)),
    prompt,
    h('p', { class: 'your-answer' }, 'Your answer: ', exprOrText(yours, q.answer.expr !== undefined)),
    h('p', { class: 'right-answer' }, 'The answer: ', exprOrText(right, q.answer.expr !== undefined)),
    step ? h('div', { class: 'missed-step', 'data-layer': step.layer ?? '' }, h('p', {}, 'The step you missed:'), workedSolution([step], { animate: false })) : null);
}

/** Expressions drawn as maths (what was typed stays readable if it does not parse); numbers as text. */
function exprOrText(text: string, isExpr: boolean): HTMLElement {
  const el = h('span', { class: 'answer-text', 'data-text': text });
  if (!text) el.textContent = '(none)';
  else if (isExpr) renderExpr(el, text);
  else el.textContent = text;
  return el;
}

function queueNote(q: ReviewQueue): HTMLElement {
  const next = dueItems({ ...q, session: q.session + 1 });
  const exportBtn = h('button', { type: 'button', class: 'ghost small', id: 'review-export', onclick: () => downloadQueue(q) }, 'Export review queue (JSON)');
  return h('section', { class: 'card stack', id: 'review-queue' },
    h('h2', {}, 'Review queue'),
    h('p', {}, q.items.length === 0
      ? 'Nothing to review: everything you missed has been practised.'
      : `${q.items.length} topic${q.items.length === 1 ? '' : 's'} to review. The next run opens with ${next.length}.`),
    exportBtn);
}

/** Saves the queue as a file through a temporary object URL. */
export function downloadQueue(q: ReviewQueue): void {
  const url = URL.createObjectURL(new Blob([exportQueue(q)], { type: 'application/json' }));
  const a = h('a', { href: url, download: 'chain-rule-review.json' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function stat(num: string, label: string): HTMLElement {
  return h('div', { class: 'stat' }, h('span', { class: 'num' }, num), h('span', { class: 'lbl' }, label));
}
