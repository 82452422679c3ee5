/**
 * The class's summary at the end of a game (docs/game-design.md#the-class-summary): the mistakes the class made,
 * most frequent first, each with how many students made it, on which questions and one example (a student's
 * wrong answer beside the right one, no name); and the topics with the lowest share right. A pure function of
 * the report's rows, so the projector's slide (the server computes it from the room) and the report page (from
 * the stored rows) say the same.
 */
import { FAMILIES, type Family } from '../questions/types';
import type { ReportRow } from './types';

export interface MistakeExample {
  question: number;
  questionText: string;
  /** A student's wrong answer, in the shared notation. */
  answer: string;
  correctAnswer: string;
}

export interface ClassMistake {
  /** The checker's mistake code. */
  mistake: string;
  /** Students who made it at least once. */
  students: number;
  /** Times it was made (a student may make it on several questions). */
  times: number;
  /** Question numbers (1-based) where it was made, in order. */
  questions: number[];
  example: MistakeExample;
}

export interface TopicShare {
  topic: Family;
  /** Answers right, of `results` (every player's result on every question of the topic). */
  right: number;
  results: number;
  /** right / results, 0..1. */
  share: number;
}

export interface ClassSummary {
  /** Players in the report. */
  students: number;
  /** Results right, of every player's result on every question: the game's share right is right / results. */
  right: number;
  results: number;
  /** Named mistakes, most students first (then most times, then by code). */
  mistakes: ClassMistake[];
  /** Wrong answers the checker could not name. */
  unnamedWrong: number;
  /** Topics below every answer right, lowest share first (at most WEAK_TOPICS). */
  weakTopics: TopicShare[];
}

export const WEAK_TOPICS = 3;

/** The family of a row: its recorded topic, else the generator id's prefix ("nested-3-…"); null when unknown. */
export function topicOf(row: Pick<ReportRow, 'topic' | 'questionId'>): Family | null {
  const raw = row.topic ?? '';
  if ((FAMILIES as readonly string[]).includes(raw)) return raw as Family;
  // Longest first: "implicit2-…" is not "implicit".
  const byId = [...FAMILIES].sort((a, b) => b.length - a.length).find((f) => row.questionId.startsWith(`${f}-`));
  return byId ?? null;
}

export function classSummary(rows: readonly ReportRow[]): ClassSummary {
  const sorted = [...rows].sort((a, b) => a.question - b.question);
  const found = new Map<string, { players: Set<string>; times: number; questions: Set<number>; example: MistakeExample }>();
  const topics = new Map<Family, { right: number; results: number }>();
  let unnamedWrong = 0;
  for (const r of sorted) {
    const topic = topicOf(r);
    if (topic) {
      const t = topics.get(topic) ?? { right: 0, results: 0 };
      t.results++;
      if (r.outcome === 'correct') t.right++;
      topics.set(topic, t);
    }
    if (r.outcome !== 'wrong') continue;
    if (!r.mistake) {
      unnamedWrong++;
      continue;
    }
    let m = found.get(r.mistake);
    if (!m) {
      m = { players: new Set(), times: 0, questions: new Set(), example: { question: r.question, questionText: r.questionText, answer: r.answer, correctAnswer: r.correctAnswer } };
      found.set(r.mistake, m);
    }
    m.players.add(r.player);
    m.times++;
    m.questions.add(r.question);
  }
  const mistakes = [...found].map(([mistake, m]): ClassMistake => ({
    mistake, students: m.players.size, times: m.times, questions: [...m.questions].sort((a, b) => a - b), example: m.example,
  }));
  mistakes.sort((a, b) => b.students - a.students || b.times - a.times || a.mistake.localeCompare(b.mistake));
  const weakTopics = [...topics]
    .map(([topic, t]): TopicShare => ({ topic, right: t.right, results: t.results, share: t.results ? t.right / t.results : 0 }))
    .filter((t) => t.share < 1)
    .sort((a, b) => a.share - b.share || a.topic.localeCompare(b.topic))
    .slice(0, WEAK_TOPICS);
  const right = rows.filter((r) => r.outcome === 'correct').length;
  return { students: new Set(rows.map((r) => r.player)).size, right, results: rows.length, mistakes, unnamedWrong, weakTopics };
}
