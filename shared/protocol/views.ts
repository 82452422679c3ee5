/**
 * The state snapshots the server sends. Plain JSON; times are epoch ms on the server's clock, always sent with
 * `serverNow` so a client can correct for its own clock's skew (`deadline - serverNow` is the time left).
 *
 * Players get `PlayerPhaseView` (room-wide, broadcast once to the room) plus `YouView` (their own seat only:
 * score, streak, rank, verdicts). A player never receives the whole board or anyone else's verdict, and before
 * the reveal never the answer: question payloads carry a `PublicQuestion`; the reveal carries the full `Question`
 * of the player's own variant. Question ids on the wire are opaque (`q3`, `q3-v5`) and `seed` is 0: a generator
 * seed would let a client rebuild the answer, or the room's later questions.
 */
import type { LayerVerdict, MistakeCode, Verdict } from '../check/types';
import type { Difficulty, Family, PublicQuestion, Question } from '../questions/types';
import type { RankGap } from '../ranking';
import type { ClassSummary, TopicShare } from '../report/class-summary';
import type { ExtraTime, RoomSettings } from './schemas';

export type { RankGap } from '../ranking';

export type RoomMode = 'classroom' | 'party';
export type Phase = 'lobby' | 'question' | 'reveal' | 'leaderboard' | 'finished';

/** The question clock. `remainingMs` is exact; `deadline` is for display countdowns. */
export type TimerView =
  | { running: true; deadline: number; remainingMs: number; durationMs: number; serverNow: number }
  | { running: false; remainingMs: number; durationMs: number; serverNow: number };

export interface LeaderboardEntry {
  rank: number;
  playerId: string;
  nickname: string;
  score: number;
  streak: number;
}

/** What the class did on one question, for the projector: "12 of 30 forgot the inner derivative". */
export interface RevealStats {
  /** Players in the room when the question closed. */
  players: number;
  /**
   * Players with an answer, by the report's rule (shared/report/outcome.ts: a final, a layer or a draft): sent
   * answers and drafts taken at time-up alike, so `players - answered` is the report's "no answer" count.
   */
  answered: number;
  /** Of `answered`, how many were unsent drafts taken when time ran out (server/rooms/drafts.ts). */
  drafts?: number;
  correct: number;
  /** Per layer (outermost first): how many got it right. Empty for questions without layers. */
  layerCorrect: number[];
  /**
   * Per layer (outermost first): how many filled that box at all. A box left empty is "product only", not wrong
   * (docs/accessibility.md#box-by-box), so each box's bar is out of these. Absent in views from before it existed.
   */
  layerFilled?: number[];
  /** Most frequent first; `null` collects wrong answers with no named mistake. */
  mistakes: Array<{ mistake: MistakeCode | null; count: number }>;
}

/** Summary of settings that players may see (a teacher's task list is not sent to players). */
export interface SettingsSummary {
  questionCount: number;
  /** One time for every question, or null when each question has its topic's time. */
  secondsPerQuestion: number | null;
  entryMode: 'layers' | 'final';
  variants: 'same' | 'per-player';
  speedScoring: boolean;
  leaderboardEvery: number;
  /** A follow-up round: the mistakes it practises (server/rooms/follow-up.ts). */
  followUp?: RoomSettings['followUp'];
}

/** A party room's player as every player of the party sees them (a few friends: outcomes are shared). */
export interface PartyPlayer {
  playerId: string;
  nickname: string;
  score: number;
  rank: number | null;
  connected: boolean;
  /** Created the party: holds the host key as well as this seat. */
  creator: boolean;
  /** Pressed Ready on this reveal or leaderboard. */
  ready: boolean;
  /** While a question is open: gave a final answer (never what it was). */
  answered?: boolean;
  /** At the reveal: this question's outcome and points. */
  result?: { outcome: 'correct' | 'wrong' | 'no answer'; points: number };
}

/** Party rooms only, on every phase view: the group, who is ready, and how the game moves on. */
export interface PartyView {
  /** Join order; at most PARTY_ROSTER_MAX (server/rooms/party-view.ts). */
  players: PartyPlayer[];
  /** True: the game moves on by itself once every connected player is ready; the creator may go on sooner. */
  autoAdvance: boolean;
}

export type PlayerPhaseView = (
  | { phase: 'lobby'; code: string; mode: RoomMode; playerCount: number; locked: boolean; settings: SettingsSummary }
  | {
      phase: 'question';
      index: number;
      total: number;
      question: PublicQuestion;
      /** `layers`: this question is answered box by box (`question.layers`), then the final. */
      entryMode: 'layers' | 'final';
      timer: TimerView;
      /** Server clock when this view was emitted (fan-out measurement, clock skew). */
      sentAt: number;
    }
  | { phase: 'reveal'; index: number; total: number; question: Question; stats: RevealStats }
  | { phase: 'leaderboard'; index: number; total: number; top: LeaderboardEntry[]; playerCount: number }
  | {
      phase: 'finished';
      total: number;
      /** Questions that were played (closed): fewer than `total` after an early End. */
      played?: number;
      podium: LeaderboardEntry[];
      playerCount: number;
      /** Party rooms: the group's weakest topic (shared/report/class-summary.ts), for the interview drill's end page. */
      weakTopic?: TopicShare;
    }
) & {
  /** Party rooms only. */
  party?: PartyView;
};

