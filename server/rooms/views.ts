/**
 * What each audience may see of a room, built from the state. Players get the public question until the reveal
 * (toPublicQuestion builds it field by field), their own seat only, and the top of the board; the host screen
 * is projected, so it too gets the public question until the reveal.
 */
import type {
  AnswerState,
  HostProgress,
  HostView,
  LeaderboardEntry,
  PlayerPhaseView,
  SettingsSummary,
  TimerView,
  YouView,
} from '../../shared/protocol';
import { toPublicQuestion } from '../../shared/questions/public';
import { classSummary } from '../../shared/report/class-summary';
import { reportRows } from '../report/csv';
import { gapAt, isTied } from '../../shared/ranking';
import { rankedPlayers, rankOrder } from './close';
import type { PublicQuestion, Question } from '../../shared/questions/types';
import { layersAllowed, questionFor, totalQuestions, variantOf } from './questions';
import { partyView } from './party-view';
import { personalReview } from './review';
import { shownName } from './shown-names';
import { getEntry } from './table';
import type { PhaseOf, PlayerRecord, RoomState } from './types';
import { extraMs } from './extra-time';

export const PLAYER_TOP = 5;
export const HOST_TOP = 10;
export const PODIUM = 3;
/** At most this many names on the podium when many players tie for its places. */
export const PODIUM_MAX = 12;

export function summary(state: RoomState): SettingsSummary {
  const s = state.settings;
  return {
    questionCount: totalQuestions(state),
    secondsPerQuestion: s.secondsPerQuestion ?? null,
    entryMode: s.entryMode,
    variants: s.variants,
    speedScoring: s.speedScoring,
    leaderboardEvery: s.leaderboardEvery,
    ...(s.followUp ? { followUp: s.followUp } : {}),
  };
}

export function timerView(state: PhaseOf<'question'>, now: number): TimerView {
  const t = state.timer;
  if (!t.running) return { running: false, remainingMs: t.remainingMs, durationMs: state.durationMs, serverNow: now };
  const remainingMs = Math.max(0, t.deadline - now);
  return { running: true, deadline: t.deadline, remainingMs, durationMs: state.durationMs, serverNow: now };
}

export function topEntries(state: RoomState, n: number): LeaderboardEntry[] {
  return rankOrder(state.players, state.order)
    .slice(0, n)
    .map((p) => entry(state, p));
}

/**
 * Everyone on the podium's three places, ties included (two players tied for third both stand on it, as their
 * phones say), bounded so a room where everyone tied does not send the whole class.
 */
export function podiumEntries(state: RoomState): LeaderboardEntry[] {
  const list = rankOrder(state.players, state.order);
  const end = list.findIndex((p) => p.rank > PODIUM);
  return list.slice(0, Math.min(end < 0 ? list.length : end, PODIUM_MAX)).map((p) => entry(state, p));
}

function entry(state: RoomState, p: PlayerRecord & { rank: number }): LeaderboardEntry {
  return { rank: p.rank, playerId: p.id, nickname: shownName(state, p), score: p.score, streak: p.streak };
}

/** The opaque id a client sees for question `index` as `player` gets it: position and variant, never the seed. */
export function publicId(state: RoomState, index: number, player?: PlayerRecord): string {
  const variant = variantOf(state, player);
  return variant === 0 ? `q${index + 1}` : `q${index + 1}-v${variant + 1}`;
}

function publicQuestion(state: RoomState, index: number, player?: PlayerRecord): PublicQuestion {
  return { ...toPublicQuestion(questionFor(state, index, player)), id: publicId(state, index, player) };
}

/** The full question for the reveal, under its public id and without the generator seed. */
export function revealedQuestion(state: RoomState, index: number, player?: PlayerRecord): Question {
  return { ...questionFor(state, index, player), id: publicId(state, index, player), seed: 0 };
}

/** How many different variants the seated players got (1 unless every player gets their own). */
export function variantCount(state: RoomState): number {
  const seen = new Set<number>([0]);
  for (const id of state.order) seen.add(variantOf(state, getEntry(state.players, id)));
  return seen.size;
}

/** The room-wide view for players; `player` picks the variant in per-player question mode. */
export function playerPhaseView(state: RoomState, now: number, player?: PlayerRecord): PlayerPhaseView {
  const view = phaseView(state, now, player);
  const party = partyView(state);
  return party ? { ...view, party } : view;
}

function phaseView(state: RoomState, now: number, player?: PlayerRecord): PlayerPhaseView {
  const total = totalQuestions(state);
  switch (state.phase) {
    case 'lobby':
      return { phase: 'lobby', code: state.code, mode: state.mode, playerCount: state.order.length, locked: state.locked, settings: summary(state) };
    case 'question': {
      const q = questionFor(state, state.index, player);
      const entryMode = layersAllowed(state, q) ? 'layers' : 'final';
      const question = publicQuestion(state, state.index, player);
      return { phase: 'question', index: state.index, total, question, entryMode, timer: timerView(state, now), sentAt: now };
    }
    case 'reveal':
      return { phase: 'reveal', index: state.index, total, question: revealedQuestion(state, state.index, player), stats: state.stats };
    case 'leaderboard':
      return { phase: 'leaderboard', index: state.index, total, top: topEntries(state, PLAYER_TOP), playerCount: state.order.length };
    case 'finished':
    {
      const weakTopic = state.mode === 'party' ? classSummary(reportRows(state)).weakTopics[0] : undefined;
      return { phase: 'finished', total, played: state.rounds.length, podium: podiumEntries(state), playerCount: state.order.length, ...(weakTopic ? { weakTopic } : {}) };
    }
    default:
      return assertNever(state);
  }
}

