/**
 * The report's teacher-facing columns on the `answers` table (question text, correct answer, outcome, how it was
 * submitted), added to databases created before they existed. Rows stored before then read back with an outcome
 * derived from what they kept, empty question text and no `submitted`.
 */
import type Database from 'better-sqlite3';
import { storedAnswerNotation } from '../../shared/report/notation';
import type { Outcome } from '../../shared/report/outcome';
import type { ReportRow } from '../report/csv';
import type { Submitted } from '../../shared/report/types';

const COLUMNS: Array<[name: string, decl: string]> = [
  ['question_text', "TEXT NOT NULL DEFAULT ''"],
  ['correct_answer', "TEXT NOT NULL DEFAULT ''"],
  ['outcome', "TEXT NOT NULL DEFAULT ''"],
  ['submitted', "TEXT NOT NULL DEFAULT ''"],
  ['extra_time_ms', 'INTEGER'],
];

/** Adds the missing columns (idempotent; runs once at open). */
export function ensureReportColumns(db: Database.Database): void {
  const have = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('answers')").all().map((c) => c.name));
  for (const [name, decl] of COLUMNS) if (!have.has(name)) db.exec(`ALTER TABLE answers ADD COLUMN ${name} ${decl}`);
}

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
    ...(typeof r.extra_time_ms === 'number' && r.extra_time_ms > 0 ? { extraTimeMs: r.extra_time_ms } : {}),
  };
}
