/**
 * Which question each player sees. Generated games derive every question from (seed, index, variant), so a
 * room snapshot only caches them; teacher task lists were solved when the settings were accepted.
 */
import type { RoomSettings } from '../../shared/protocol';
import { TaskError } from '../../shared/questions/family';
import type { Question } from '../../shared/questions/types';
import { getEntry } from './table';
import { VARIANT_POOL, type PlayerRecord, type RoomDeps, type RoomState } from './types';

export type Prepared = { ok: true; solved: Question[] } | { ok: false; error: 'task-unsolvable' | 'settings-invalid'; detail: string };

/**
 * Checks settings against the math core: every teacher task must be solvable. `presolved` are the tasks solved
 * elsewhere (the worker pool, so a costly task list never runs on the event loop); without it they are solved here.
 * Task ids are made unique by position: two tasks may solve to the same generator id.
 */
export function prepareSettings(settings: RoomSettings, deps: RoomDeps, presolved?: Question[]): Prepared {
  const source = settings.source;
  if (source.kind === 'generated') return { ok: true, solved: [] };
  if (settings.variants === 'per-player') {
    return { ok: false, error: 'settings-invalid', detail: 'Different variants per player need generated questions, not a task list.' };
  }
  if (presolved) {
    if (presolved.length !== source.tasks.length) throw new Error('presolved tasks do not match the settings');
    return { ok: true, solved: presolved.map((q, i) => levelled(q, i, source)) };
  }
  const solved: Question[] = [];
  for (const [i, item] of source.tasks.entries()) {
    try {
      solved.push(levelled(deps.solve(item.family, item.task), i, source));
    } catch (err) {
      // TaskError messages are written for people; anything else is a solver bug and stays on the server.
      const why = err instanceof TaskError ? err.message : 'it could not be solved.';
      return { ok: false, error: 'task-unsolvable', detail: `Task ${i + 1} (${item.family}): ${why}` };
    }
  }
  return { ok: true, solved };
}

/**
 * The solved task under its room id, at the level its line gives (a level is only metadata to the solver: the
 * question's time and the drill's follow-up prompt read it), else the solver's default.
 */
function levelled(q: Question, i: number, source: Extract<RoomSettings['source'], { kind: 'tasks' }>): Question {
  const difficulty = source.tasks[i]?.difficulty;
  return { ...q, id: taskId(i), ...(difficulty === undefined ? {} : { difficulty }) };
}

/** The id of the teacher's task at position `i` (the report's question id). */
export const taskId = (i: number): string => `task-${i + 1}`;

export function totalQuestions(state: RoomState): number {
  return state.settings.source.kind === 'tasks' ? state.solved.length : state.settings.questionCount;
}

/** The variant a player answers: 0 for everyone unless the host asked for one per player. */
export function variantOf(state: RoomState, player: PlayerRecord | undefined): number {
  if (!player || state.settings.variants !== 'per-player' || state.settings.source.kind !== 'generated') return 0;
  return player.seat % VARIANT_POOL;
}

const keyOf = (index: number, variant: number): string => `${index}:${variant}`;

/** Returns the state with question `index` cached for variant 0 and every current player's variant. */
export function ensureQuestions<S extends RoomState>(state: S, index: number, deps: RoomDeps): S {
  const wanted = new Set<number>([0]);
  for (const id of state.order) wanted.add(variantOf(state, getEntry(state.players, id)));
  let questions = state.questions;
  for (const variant of wanted) {
    const key = keyOf(index, variant);
    if (questions[key]) continue;
    if (questions === state.questions) questions = { ...questions };
    questions[key] = makeQuestion(state, index, variant, deps);
  }
  return questions === state.questions ? state : { ...state, questions };
}

function makeQuestion(state: RoomState, index: number, variant: number, deps: RoomDeps): Question {
  if (state.settings.source.kind === 'tasks') {
    const q = state.solved[index];
    if (!q) throw new Error(`no solved task at index ${index}`);
    return q;
  }
  return deps.generate(state.settings, state.seed, index, variant);
}

/** The cached question a player (or, without a player, the host) sees for question `index`. */
export function questionFor(state: RoomState, index: number, player?: PlayerRecord): Question {
  const q = state.questions[keyOf(index, variantOf(state, player))] ?? state.questions[keyOf(index, 0)];
  if (!q) throw new Error(`question ${index} was not prepared`);
  return q;
}

/** Layer-by-layer entry applies to questions that have layers, when the host chose it. */
export function layersAllowed(state: RoomState, q: Question): boolean {
  return state.settings.entryMode === 'layers' && (q.layers?.length ?? 0) > 0;
}

/** Default generator wiring: families in turn, seeds spread so variants and questions all differ. */
export function generatedSpec(settings: RoomSettings, seed: number, index: number, variant: number) {
  if (settings.source.kind !== 'generated') throw new Error('not a generated game');
  const families = settings.source.families;
  const family = families[index % families.length] ?? 'chain';
  const mixed = (Math.imul(seed ^ 0x5bd1e995, 31) + index * 7919 + variant * 104729) >>> 0;
  const difficulty = settings.source.difficulties?.[family] ?? settings.source.difficulty;
  return { family, difficulty, seed: mixed % 2147483647 };
}
