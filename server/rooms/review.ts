/**
 * A player's own end-of-game review: each question of the game with their answer and the right one in the same
 * notation, correct / wrong / no answer, the named mistake and the points. Sent only to that player, only once
 * the game is over (answers of later players' variants are never exposed while the game runs).
 */
import type { PersonalReviewItem } from '../../shared/protocol';
import type { Question } from '../../shared/questions/types';
import { correctNotation, storedAnswerNotation } from '../../shared/report/notation';
import { outcomeOf } from '../../shared/report/outcome';
import { questionFor } from './questions';
import type { PlayerRecord, RoomState } from './types';

function answerKind(q: Question): PersonalReviewItem['answerKind'] {
  return q.answer.expr !== undefined ? 'expr' : q.answer.matrix ? 'matrix' : 'value';
}

/** The question a result was given for (its variant), found by id; the room's own variant as a fallback. */
export function questionOfResult(state: RoomState, index: number, questionId: string | undefined, player?: PlayerRecord): Question {
  if (questionId !== undefined) {
    for (const q of Object.values(state.questions)) if (q.id === questionId) return q;
    for (const q of state.solved) if (q.id === questionId) return q;
  }
  return questionFor(state, index, player);
}

export function personalReview(state: RoomState, player: PlayerRecord): PersonalReviewItem[] {
  return state.rounds.map((round) => {
    const r = round.results[player.id];
    const q = questionOfResult(state, round.index, r?.questionId, player);
    const outcome = r ? outcomeOf(r) : 'no answer';
    return {
      index: round.index,
      family: q.family,
      difficulty: q.difficulty,
      prompt: { text: q.prompt.text, latex: q.prompt.latex },
      answerKind: answerKind(q),
      yourAnswer: r ? storedAnswerNotation(r.answer) : '',
      rightAnswer: correctNotation(q.answer),
      outcome,
      mistake: outcome === 'wrong' ? (r?.verdict?.mistake ?? null) : null,
      points: r?.points ?? 0,
      fromDraft: r?.fromDraft === true,
    };
  });
}
