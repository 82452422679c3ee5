/**
 * The game report as CSV (RFC 4180) for a spreadsheet: one row per player and question. Player-controlled
 * text (nicknames, answers) is data: cells that a spreadsheet would run as a formula are defused.
 */
import type { RoomState } from '../rooms/types';

export interface ReportRow {
  player: string;
  question: number;
  questionId: string;
  answer: string;
  correct: boolean;
  mistake: string;
  timeMs: number | null;
  points: number;
}

export const CSV_HEADER = ['player', 'question', 'question_id', 'answer', 'correct', 'mistake', 'time_ms', 'points'];

/** Rows for every finished round of a room, in question order then join order. */
export function reportRows(state: RoomState): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const round of state.rounds) {
    for (const r of Object.values(round.results)) {
      rows.push({
        player: r.nickname,
        question: round.index + 1,
        questionId: r.questionId,
        answer: r.answer,
        correct: r.correct,
        mistake: r.verdict && !r.verdict.correct ? (r.verdict.mistake ?? '') : '',
        timeMs: r.timeMs === null ? null : Math.round(r.timeMs),
        points: r.points,
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

export function toCsv(rows: ReportRow[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of rows) {
    lines.push([r.player, r.question, r.questionId, r.answer, r.correct, r.mistake, r.timeMs, r.points].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
