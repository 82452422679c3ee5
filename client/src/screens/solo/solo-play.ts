/** One solo run: question, instant check, feedback with the worked solution, next; until the clock runs out. */
import { generateQuestion, toPublicQuestion, type Question } from '../../../../shared/questions/index';
import { checkAnswer, type Verdict } from '../../../../shared/check/index';
import { h, mountScreen, prefersReducedMotion, replace, setText, verdictBadge } from '../../app/dom';
import { formatSeconds } from '../../app/format';
import { mountView, renderMath } from '../../app/math';
import { mistakeName } from '../../app/mistakes';
import { localAnswerPanel } from '../answer-panel';
import { verdictWords } from '../verdict-words';
import { fitWide, foldable } from '../../input/phone-layout';
import { explainPromptBox } from '../explain-prompt';
import { workedSolution } from '../solution';
import { answerLine } from '../answer-text';
import { recordAnswer, startRun, type SoloConfig, type SoloState } from './solo-run';
import { pauseClock, remaining, resumeClock, startClock } from './solo-clock';
import { followUpQuestion } from '../../../../shared/followup/generate';
import { beginSession, dueItems, loadQueue, recordMiss, recordReviewRight, saveQueue, type ReviewItem } from './review-queue';
import { showEnd, type SoloMistake } from './solo-end';
import type { QuestionView } from '../../views/contract';
import type { AnswerInput } from '../../../../shared/check/types';
import { feedbackElement } from '../feedback-text';

/** Starts a run with `config`; `onExit` returns to the setup screen. */
export function playRun(config: SoloConfig, onExit: () => void): void {
  let state = startRun(config);
  let clock = startClock(config.durationMs, Date.now());
  // A new session: what was missed in earlier runs and is due now opens this run (review-queue.ts).
  let queue = beginSession(loadQueue(localStorage));
  saveQueue(localStorage, queue);
  const reviews = dueItems(queue);
  const mistakes: SoloMistake[] = [];
  const timer = h('span', { class: 'timer', id: 'solo-timer', role: 'timer', 'aria-label': 'Time left' });
  const stats = h('span', { class: 'pill', id: 'solo-stats' });
  const body = h('div', { class: 'stack', id: 'solo-body' });
  let view: QuestionView | null = null;
  let finished = false;
  const tick = (): void => {
    // Left the run (back button, another screen): stop quietly instead of drawing the end over that screen.
    if (!body.isConnected) {
      clearInterval(interval);
      window.removeEventListener('resize', onResize);
      view?.destroy();
      return;
    }
    const left = remaining(clock, Date.now());
    setText(timer, formatSeconds(left));
    timer.classList.toggle('low', left < 15_000);
    const paused = String(!clock.running);
    if (timer.dataset.paused !== paused) {
      timer.dataset.paused = paused;
      timer.title = clock.running ? '' : 'Paused while you read the feedback';
    }
    if (left <= 0) finish('time');
  };
  const interval = setInterval(tick, 250);
  const onResize = (): void => view?.resize();
  window.addEventListener('resize', onResize);
  const showStats = (): void => {
    stats.textContent = `${state.score} pts · L${state.difficulty}${state.streak > 1 ? ` · ${state.streak} in a row` : ''}`;
    stats.title = `Score ${state.score}, level ${state.difficulty}, streak ${state.streak}`;
  };
  const finish = (reason: 'time' | 'ended'): void => {
    if (finished) return;
    finished = true;
    clearInterval(interval);
    window.removeEventListener('resize', onResize);
    view?.destroy();
    showEnd({ config, state, mistakes, reason, queue }, () => playRun(config, onExit), onExit);
  };
  const next = (): void => {
    view?.destroy();
    view = null;
    showStats();
    const review = reviews.shift() ?? null;
    const q = review ? reviewQuestion(review) : pickQuestion(config, state);
    clock = resumeClock(clock, Date.now());
    tick();
    askQuestion(body, q, review, (v) => (view = v), (verdict, answer) => {
      // Reading the feedback is part of learning, not of the race: the clock stands still until "Next".
      clock = pauseClock(clock, Date.now());
      tick();
      state = recordAnswer(state, verdict.correct);
      if (!verdict.correct) {
        mistakes.push({ question: q, answer, verdict });
        queue = recordMiss(queue, { family: q.family, mistake: verdict.mistake ?? null, difficulty: q.difficulty, prompt: q.prompt.text }, Date.now());
      } else if (review) queue = recordReviewRight(queue, review.key);
      saveQueue(localStorage, queue);
      showStats();
      showFeedback(body, q, verdict, next);
    });
  };
  mountScreen('phone', h('div', { class: 'page narrow' },
    h('div', { class: 'phone-head' }, timer, stats,
      h('button', { type: 'button', class: 'ghost small', id: 'solo-end-button', onclick: () => finish('ended') }, 'End')),
    body));
  tick();
  next();
}