export function youView(state: RoomState, player: PlayerRecord): YouView {
  const you: YouView = {
    playerId: player.id,
    nickname: player.nickname,
    score: player.score,
    streak: player.streak,
    rank: null,
    gap: null,
    playerCount: state.order.length,
    answer: answerState(state, player),
  };
  if (state.settings.names === 'generated') you.shownAs = shownName(state, player);
  if (player.extraTime) {
    you.extraTime = player.extraTime;
    if (state.phase === 'question') you.extraMs = extraMs(player, state.durationMs);
  }
  // From the first reveal on, the same ranking as the leaderboard and the podium, with the gap to the next place.
  if (state.rounds.length > 0 || state.phase === 'finished') {
    const ranked = rankedPlayers(state.players, state.order);
    const pos = ranked.pos.get(player.id);
    if (pos !== undefined) {
      you.rank = ranked.list[pos]?.rank ?? null;
      you.tied = isTied(ranked.list, pos);
      // The gap names the neighbour as the boards do: under its generated name when names are hidden.
      you.gap = gapAt(ranked.list, pos, (p) => shownName(state, p));
    }
  }
  if (state.phase === 'finished') you.review = personalReview(state, player);
  return you;
}

/** The player's own verdicts for the open question, or their result at the reveal. */
export function answerState(state: RoomState, player: PlayerRecord): AnswerState | null {
  if (state.phase === 'question') {
    const sub = getEntry(state.answers, player.id);
    const n = questionFor(state, state.index, player).layers?.length ?? 0;
    const layers = layersAllowed(state, questionFor(state, state.index, player)) ? (sub?.layers ?? new Array<null>(n).fill(null)) : [];
    return { index: state.index, layers, final: sub?.final ?? null, done: sub?.final != null, points: null, streakBonus: null };
  }
  if (state.phase !== 'reveal') return null;
  return roundAnswerState(state, player, state.index);
}

/** The player's result on round `index` once it closed (nothing given: done, no points). */
export function roundAnswerState(state: RoomState, player: PlayerRecord, index: number): AnswerState {
  const r = state.rounds.find((round) => round.index === index)?.results[player.id];
  if (!r) return { index, layers: [], final: null, done: true, points: 0, streakBonus: 0 };
  const out: AnswerState = { index, layers: r.layers, final: r.verdict, done: true, points: r.points, streakBonus: r.streakBonus };
  if (r.fromDraft) out.fromDraft = true;
  return out;
}

export function hostView(state: RoomState, now: number): HostView {
  const players = state.order.map((id) => getEntry(state.players, id)).filter((p): p is PlayerRecord => p !== undefined);
  const common = {
    code: state.code,
    mode: state.mode,
    locked: state.locked,
    paused: state.phase === 'question' && !state.timer.running,
    settings: state.settings,
    joinPath: `/join/${state.code}`,
    players: players.map((p) => ({
      playerId: p.id,
      nickname: shownName(state, p),
      connected: p.connected,
      score: p.score,
      answered: state.phase === 'question' && getEntry(state.answers, p.id)?.final != null,
      ...(p.extraTime ? { extraTime: p.extraTime } : {}),
    })),
    playerCount: players.length,
    connectedCount: players.filter((p) => p.connected).length,
    serverNow: now,
  };
  const total = totalQuestions(state);
  switch (state.phase) {
    case 'lobby':
      return { ...common, phase: 'lobby' };
    case 'question': {
      const q = questionFor(state, state.index);
      const entryMode = layersAllowed(state, q) ? 'layers' : 'final';
      const { answered, drafts } = answerCounts(state);
      const question = publicQuestion(state, state.index);
      const variants = variantCount(state);
      return { ...common, phase: 'question', index: state.index, total, question, entryMode, timer: timerView(state, now), answered, drafts, variants };
    }
    case 'reveal':
      return { ...common, phase: 'reveal', index: state.index, total, question: revealedQuestion(state, state.index), stats: state.stats, variants: variantCount(state) };
    case 'leaderboard':
      return { ...common, phase: 'leaderboard', index: state.index, total, top: topEntries(state, HOST_TOP) };
    case 'finished':
      return {
        ...common,
        phase: 'finished',
        total,
        played: state.rounds.length,
        podium: podiumEntries(state),
        ranking: topEntries(state, state.order.length),
        reportPath: `/api/rooms/${state.code}/report.csv`,
        summary: classSummary(reportRows(state)),
        game: state.game ?? 1,
      };
    default:
      return assertNever(state);
  }
}

export function hostProgress(state: RoomState): HostProgress | null {
  if (state.phase !== 'question') return null;
  let connected = 0;
  for (const id of state.order) if (getEntry(state.players, id)?.connected) connected++;
  return { index: state.index, ...answerCounts(state), connected, players: state.order.length };
}

/** Finals sent, and drafts held by players who sent none (they count at time-up: server/rooms/drafts.ts). */
function answerCounts(state: PhaseOf<'question'>): { answered: number; drafts: number } {
  let answered = 0;
  let drafts = 0;
  for (const id of state.order) {
    const sub = getEntry(state.answers, id);
    if (sub?.final) answered++;
    else if (sub?.draft) drafts++;
  }
  return { answered, drafts };
}

function assertNever(value: never): never {
  throw new Error(`unhandled phase: ${JSON.stringify(value)}`);
}
