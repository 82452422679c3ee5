/**
 * The room as data. A room is a union tagged by `phase`; fields that exist only in one phase (the deadline,
 * the answers being collected) live only in that phase's member, so no code can read a stale deadline.
 * Everything is plain JSON: a room can be snapshotted, restored and inspected in tests.
 */
import type { AnswerInput, LayerVerdict, Verdict } from '../../shared/check/types';
import type { DraftAnswer, ErrorCode, ExtraTime, HostCommand, RevealStats, RoomMode, RoomSettings, SubmitAnswer } from '../../shared/protocol';
import type { Question } from '../../shared/questions/types';
import type { Table } from './table';

export interface PlayerRecord {
  id: string;
  nickname: string;
  /** Case-folded nickname: uniqueness is case-insensitive. */
  key: string;
  /** SHA-256 of the secret that lets this player return to the seat (the secret itself is never stored). */
  tokenHash: string;
  /** The device that took the seat: one seat per device per room, and a kick bars the device. */
  device: string;
  connected: boolean;
  /**
   * When the seat went offline (server clock), null while connected. A player who left on purpose counts as gone
   * since `offlineSince + GONE_GRACE_MS <= now` at once. Decides whether the round may close without them.
   */
  offlineSince: number | null;
  score: number;
  streak: number;
  rank: number | null;
  /** Join order; picks this player's variant when every player gets a different one. */
  seat: number;
  /** Extra time per question the host gave this student (absent: none; server/rooms/extra-time.ts). */
  extraTime?: ExtraTime;
}

/** One player's answers to the open question. A judged layer or final is never judged again. */
export interface Submission {
  layerInputs: Array<string | null>;
  layers: Array<LayerVerdict | null>;
  finalInput: AnswerInput | null;
  final: Verdict | null;
  /** Time of the last accepted part (the final, once given), paused time excluded. */
  elapsedMs: number | null;
  /**
   * The latest readable draft (what was typed, not sent), already judged, as the submission it would make;
   * taken at close when no final was submitted (server/rooms/drafts.ts). Never shown before the reveal.
   */
  draft?: Submission;
}

/** One player's result on one question, kept for the reveal, the `you` view and the report. */
export interface PlayerResult {
  playerId: string;
  nickname: string;
  questionId: string;
  answer: string;
  layerInputs: Array<string | null>;
  layers: Array<LayerVerdict | null>;
  verdict: Verdict | null;
  correct: boolean;
  timeMs: number | null;
  points: number;
  streakBonus: number;
  /** The answer was the player's unsent draft, taken at close (server/rooms/drafts.ts). */
  fromDraft?: boolean;
  /** Extra time this player had on the question, ms (absent: none), for the reports. */
  extraMs?: number;
}

export interface RoundRecord {
  index: number;
  results: Record<string, PlayerResult>;
}

export type QuestionTimer = { running: true; deadline: number } | { running: false; remainingMs: number };

interface RoomCommon {
  code: string;
  /** SHA-256 of the host secret: host rights are checked against this on every host command. */
  hostKeyHash: string;
  mode: RoomMode;
  settings: RoomSettings;
  /** Seed actually used (settings.seed or the one picked at creation). */
  seed: number;
  createdAt: number;
  /** Which game of the room this is: 1, then 2 after a follow-up round (server/rooms/follow-up.ts). Absent: 1. */
  game?: number;
  locked: boolean;
  players: Table<PlayerRecord>;
  /** Player ids in join order. */
  order: string[];
  nextSeat: number;
  /** Players connected now; kept in step with `players` so an answer need not scan the room. */
  online: number;
  /** Token hashes and devices of kicked seats: barred for the rest of the game. */
  kickedTokens: string[];
  kickedDevices: string[];
  /** Teacher-written tasks, solved when the settings were accepted. */
  solved: Question[];
  /** Questions in play, by `index:variant`. */
  questions: Record<string, Question>;
  rounds: RoundRecord[];
  /**
   * Party mode: who pressed Ready, and on which screen. Kept with the screen it was given for rather than in the
   * reveal/leaderboard members: phase changes spread the previous state, and a stamp that no longer matches the
   * phase simply reads as nobody ready (server/rooms/ready.ts), so no transition has to remember to clear it.
   */
  ready?: { phase: 'reveal' | 'leaderboard'; index: number; ids: string[] };
}

