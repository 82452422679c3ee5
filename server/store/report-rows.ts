/**
 * A stored `answers` row, from either engine, as a report row. Rows stored before the report's teacher-facing
 * columns existed (sqlite-migrations.ts 2 to 4) read back with an outcome derived from what they kept, empty
 * question text, no `submitted` and no `topic`.
 */
import { storedAnswerNotation } from '../../shared/report/notation';
import type { Outcome } from '../../shared/report/outcome';
import type { ReportRow } from '../report/csv';
import type { Submitted } from '../../shared/report/types';

const OUTCOMES: readonly Outcome[] = ['correct', 'wrong', 'no answer'];
const SUBMITTED: readonly Submitted[] = ['sent', 'draft', 'none'];

/** A stored `answers` row as a report row. */
export function rowFromDb(r: Record<string, unknown>): ReportRow {
  const correct = r.correct === 1;
  const answer = storedAnswerNotation(String(r.answer));
  const stored = OUTCOMES.find((o) => o === r.outcome);
  const submitted = SUBMITTED.find((v) => v === r.submitted);
  return {
    player: String(r.player),
    question: Number(r.question),
    questionId: String(r.question_id),
    questionText: typeof r.question_text === 'string' ? r.question_text : '',
    correctAnswer: typeof r.correct_answer === 'string' ? r.correct_answer : '',
    answer,
    outcome: stored ?? (correct ? 'correct' : answer === '' ? 'no answer' : 'wrong'),
    correct,
    mistake: String(r.mistake),
    timeMs: r.time_ms === null || r.time_ms === undefined ? null : Number(r.time_ms),
    points: Number(r.points),
    ...(submitted ? { submitted } : {}),
    ...(typeof r.topic === 'string' && r.topic !== '' ? { topic: r.topic } : {}),
    ...(typeof r.extra_time_ms === 'number' && r.extra_time_ms > 0 ? { extraTimeMs: r.extra_time_ms } : {}),
  };
}
