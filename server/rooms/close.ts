/**
 * Closing a round: score every player (scoring.ts), rank the room, and build the reveal's class statistics.
 */
import type { MistakeCode } from '../../shared/check/types';
import type { RevealStats } from '../../shared/protocol';
import { standings } from '../../shared/ranking';
import { outcomeOf } from '../../shared/report/outcome';
import { scoreAnswer } from '../../shared/scoring';
import { effectiveSubmission } from './drafts';
import { extraMs } from './extra-time';
import { layersAllowed, questionFor } from './questions';
import { getEntry, tableOf, type Table } from './table';
import type { PhaseOf, PlayerRecord, PlayerResult, RoomEffect, RoomState, Submission, Transition } from './types';

export function closeRound(state: PhaseOf<'question'>, effects: RoomEffect[]): Transition {
  const results: Record<string, PlayerResult> = {};
  const players: PlayerRecord[] = [];
  for (const id of state.order) {
    const player = getEntry(state.players, id);
    if (!player) continue;
    const held = getEntry(state.answers, id);
    const sub = effectiveSubmission(held);
    const result = resultFor(state, player, sub);
    if (sub !== held) result.fromDraft = true;
    results[id] = result;
    const streak = result.correct ? player.streak + 1 : 0;
    players.push({ ...player, score: player.score + result.points, streak });
  }
  const ranked = withRanks(tableOf(players.map((p) => [p.id, p])), state.order);
  const stats = revealStats(state, results);
  const { answers: _answers, finals: _finals, timer: _timer, durationMs: _duration, ...common } = state;
  const next: RoomState = {
    ...common,
    phase: 'reveal',
    players: ranked,
    rounds: [...state.rounds, { index: state.index, results }],
    stats,
  };
  return { ok: true, state: next, effects: [...effects, { type: 'cancel-timer' }, { type: 'phase' }, { type: 'you', playerIds: 'all' }] };
}

function resultFor(state: PhaseOf<'question'>, player: PlayerRecord, sub: Submission | undefined): PlayerResult {
  const q = questionFor(state, state.index, player);
  const useLayers = layersAllowed(state, q);
  const correct = sub?.final?.correct === true;
  const answered = sub !== undefined && (sub.final !== null || sub.layers.some((l) => l !== null));
  // Speed is judged against the player's own time: extra time is time, not a penalty (extra-time.ts).
  const extra = extraMs(player, state.durationMs);
  const durationMs = state.durationMs + extra;
  const score = scoreAnswer({
    correct,
    elapsedMs: sub?.elapsedMs ?? durationMs,
    durationMs,
    speedScoring: state.settings.speedScoring,
    late: !answered,
    streakBefore: player.streak,
    ...(useLayers && sub ? { layers: { total: sub.layers.length, correct: sub.layers.filter((l) => l?.correct).length } } : {}),
  });
  return {
    playerId: player.id,
    nickname: player.nickname,
    questionId: q.id,
    answer: answerText(sub),
    layerInputs: sub?.layerInputs ?? [],
    layers: sub?.layers ?? [],
    verdict: sub?.final ?? null,
    correct,
    timeMs: sub?.elapsedMs ?? null,
    points: score.points,
    streakBonus: score.streakBonus,
    ...(extra > 0 ? { extraMs: extra } : {}),
  };
}

function answerText(sub: Submission | undefined): string {
  const input = sub?.finalInput;
  if (input === undefined || input === null) return '';
  return typeof input === 'string' ? input : JSON.stringify(input);
}

/** The room ranked: players best first with their ranks, and where each one stands in that list. */
export interface Ranked {
  list: Array<PlayerRecord & { rank: number }>;
  /** Position in `list` by player id. */
  pos: Map<string, number>;
}

const rankedCache = new WeakMap<Table<PlayerRecord>, { order: string[]; ranked: Ranked }>();

/**
 * The room's players best first with their ranks (shared/ranking.ts: competition ranking, ties share a rank and
 * keep seat order). Ranks are computed from the scores here, never read back from a stored field, so a kick
 * between rounds cannot leave a gap. Cached per players table (tables are immutable): a lecture hall's `you`
 * views all read one list instead of sorting the room once per phone.
 */
export function rankedPlayers(players: Table<PlayerRecord>, order: string[]): Ranked {
  const hit = rankedCache.get(players);
  if (hit && hit.order === order) return hit.ranked;
  const seated = order.map((id) => getEntry(players, id)).filter((p): p is PlayerRecord => p !== undefined);
  const list = standings(seated.sort((a, b) => a.seat - b.seat));
  const ranked = { list, pos: new Map(list.map((p, i) => [p.id, i])) };
  rankedCache.set(players, { order, ranked });
  return ranked;
}

/** Competition ranking (1, 1, 3): higher score first; ties share a rank, listed in seat order. */
export function rankOrder(players: Table<PlayerRecord>, order: string[]): Array<PlayerRecord & { rank: number }> {
  return rankedPlayers(players, order).list;
}

/** The players with their `rank` field set from the ranking above. */
export function withRanks(players: Table<PlayerRecord>, order: string[]): Table<PlayerRecord> {
  return tableOf(rankOrder(players, order).map((p): [string, PlayerRecord] => [p.id, p]));
}

/**
 * The class's results, counted by the report's rule (shared/report/outcome.ts) so the projector's bars, the
 * phones' reviews and the CSV agree: a draft taken at time-up is an answer, and so is a layer sent without the
 * product (a wrong one).
 */
function revealStats(state: PhaseOf<'question'>, results: Record<string, PlayerResult>): RevealStats {
  const layerCount = layersAllowed(state, questionFor(state, state.index)) ? (questionFor(state, state.index).layers?.length ?? 0) : 0;
  const layerCorrect = new Array<number>(layerCount).fill(0);
  const layerFilled = new Array<number>(layerCount).fill(0);
  const mistakes = new Map<MistakeCode | null, number>();
  let answered = 0;
  let correct = 0;
  let drafts = 0;
  for (const r of Object.values(results)) {
    r.layers.forEach((l, i) => {
      if (!l || i >= layerCount) return;
      layerFilled[i] = (layerFilled[i] ?? 0) + 1;
      if (l.correct) layerCorrect[i] = (layerCorrect[i] ?? 0) + 1;
    });
    const outcome = outcomeOf(r);
    if (outcome === 'no answer') continue;
    answered++;
    if (r.fromDraft) drafts++;
    if (outcome === 'correct') correct++;
    else mistakes.set(r.verdict?.mistake ?? null, (mistakes.get(r.verdict?.mistake ?? null) ?? 0) + 1);
  }
  const list = [...mistakes].map(([mistake, count]) => ({ mistake, count }));
  list.sort((a, b) => b.count - a.count);
  return { players: Object.keys(results).length, answered, drafts, correct, layerCorrect, layerFilled, mistakes: list };
}
