/** One solo run: question, instant check, feedback with the worked solution, next; until the clock runs out. */
import { generateQuestion, toPublicQuestion, type Question } from '../../../../shared/questions/index';
import { checkAnswer, type Verdict } from '../../../../shared/check/index';
import { h, mountScreen, prefersReducedMotion, replace, verdictBadge } from '../../app/dom';
import { formatSeconds } from '../../app/format';
import { mountView, renderMath } from '../../app/math';
import { mistakeTitle } from '../../app/mistakes';
import { createAnswerForm } from '../../input/answer-form';
import { fitWide, foldable } from '../../input/phone-layout';
import { workedSolution } from '../solution';
import { answerText } from '../answer-text';
import { bestKey, readBest, recordAnswer, saveBest, startRun, type SoloConfig, type SoloState } from './solo-run';
import type { QuestionView } from '../../views/contract';

/** Starts a run with `config`; `onExit` returns to the setup screen. */
export function playRun(config: SoloConfig, onExit: () => void): void {
  let state = startRun(config);
  const endsAt = Date.now() + config.durationMs;
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
    const left = endsAt - Date.now();
    timer.textContent = formatSeconds(left);
    timer.classList.toggle('low', left < 15_000);
    if (left <= 0) finish();
  };
  const interval = setInterval(tick, 250);
  const onResize = (): void => view?.resize();
  window.addEventListener('resize', onResize);
  const showStats = (): void => {
    stats.textContent = `${state.score} pts · L${state.difficulty}${state.streak > 1 ? ` · ${state.streak} in a row` : ''}`;
    stats.title = `Score ${state.score}, level ${state.difficulty}, streak ${state.streak}`;
  };
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearInterval(interval);
    window.removeEventListener('resize', onResize);
    view?.destroy();
    showEnd(config, state, onExit);
  };
  const next = (): void => {
    view?.destroy();
    view = null;
    showStats();
    const q = pickQuestion(config, state);
    askQuestion(body, q, (v) => (view = v), (verdict) => {
      state = recordAnswer(state, verdict.correct);
      showStats();
      showFeedback(body, q, verdict, next);
    });
  };
  mountScreen('phone', h('div', { class: 'page narrow' },
    h('div', { class: 'phone-head' }, timer, stats,
      h('button', { type: 'button', class: 'ghost small', onclick: finish }, 'End')),
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

function askQuestion(body: HTMLElement, q: Question, setView: (v: QuestionView | null) => void, done: (v: Verdict) => void): void {
  const pub = toPublicQuestion(q);
  // The task is public (not the answer): exposing it lets tools and tests read the question precisely.
  const prompt = h('div', { class: 'prompt', id: 'question-prompt', 'data-family': pub.family, 'data-task': JSON.stringify(pub.task) });
  renderMath(prompt, pub.prompt.latex, true, pub.prompt.text);
  const viewHost = h('div', { class: 'view-host' });
  // After the answer box, folded away once the player starts typing; the summary reopens it.
  const diagram = h('details', { class: 'diagram', open: true, hidden: true }, h('summary', {}, 'Diagram'), viewHost);
  let view: QuestionView | null = null;
  foldable(diagram, () => view?.resize());
  fitWide(prompt);
  const submit = h('button', { type: 'button', class: 'primary', id: 'submit-answer' }, 'Check');
  const onSubmit = (): void => {
    if (!form.readiness().ok) return;
    form.setDisabled(true);
    const { answer } = form.read();
    done(safeCheck(q, answer));
  };
  let typed = false;
  const form = createAnswerForm(pub, {
    layerByLayer: false, submit, onSubmit,
    onChange: () => {
      if (!typed) diagram.open = false;
      typed = true;
    },
  });
  submit.addEventListener('click', onSubmit);
  replace(body, h('p', { class: 'muted' }, pub.prompt.text), prompt, form.el, form.dock, diagram);
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
  const words = v.correct ? 'Right' : v.error ? 'Could not read that' : v.mistake ? mistakeTitle(v.mistake) : 'Not quite';
  const panel = h('section', { class: `feedback ${v.correct ? 'right' : 'wrong'} stack`, id: 'solo-feedback', role: 'status' },
    verdictBadge(v.correct, words),
    v.error ? h('p', {}, v.error) : v.feedback ? h('p', {}, v.feedback) : null);
  if (!v.correct) {
    const ans = h('span', {});
    answerText(ans, q);
    panel.append(h('p', {}, 'The answer: ', ans), h('h3', {}, 'Worked solution'), workedSolution(q.steps, { stepMs: 400 }));
  }
  body.querySelector('.sticky-submit')?.remove();
  body.querySelectorAll('.answer-dock').forEach((k) => k.remove());
  body.append(panel, h('div', { class: 'sticky-submit' }, nextBtn));
  nextBtn.focus({ preventScroll: true });
  panel.scrollIntoView({ block: 'nearest', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
}

function showEnd(config: SoloConfig, s: SoloState, onExit: () => void): void {
  const key = bestKey(config);
  const before = readBest(localStorage, key);
  const isBest = saveBest(localStorage, key, s.score);
  const again = h('button', { type: 'button', class: 'primary', id: 'solo-again', onclick: () => playRun(config, onExit) }, 'Play again');
  mountScreen('phone', h('div', { class: 'page narrow stack center', id: 'solo-end' },
    h('h1', {}, 'Time!'),
    h('div', { class: 'row', style: 'justify-content:center;gap:32px' },
      stat(String(s.score), 'points'), stat(`${s.correct}/${s.answered}`, 'right'), stat(String(s.difficulty), 'level')),
    h('p', { class: 'big' }, isBest ? '★ New personal best!' : before > 0 ? `Personal best: ${before}` : ''),
    h('div', { class: 'row', style: 'justify-content:center' }, again,
      h('button', { type: 'button', onclick: onExit }, 'Change topics'))));
  again.focus();
}

function stat(num: string, label: string): HTMLElement {
  return h('div', { class: 'stat' }, h('span', { class: 'num' }, num), h('span', { class: 'lbl' }, label));
}
