/**
 * The game report as CSV (RFC 4180) for a spreadsheet: one row per player and question, with the question's
 * text, the correct answer and the player's answer in the same notation (shared/report/notation.ts; vectors
 * and matrices flattened to "[a, b; c, d]", never JSON), correct / wrong / no answer, the mistake by name, the
 * time in seconds and the points, then how the answer was submitted (sent, a draft taken at the deadline, none)
 * and the extra time the player had on the question, in seconds (empty: none).
 * The per-question summary is in summary.ts. Player-controlled text
 * (nicknames, answers) is data: cells that a spreadsheet would run as a formula are defused.
 */
import { mistakeName } from '../../shared/report/mistake-names';
import { correctNotation, storedAnswerNotation } from '../../shared/report/notation';
import { outcomeOf } from '../../shared/report/outcome';
import type { ReportRow, Submitted } from '../../shared/report/types';

export type { ReportRow };
import { questionOfResult } from '../rooms/review';
import { getEntry } from '../rooms/table';
import type { RoomState } from '../rooms/types';


/** Columns only ever appended at the end: other tools read them by position. */
export const CSV_HEADER = ['player', 'question', 'question_text', 'correct_answer', 'answer', 'result', 'mistake', 'time_s', 'points', 'question_id', 'submitted', 'extra_time_s'];

/** The `submitted` cell: how the answer reached the server; empty for rows stored before it was recorded. */
export const SUBMITTED_WORDS: Record<Submitted, string> = { sent: 'sent', draft: 'draft at deadline', none: 'none' };

/** Rows for every finished round of a room, in question order then join order. */
export function reportRows(state: RoomState): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const round of state.rounds) {
    for (const r of Object.values(round.results)) {
      const q = questionOfResult(state, round.index, r.questionId, getEntry(state.players, r.playerId));
      const outcome = outcomeOf(r);
      rows.push({
        player: r.nickname,
        question: round.index + 1,
        questionId: r.questionId,
        questionText: q.prompt.text,
        correctAnswer: correctNotation(q.answer),
        answer: storedAnswerNotation(r.answer),
        outcome,
        correct: r.correct,
        mistake: outcome === 'wrong' ? (r.verdict?.mistake ?? '') : '',
        timeMs: r.timeMs === null || outcome === 'no answer' ? null : Math.round(r.timeMs),
        points: r.points,
        submitted: outcome === 'no answer' ? 'none' : r.fromDraft ? 'draft' : 'sent',
        topic: q.family,
        ...(r.extraMs ? { extraTimeMs: r.extraMs } : {}),
      });
    }
  }
  return rows;
}

/**
 * One CSV cell. Text starting with = + - @ (or a tab / carriage return, which some spreadsheets skip before
 * reading a formula) gets a leading apostrophe (OWASP CSV injection); quotes are doubled; cells with a comma,
 * quote or line break are quoted.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || /^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Lines of cells as CSV text, CRLF-terminated. */
export function csvLines(header: string[], rows: Array<Array<string | number | boolean | null>>): string {
  return `${[header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n')}\r\n`;
}

/** Seconds with one decimal, for people; null stays empty. */
export const seconds = (ms: number | null): string | null => (ms === null ? null : (ms / 1000).toFixed(1));

export function toCsv(rows: ReportRow[]): string {
  return csvLines(CSV_HEADER, rows.map((r) => [
    r.player, r.question, r.questionText, r.correctAnswer, r.answer, r.outcome,
    r.mistake ? mistakeName(r.mistake) : '', seconds(r.timeMs), r.points, r.questionId,
    r.submitted ? SUBMITTED_WORDS[r.submitted] : '',
    r.extraTimeMs ? seconds(r.extraTimeMs) : '',
  ]));
}
