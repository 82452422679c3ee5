/**
 * "Practise these": the follow-up round (docs/game-design.md#the-follow-up-round). From a finished game, a new
 * game in the same room with the same seated players, back in the lobby with scores at zero (the first game's
 * report was saved when it finished: its scores are kept there), made of questions aimed at the class's top
 * mistakes through the mistake → follow-up table (shared/followup). Without a named mistake it practises the
 * weakest topics instead; when every answer was right there is nothing to practise and the command is refused.
 * Pure: the questions follow from the room's seed and results, so a replay after a crash makes the same round.
 */
import { MISTAKE_CODES, type MistakeCode } from '../../shared/check/types';
import { followUpRound } from '../../shared/followup/generate';
import type { RoomSettings } from '../../shared/protocol';
import { classSummary } from '../../shared/report/class-summary';
import { reportRows } from '../report/csv';
import { prepareSettings } from './questions';
import { getEntry, tableOf } from './table';
import type { PlayerRecord, RoomDeps, RoomState, Transition } from './types';

/** Mistakes a follow-up round aims at: the class's most frequent. */
export const FOLLOW_UP_MISTAKES = 3;
/** Questions in a follow-up round: enough to meet each aimed mistake more than once, short enough for the lesson's end. */
export const FOLLOW_UP_QUESTIONS = 5;

const isCode = (m: string): m is MistakeCode => (MISTAKE_CODES as readonly string[]).includes(m);

/** The follow-up round's settings and questions for a finished room, or why there is none. */
export function followUpSettings(state: RoomState): { settings: RoomSettings; solved: ReturnType<typeof followUpRound> } | { error: string } {
  const summary = classSummary(reportRows(state));
  const mistakes = summary.mistakes.map((m) => m.mistake).filter(isCode).slice(0, FOLLOW_UP_MISTAKES);
  const topics = summary.weakTopics.map((t) => t.topic);
  const base = { ...state.settings, variants: 'same' as const, questionCount: FOLLOW_UP_QUESTIONS, followUp: { mistakes, topics } };
  // A new seed per round, from the room's: a second follow-up gives new questions.
  const seed = (Math.imul(state.seed ^ 0x27d4eb2d, (state.game ?? 1) + 1) >>> 0) % 2147483647;
  if (mistakes.length > 0) {
    const solved = followUpRound(mistakes, FOLLOW_UP_QUESTIONS, seed);
    const tasks = solved.map((q) => ({ family: q.family, task: q.task as unknown as Record<string, unknown>, difficulty: q.difficulty }));
    return { settings: { ...base, source: { kind: 'tasks', tasks } }, solved };
  }
  if (topics.length === 0) return { error: 'Nothing to practise: every answer was right.' };
  const old = state.settings.source;
  const difficulty = old.kind === 'generated' ? old.difficulty : 3;
  const difficulties = old.kind === 'generated' ? old.difficulties : undefined;
  const source = { kind: 'generated' as const, families: topics, difficulty, ...(difficulties ? { difficulties } : {}) };
  return { settings: { ...base, source, seed }, solved: [] };
}

/** The finished room back in the lobby for its follow-up round, everyone still seated, scores at zero. */
export function followUp(state: RoomState, now: number, deps: RoomDeps): Transition {
  if (state.phase !== 'finished') return { ok: false, error: 'wrong-phase' };
  const made = followUpSettings(state);
  if ('error' in made) return { ok: false, error: 'settings-invalid', detail: made.error };
  const prepared = prepareSettings(made.settings, deps, made.settings.source.kind === 'tasks' ? made.solved : undefined);
  if (!prepared.ok) return { ok: false, error: prepared.error, detail: prepared.detail };
  const players = tableOf(state.order.map((id) => getEntry(state.players, id)).filter((p): p is PlayerRecord => p !== undefined)
    .map((p): [string, PlayerRecord] => [p.id, { ...p, score: 0, streak: 0, rank: null }]));
  const { phase: _phase, finishedAt: _finished, ready: _ready, ...common } = state;
  const next: RoomState = {
    ...common,
    phase: 'lobby',
    settings: made.settings,
    seed: made.settings.seed ?? state.seed,
    createdAt: now,
    game: (state.game ?? 1) + 1,
    players,
    solved: prepared.solved,
    questions: {},
    rounds: [],
  };
  return { ok: true, state: next, effects: [{ type: 'phase' }, { type: 'you', playerIds: 'all' }, { type: 'roster' }] };
}
