/**
 * The class's summary, the slide after the podium (docs/game-design.md#the-class-summary): the mistakes the
 * class made, most students first ("2 of 3 forgot the inner derivative", on which questions), one example of the
 * top one (a student's wrong answer beside the right one, no name), and the topics with the lowest share right.
 * Built from the finished HostView's `summary` (shared/report/class-summary.ts); fits one 16:9 frame at every
 * projector size like every other slide (host.css: .summary-*).
 */
import type { ClassSummary } from '../../../../shared/report/class-summary';
import { h } from '../../app/dom';
import { renderMath } from '../../app/math';
import { answerLatex } from '../answer-latex';
import { mistakeTitle } from '../../app/mistakes';
import { familyLabel } from '../family-labels';
import { fitBlock } from './fit-math';

/** Mistakes on the slide: more would not be read from the back row (the report page lists them all). */
export const SLIDE_MISTAKES = 3;

const questionList = (qs: readonly number[]): string =>
  `${qs.length === 1 ? 'question' : 'questions'} ${qs.slice(0, 6).join(', ')}${qs.length > 6 ? '…' : ''}`;

/**
 * An answer typeset as the reveal writes one (answerLatex: a long product breaks between its factors); its text is
 * kept in data-text, and shown as it is until KaTeX has loaded.
 */
function typeset(text: string, cls: 'wrong' | 'right'): HTMLElement {
  const el = h('span', { class: `answer ${cls}`, 'data-text': text });
  renderMath(el, answerLatex({ expr: text }) ?? text, false, text);
  return el;
}

/** The slide's main area: mistakes and the example on the left, the weakest topics on the right. */
export function summaryMain(s: ClassSummary): HTMLElement {
  const top = s.mistakes.slice(0, SLIDE_MISTAKES);
  const first = top[0];
  const mistakes = top.length === 0
    ? h('p', { class: 'summary-none' }, s.unnamedWrong > 0
      ? `No mistake the checker could name: ${s.unnamedWrong} wrong ${s.unnamedWrong === 1 ? 'answer' : 'answers'} of another kind.`
      : 'No mistakes this time.')
    : h('ol', { class: 'summary-list', id: 'summary-mistakes' }, top.map((m) => h('li', { 'data-mistake': m.mistake, 'data-students': m.students },
      h('span', { class: 'summary-count' }, `${m.students} of ${s.students}`),
      h('span', { class: 'summary-what' }, h('strong', {}, mistakeTitle(m.mistake)), h('span', { class: 'muted summary-where' }, `on ${questionList(m.questions)}`)))));
  const example = first ? h('div', { class: 'summary-example', id: 'summary-example' },
    h('h2', {}, `For example, question ${first.example.question}`),
    h('p', {}, h('span', { class: 'muted' }, 'A student wrote '), typeset(first.example.answer, 'wrong')),
    h('p', { class: 'summary-right' }, h('span', { class: 'muted' }, 'The right answer: '), typeset(first.example.correctAnswer, 'right'))) : null;
  const topics = h('section', { class: 'slide summary-topics', id: 'summary-topics' },
    h('h2', {}, 'Weakest topics'),
    s.weakTopics.length === 0
      ? h('p', {}, 'Every topic all right.')
      : s.weakTopics.map((t) => h('div', { class: 'summary-topic', 'data-topic': t.topic },
        h('span', {}, familyLabel(t.topic)),
        h('div', { class: 'summary-track', 'aria-hidden': 'true' }, h('div', { class: 'bar', style: `width:${Math.max(2, Math.round(t.share * 100))}%` })),
        h('strong', {}, `${Math.round(t.share * 100)}% right`))));
  return h('main', { class: 'summary-main', id: 'class-summary' },
    h('section', { class: 'slide summary-mistakes', id: 'summary-left' }, h('h2', {}, 'Mistakes, most students first'), mistakes, example),
    topics);
}

/**
 * Fits the mistakes and the example to the slide (fit-math.ts `fitBlock`: the text shrinks to the legible floor).
 * A long example that does not fit even there gives room step by step: first the right answer goes (the report
 * page has it), then the example itself; only then does the text go below the floor. Returns the cleanup.
 */
export function fitSummary(main: HTMLElement): () => void {
  const left = main.querySelector<HTMLElement>('#summary-left');
  if (!left) return () => undefined;
  const steps = ['no-right-answer', 'no-example'];
  return fitBlock(left, () => {
    const next = steps.find((c) => !left.classList.contains(c) && left.querySelector('#summary-example'));
    if (!next) return false;
    left.classList.add(next);
    return true;
  });
}