export type RoomState = RoomCommon &
  (
    | { phase: 'lobby' }
    | {
        phase: 'question';
        index: number;
        durationMs: number;
        timer: QuestionTimer;
        answers: Table<Submission>;
        /** Players who gave a final answer. */
        finals: number;
      }
    | { phase: 'reveal'; index: number; stats: RevealStats }
    | { phase: 'leaderboard'; index: number }
    | { phase: 'finished'; finishedAt: number }
  );

export type PhaseOf<P extends RoomState['phase']> = Extract<RoomState, { phase: P }>;

/** Inputs to the machine. Random ids are made by the shell, so transitions stay deterministic. */
export type RoomEvent =
  | { type: 'join'; nickname: string; playerId: string; tokenHash: string; device: string }
  | { type: 'resume'; tokenHash: string; device: string }
  | { type: 'disconnect'; playerId: string }
  | { type: 'leave'; playerId: string }
  /** `solved`: a settings command's teacher tasks, solved off the event loop before the command is applied. */
  | { type: 'host'; command: HostCommand; solved?: Question[] }
  | { type: 'submit'; playerId: string; submission: SubmitAnswer }
  | { type: 'draft'; playerId: string; draft: DraftAnswer }
  /** Party mode: the player is done with the reveal or board `expect` names. */
  | { type: 'ready'; playerId: string; expect: { phase: 'reveal' | 'leaderboard'; index: number } }
  | { type: 'deadline' }
  /** A seat's grace after going offline may have run out: close the round if nobody is left to wait for. */
  | { type: 'wake' }
  /** The room was reloaded from disk after `downtimeMs` without a server: shift the clock, everyone offline. */
  | { type: 'restore'; downtimeMs: number };

/** What the shell must do after a transition; views are rebuilt from the new state. */
export type RoomEffect =
  /** The phase changed: send everyone the new phase view, and the host its view. */
  | { type: 'phase' }
  /** Send these players (or all) their own `you` view. */
  | { type: 'you'; playerIds: string[] | 'all' }
  /** Membership or flags changed: refresh the host (coalesced) and the lobby count. */
  | { type: 'roster' }
  /** Answer counts changed: host progress (throttled). */
  | { type: 'progress' }
  | { type: 'schedule'; at: number }
  /** Dispatch `wake` at `at` (one pending wake per room; a later request replaces it). */
  | { type: 'wake'; at: number }
  /** Cancels the deadline and the wake. */
  | { type: 'cancel-timer' }
  | { type: 'kicked'; playerId: string }
  /** A seat was replaced (the same device joined the lobby again): its sockets lose it, without a kick message. */
  | { type: 'seat-gone'; playerId: string }
  | { type: 'finished' };

export type Transition =
  | { ok: true; state: RoomState; effects: RoomEffect[]; playerId?: string }
  | { ok: false; error: ErrorCode; detail?: string };

/** The math the machine needs: real implementations are wired by the composition root. */
export interface RoomDeps {
  /** The question for a generated game: question `index`, variant `variant`. */
  generate(settings: RoomSettings, seed: number, index: number, variant: number): Question;
  /** Solves a teacher's task or throws TaskError with a message for a person. */
  solve(family: string, task: unknown): Question;
  check(question: Question, answer: AnswerInput, layers?: Array<string | null>): Verdict;
}

export const MAX_PLAYERS_PER_ROOM = 5000;
/**
 * A seat that went offline still holds the round open this long: a Wi-Fi blip is not an answer. After it, the
 * round may close early without that seat (the player can still answer until the deadline if it is still open).
 */
export const GONE_GRACE_MS = 10_000;
/** Every player gets a different variant from a pool this large: neighbours differ, and generating the pool
 * (about 10 ms a question) stays short enough not to stall the room when a question opens. */
export const VARIANT_POOL = 16;