/** The player's own answer state for the current question (question and reveal phases). */
export interface AnswerState {
  index: number;
  /** Per layer: the verdict once judged, null while open. Empty for a final-only question. */
  layers: Array<LayerVerdict | null>;
  final: Verdict | null;
  /** True once the final answer is in (or time ran out): nothing more is accepted. */
  done: boolean;
  /** Set at the reveal. */
  points: number | null;
  streakBonus: number | null;
  /** At the reveal: the answer scored was the unsent draft the server held when time ran out. */
  fromDraft?: boolean;
}

export interface YouView {
  playerId: string;
  nickname: string;
  /** Hidden names (settings.names 'generated'): the name the projector and the boards show for this player. */
  shownAs?: string;
  score: number;
  streak: number;
  /**
   * Rank among all players once a question has closed (reveal, leaderboard, end; null before): ties share a
   * rank, by the same rule as the leaderboard and the podium (shared/ranking.ts).
   */
  rank: number | null;
  /** Someone else holds the same rank (same score). */
  tied?: boolean;
  /** Points to the next player up, or the lead over the runner-up; null before a question closed or when alone. */
  gap?: RankGap | null;
  playerCount: number;
  answer: AnswerState | null;
  /**
   * The extra time the host gave this player (absent: none). During a question, `extraMs` is how much later than
   * the class's clock their own runs out: their phone counts down to `timer.deadline + extraMs`.
   */
  extraTime?: ExtraTime;
  extraMs?: number;
  /** At the end of the game only: every question with this player's answer (server/rooms/review.ts). */
  review?: PersonalReviewItem[];
}

/** One question of a player's end-of-game review; answers in the shared notation (shared/report/notation.ts). */
export interface PersonalReviewItem {
  index: number;
  /** The question's topic and level: "Practise what you missed" seeds the solo review queue with them. */
  family?: Family;
  difficulty?: Difficulty;
  prompt: { text: string; latex: string };
  /** How the answers are written: expressions are drawn as maths, numbers shown as text. */
  answerKind: 'expr' | 'value' | 'matrix';
  yourAnswer: string;
  rightAnswer: string;
  outcome: 'correct' | 'wrong' | 'no answer';
  mistake: MistakeCode | null;
  points: number;
  /** The answer scored was the unsent draft. */
  fromDraft: boolean;
}

export interface HostPlayer {
  playerId: string;
  nickname: string;
  connected: boolean;
  score: number;
  /** Answered (final given) the open question. */
  answered: boolean;
  /** The extra time the host gave this player (absent: none). */
  extraTime?: ExtraTime;
}

interface HostCommon {
  code: string;
  mode: RoomMode;
  locked: boolean;
  paused: boolean;
  settings: RoomSettings;
  /** Relative join link for the QR code: `/join/CODE`. */
  joinPath: string;
  players: HostPlayer[];
  playerCount: number;
  connectedCount: number;
  serverNow: number;
}

/** The host screen: projected, so it shows the public question until the reveal, like the phones. */
export type HostView = HostCommon &
  (
    | { phase: 'lobby' }
    | {
        phase: 'question';
        index: number;
        total: number;
        question: PublicQuestion;
        entryMode: 'layers' | 'final';
        timer: TimerView;
        answered: number;
        /** Unsent drafts held, which count at time-up (as in HostProgress). */
        drafts?: number;
        /** How many different variants the players got; above 1 `question` is one example of them (variant 1). */
        variants: number;
      }
    | { phase: 'reveal'; index: number; total: number; question: Question; stats: RevealStats; variants: number }
    | { phase: 'leaderboard'; index: number; total: number; top: LeaderboardEntry[] }
    | {
        phase: 'finished';
        total: number;
        /** Questions that were played (closed): fewer than `total` after an early End. */
        played?: number;
        podium: LeaderboardEntry[];
        ranking: LeaderboardEntry[];
        /** `GET` this (with `?secret=`) for the CSV report. */
        reportPath: string;
        /** The class's mistakes and weakest topics (shared/report/class-summary.ts): the slide after the podium. */
        summary: ClassSummary;
        /** Which game of the room this was (2 after a follow-up round): its report is `?game=` this. */
        game: number;
      }
  );

/** Live answer counts for the host during a question (throttled). */
export interface HostProgress {
  index: number;
  /** Players who sent a final answer. */
  answered: number;
  /** Players who have not sent one but hold a readable draft: it counts as their answer at time-up. */
  drafts?: number;
  connected: number;
  players: number;
}