function pickQuestion(config: SoloConfig, state: SoloState): Question {
  for (let attempt = 0; attempt < 20; attempt++) {
    const family = config.families[Math.floor(Math.random() * config.families.length)] ?? 'chain';
    try {
      return generateQuestion(family, state.difficulty, Math.floor(Math.random() * 2 ** 31));
    } catch (err) {
      console.warn('generator failed, trying another seed', err);
    }
  }
  return generateQuestion('chain', 1, Date.now() % 100_000);
}

/**
 * A fresh question of a reviewed family at the level it was missed: the idea comes back, not the same numbers.
 * When the miss had a named mistake, a question that can show it again (it names the mistake among its
 * distractors), from the family if one of its draws does, else from the mistake → follow-up table.
 */
function reviewQuestion(item: ReviewItem): Question {
  let any: Question | null = null;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const q = generateQuestion(item.family, item.difficulty, Math.floor(Math.random() * 2 ** 31));
      if (item.mistake === null || q.distractors?.some((d) => d.mistake === item.mistake)) return q;
      any ??= q;
    } catch (err) {
      console.warn('generator failed, trying another seed', err);
    }
  }
  if (item.mistake !== null) {
    try {
      return followUpQuestion(item.mistake, Math.floor(Math.random() * 2 ** 31));
    } catch (err) {
      console.warn('no follow-up question for the mistake', err);
    }
  }
  return any ?? generateQuestion('chain', 1, Date.now() % 100_000);
}

function askQuestion(
  body: HTMLElement, q: Question, review: ReviewItem | null, setView: (v: QuestionView | null) => void,
  done: (v: Verdict, answer: AnswerInput) => void,
): void {
  const pub = toPublicQuestion(q);
  // The task is public (not the answer): exposing it lets tools and tests read the question precisely.
  const prompt = h('div', { class: 'prompt', id: 'question-prompt', 'data-family': pub.family, 'data-task': JSON.stringify(pub.task) });
  // Display-style maths set inline, so a prompt wider than the phone breaks where it may (after a definition,
  // a relation) before it shrinks (fitWide) or scrolls inside its box.
  renderMath(prompt, `\\displaystyle ${pub.prompt.latex}`, false, pub.prompt.text);
  const viewHost = h('div', { class: 'view-host' });
  // After the answer box, folded away once the player starts typing; the summary reopens it.
  const diagram = h('details', { class: 'diagram', open: true, hidden: true }, h('summary', {}, 'Diagram'), viewHost);
  let view: QuestionView | null = null;
  foldable(diagram, () => view?.resize());
  fitWide(prompt);
  let typed = false;
  // The one answer panel (answer-panel.ts), checked on the page: solo keeps no drafts.
  const { form, parts } = localAnswerPanel(pub, {
    label: 'Check', layerByLayer: false,
    onChange: () => {
      if (!typed) diagram.open = false;
      typed = true;
    },
  }, (answer) => done(safeCheck(q, answer), answer));
  const banner = review
    ? h('p', { class: 'pill review-banner', id: 'solo-review', 'data-review': review.key },
      `Review: last time you ${review.mistake ? mistakeName(review.mistake) : 'missed one of these'}`)
    : null;
  replace(body, banner, prompt, ...parts, diagram);
  form.focus();
  void mountView(viewHost, pub, { mode: 'phone', reducedMotion: prefersReducedMotion() }).then((v) => {
    if (v && viewHost.isConnected) {
      diagram.hidden = false;
      view = v;
      v.resize();
      setView(v);
    } else v?.destroy();
  });
}

function safeCheck(q: Question, answer: Parameters<typeof checkAnswer>[1]): Verdict {
  try {
    return checkAnswer(q, answer);
  } catch (err) {
    console.error(err);
    return { correct: false, error: 'This answer could not be checked.' };
  }
}

function showFeedback(body: HTMLElement, q: Question, v: Verdict, next: () => void): void {
  const nextBtn = h('button', { type: 'button', class: 'primary', id: 'next-question', onclick: next }, 'Next question');
  const panel = h('section', { class: `feedback ${v.correct ? 'right' : 'wrong'} stack`, id: 'solo-feedback', role: 'status' },
    verdictBadge(v.correct, verdictWords(v, 'Not quite')),
    v.error ? h('p', {}, v.error) : v.feedback ? feedbackElement(v.feedback) : null);
  if (!v.correct) {
    panel.append(answerLine(q), h('h3', {}, 'Worked solution'), workedSolution(q.steps, { stepMs: 400 }));
  }
  const explain = explainPromptBox(q);
  if (explain) panel.append(explain);
  body.querySelector('.sticky-submit')?.remove();
  body.querySelectorAll('.answer-dock').forEach((k) => k.remove());
  body.append(panel, h('div', { class: 'sticky-submit' }, nextBtn));
  nextBtn.focus({ preventScroll: true });
  panel.scrollIntoView({ block: 'nearest', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
}
