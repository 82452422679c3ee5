/**
 * The shapes of a game report, shared by the server that builds it (server/report) and the report page that
 * shows it (client/src/screens/report).
 */
import type { Outcome } from './outcome';

export interface ReportRow {
  player: string;
  question: number;
  questionId: string;
  /** The question as text ("Differentiate y = sin(x^2) with respect to x"). */
  questionText: string;
  /** The correct answer in the shared notation. */
  correctAnswer: string;
  /** The player's answer in the same notation; '' for no answer. */
  answer: string;
  outcome: Outcome;
  correct: boolean;
  /** The checker's mistake code on a wrong answer, else ''. */
  mistake: string;
  timeMs: number | null;
  points: number;
  /**
   * How the answer reached the server: `sent` (Submit, or a layer sent), `draft` (typed but not sent, taken when
   * time ran out: server/rooms/drafts.ts), `none`. Absent on rows stored before it was recorded.
   */
  submitted?: Submitted;
  /** Extra time the player had on this question, ms (docs/accessibility.md#extra-time); absent: none. */
  extraTimeMs?: number;
  /** The question's family (its topic). Absent on rows stored before it was recorded (read from the id then). */
  topic?: string;
}

export type Submitted = 'sent' | 'draft' | 'none';

export interface QuestionSummary {
  question: number;
  questionId: string;
  questionText: string;
  correctAnswer: string;
  players: number;
  correct: number;
  wrong: number;
  noAnswer: number;
  /** correct / players, 0..1. */
  shareRight: number;
  /** Named mistakes, most frequent first (ties by name). */
  topMistakes: Array<{ mistake: string; count: number }>;
  medianTimeMs: number | null;
}

/** What the report page shows: every row and the per-question summary. */
export interface ReportData {
  rows: ReportRow[];
  summary: QuestionSummary[];
}
