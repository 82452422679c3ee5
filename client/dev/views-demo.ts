/**
 * The views demo page: `views.html?q=<fixture>&state=fresh|mid|revealed&mode=projector|phone&reduced=1` mounts
 * one question view filling the window, for the browser tests and screenshots; `?gen=<family>&d=3&seed=1` mounts
 * a question from the real generators instead. Without `q` it lists every fixture. `window.__demo` exposes the mounted view and its question to the tests.
 */
import { mountQuestionView } from '../src/views/index';
import type { QuestionView, ViewMode, ViewState } from '../src/views/contract';
import { toPublicQuestion } from '../../shared/questions/public';
import type { PublicQuestion, Question } from '../../shared/questions/types';
import { FIXTURES } from './fixtures';

declare global {
  interface Window {
    __demo?: { view: QuestionView; question: Question; public: PublicQuestion; state: ViewState; container: HTMLElement };
    /** Replaces the mounted view without reloading the page (the tests switch views this way: one page load). */
    __demoMount?: (key: string, state: string, mode: ViewMode, reduced: boolean) => boolean;
    /** Mounts a question from the real generators (`generateQuestion`); resolves to an error message or ''. */
    __demoMountGenerated?: (family: string, difficulty: number, seed: number, state: string, mode: ViewMode) => Promise<string>;
  }
}

/** The state a screen would send at each point of a round; chain families get marks mid-answer. */
export function demoState(q: Question, which: string): ViewState {
  const layers = q.layers ?? [];
  const mid: ViewState = {};
  if (layers.length > 0) {
    const active = Math.min(2, layers.length - 1);
    mid.activeLayer = active;
    mid.layerMarks = layers.map((l, i) => {
      if (i >= active) return null;
      // The second answered layer shows the classic slip: the derivative left in u, not evaluated at the inner.
      return i === 1 ? { expr: l.derivative.replace(/u/g, 'x'), correct: false } : { expr: l.evaluated, correct: true };
    });
  }
  if (which === 'mid') return mid;
  if (which === 'revealed') {
    const out: ViewState = { revealed: q };
    if (mid.layerMarks) out.layerMarks = mid.layerMarks;
    return out;
  }
  return {};
}

function showIndex(root: HTMLElement): void {
  root.id = 'index';
  root.style.position = 'static';
  for (const key of Object.keys(FIXTURES)) {
    for (const state of ['fresh', 'mid', 'revealed']) {
      for (const mode of ['projector', 'phone']) {
        const a = document.createElement('a');
        a.href = `?q=${encodeURIComponent(key)}&state=${state}&mode=${mode}`;
        a.textContent = `${key} · ${state} · ${mode}`;
        root.append(a);
      }
    }
    root.append(document.createElement('br'));
  }
}

/**
 * The generators are loaded lazily, so a generator being rewritten cannot break the fixture views; a generator
 * that throws is reported to the caller instead of mounting.
 */
async function mountGenerated(root: HTMLElement, family: string, difficulty: number, seed: number, which: string, mode: ViewMode): Promise<string> {
  try {
    const questions = await import('../../shared/questions/index');
    if (!questions.isFamily(family) || !questions.isDifficulty(difficulty)) return `unknown family or difficulty: ${family} ${difficulty}`;
    const q = questions.generateQuestion(family, difficulty, seed);
    FIXTURES[`generated:${family}`] = q;
    mount(root, `generated:${family}`, which, mode, true);
    return '';
  } catch (e) {
    return String(e);
  }
}

function mount(root: HTMLElement, key: string, which: string, mode: ViewMode, reduced: boolean): boolean {
  const question = FIXTURES[key];
  if (!question) return false;
  window.__demo?.view.destroy();
  const pub = toPublicQuestion(question);
  const view = mountQuestionView(root, pub, { mode, reducedMotion: reduced });
  const state = demoState(question, which);
  view.update(state);
  window.__demo = { view, question, public: pub, state, container: root };
  return true;
}

function main(): void {
  const params = new URLSearchParams(location.search);
  const root = document.getElementById('stage');
  if (!root) return;
  window.__demoMount = (key, which, mode, reduced) => mount(root, key, which, mode, reduced);
  window.__demoMountGenerated = (family, d, seed, which, mode) => mountGenerated(root, family, d, seed, which, mode);
  const gen = params.get('gen');
  const mode: ViewMode = params.get('mode') === 'phone' ? 'phone' : 'projector';
  if (gen) {
    void mountGenerated(root, gen, Number(params.get('d') ?? 3), Number(params.get('seed') ?? 1), params.get('state') ?? 'fresh', mode);
    return;
  }
  window.addEventListener('resize', () => window.__demo?.view.resize());
  const key = params.get('q');
  if (key === 'none') return;
  if (!key || !mount(root, key, params.get('state') ?? 'fresh', mode, params.get('reduced') === '1')) showIndex(root);
}

main();
