/**
 * The per-question summary of a report, a second CSV: for each question (each variant, when every player had
 * their own) how many players answered right, wrong or not at all, the share right, the most common mistakes
 * by name with their counts, and the median time of those who answered.
 */
import { mistakeName } from '../../shared/report/mistake-names';
import type { QuestionSummary, ReportData, ReportRow } from '../../shared/report/types';
import { csvLines, seconds } from './csv';

export type { QuestionSummary, ReportData };

export const SUMMARY_HEADER = [
  'question', 'question_text', 'correct_answer', 'players', 'correct', 'wrong', 'no_answer', 'share_right', 'top_mistakes', 'median_time_s', 'question_id',
];


const TOP = 3;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? null) : Math.round(((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2);
}

/** One summary per question and variant, in question order. */
export function summarize(rows: ReportRow[]): QuestionSummary[] {
  const groups = new Map<string, ReportRow[]>();
  for (const r of rows) {
    const key = `${r.question}\u0000${r.questionId}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const out: QuestionSummary[] = [];
  for (const g of groups.values()) {
    const first = g[0];
    if (!first) continue;
    const count = (o: ReportRow['outcome']): number => g.filter((r) => r.outcome === o).length;
    const mistakes = new Map<string, number>();
    for (const r of g) if (r.outcome === 'wrong' && r.mistake) mistakes.set(r.mistake, (mistakes.get(r.mistake) ?? 0) + 1);
    out.push({
      question: first.question,
      questionId: first.questionId,
      questionText: first.questionText,
      correctAnswer: first.correctAnswer,
      players: g.length,
      correct: count('correct'),
      wrong: count('wrong'),
      noAnswer: count('no answer'),
      shareRight: g.length ? count('correct') / g.length : 0,
      topMistakes: [...mistakes].map(([mistake, n]) => ({ mistake, count: n }))
        .sort((a, b) => b.count - a.count || a.mistake.localeCompare(b.mistake)).slice(0, TOP),
      medianTimeMs: median(g.filter((r) => r.outcome !== 'no answer' && r.timeMs !== null).map((r) => r.timeMs ?? 0)),
    });
  }
  return out.sort((a, b) => a.question - b.question || a.questionId.localeCompare(b.questionId));
}

export function summaryCsv(rows: ReportRow[]): string {
  return csvLines(SUMMARY_HEADER, summarize(rows).map((s) => [
    s.question, s.questionText, s.correctAnswer, s.players, s.correct, s.wrong, s.noAnswer,
    `${Math.round(s.shareRight * 100)}%`,
    s.topMistakes.map((m) => `${mistakeName(m.mistake)} (${m.count})`).join('; '),
    seconds(s.medianTimeMs), s.questionId,
  ]));
}


export function reportJson(rows: ReportRow[]): string {
  const data: ReportData = { rows, summary: summarize(rows) };
  return JSON.stringify(data);
}
