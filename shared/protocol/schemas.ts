/**
 * zod schemas for every client→server payload. The server parses each inbound payload with these before any
 * room code sees it: a TypeScript type on the wire is not validation. Bounds (lengths, counts) are part of the
 * contract, so clients can validate forms with the same schemas.
 */
import { z } from 'zod';
import { FAMILIES } from '../questions/types';
import { MISTAKE_CODES } from '../check/types';
import { ANSWER_MAX_CHARS, MAX_LAYERS } from '../limits';
import { MAX_SECONDS, MIN_SECONDS } from '../timing/question-seconds';

// No code generation: the page's CSP forbids eval, and zod would otherwise probe `new Function` on first parse
// (a CSP violation report on the projector). The payloads are small; the interpreter is fast enough.
z.config({ jitless: true });

/** Unambiguous room code alphabet: no 0/O, 1/I/L. */
export const ROOM_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ROOM_CODE_LENGTH = 6;
export const NICKNAME_MAX = 20;
export const MAX_QUESTIONS = 50;

const FamilySchema = z.enum(FAMILIES);
const DifficultySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

/** Codes are typed loosely by people: upper-case them and drop spaces before checking the alphabet. */
export const RoomCodeSchema = z
  .string()
  .max(20)
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().length(ROOM_CODE_LENGTH).regex(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]+$/));

// Letters and digits of any script, spaces and basic punctuation; no control or format characters.
const NICKNAME_CHARS = /^[\p{L}\p{M}\p{N} .,!?'’\-_()&:#@*+]+$/u;

/** Trimmed, inner whitespace collapsed, NFC; 1–20 characters (code points). Uniqueness is the room's job. */
export const NicknameSchema = z
  .string()
  .max(200)
  .transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .refine((s) => [...s].length >= 1 && [...s].length <= NICKNAME_MAX, 'length')
      .refine((s) => NICKNAME_CHARS.test(s), 'characters'),
  );

const TokenSchema = z.string().min(8).max(100).regex(/^[A-Za-z0-9_-]+$/);

/** A teacher-written task; its structure is checked by the family's solver (`solveTask`), not here. */
export const TeacherTaskSchema = z.strictObject({
  family: FamilySchema,
  task: z.record(z.string().max(40), z.unknown()),
  /** The level the teacher gives it (as `arena solve` lines may): its time and drill prompt follow it; default 3. */
  difficulty: DifficultySchema.optional(),
});

export const QuestionSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('generated'),
    families: z.array(FamilySchema).min(1).max(FAMILIES.length),
    difficulty: DifficultySchema,
    /** A difficulty per topic (the setup page); a family missing here uses `difficulty`. */
    difficulties: z.partialRecord(FamilySchema, DifficultySchema).optional(),
  }),
  z.strictObject({
    kind: z.literal('tasks'),
    tasks: z.array(TeacherTaskSchema).min(1).max(MAX_QUESTIONS),
  }),
]);

export const RoomSettingsSchema = z.strictObject({
  source: QuestionSourceSchema,
  /** Ignored for a task list (its length is the count). */
  questionCount: z.int().min(1).max(MAX_QUESTIONS),
  /**
   * One time for every question; absent, each question gets its topic's time (`secondsByFamily`, else the table
   * in shared/timing/question-seconds.ts by family and difficulty).
   */
  secondsPerQuestion: z.int().min(MIN_SECONDS).max(MAX_SECONDS).optional(),
  /** A time per topic, set on the setup page where the host changed the table's time. */
  secondsByFamily: z.partialRecord(FamilySchema, z.int().min(MIN_SECONDS).max(MAX_SECONDS)).optional(),
  /** `layers`: chain questions are answered box by box, then the product; other families take the final only. */
  entryMode: z.enum(['layers', 'final']),
  /** `per-player`: every player gets a different variant (seed) of the same item; generated questions only. */
  variants: z.enum(['same', 'per-player']),
  speedScoring: z.boolean(),
  /** Show the leaderboard after every N questions; 0 = only at the end. */
  leaderboardEvery: z.int().min(0).max(MAX_QUESTIONS),
  /**
   * Names on shared screens (projector, boards, podium, the party's group): `nicknames` as typed, or
   * `generated`: each player is shown as a generated name ("Curious Otter", shared/names/generated-names.ts) and
   * the typed nickname stays on their own phone and in the host's report.
   */
  names: z.enum(['nicknames', 'generated']).optional(),
  /** Base seed for reproducible games; the server picks one when absent. */
  seed: z.int().min(0).max(2 ** 31 - 1).optional(),
  /**
   * A follow-up round ("Practise these", server/rooms/follow-up.ts): the mistakes its questions aim at, most
   * frequent first, and the previous game's weakest topics. Set by the server; screens name them.
   */
  followUp: z.strictObject({
    mistakes: z.array(z.enum(MISTAKE_CODES)).max(MISTAKE_CODES.length),
    topics: z.array(FamilySchema).max(FAMILIES.length),
  }).optional(),
});
export type RoomSettings = z.infer<typeof RoomSettingsSchema>;

export const DEFAULT_SETTINGS: RoomSettings = {
  source: { kind: 'generated', families: ['chain'], difficulty: 2 },
  questionCount: 10,
  entryMode: 'layers',
  variants: 'same',
  speedScoring: true,
  leaderboardEvery: 1,
};

/** A player's answer: an expression string, a number, a vector or a matrix of entries. */
const Entry = z.union([z.string().max(ANSWER_MAX_CHARS), z.number().finite()]);
export const AnswerInputSchema = z.union([
  z.string().max(ANSWER_MAX_CHARS),
  z.number().finite(),
  z.array(Entry).min(1).max(10),
  z.array(z.array(Entry).min(1).max(10)).min(1).max(10),
]);

export const CreateRoomSchema = z.strictObject({
  mode: z.enum(['classroom', 'party']),
  settings: RoomSettingsSchema,
  /** Party mode: the creator plays too, under this nickname. Required in party mode. */
  nickname: NicknameSchema.optional(),
});

export const JoinRoomSchema = z.strictObject({ code: RoomCodeSchema, nickname: NicknameSchema });
export const ResumePlayerSchema = z.strictObject({ code: RoomCodeSchema, resumeToken: TokenSchema });
export const ClaimHostSchema = z.strictObject({ code: RoomCodeSchema, hostSecret: TokenSchema });

const ExpectSchema = z.strictObject({
  phase: z.enum(['lobby', 'question', 'reveal', 'leaderboard', 'finished']),
  index: z.int().min(0).max(MAX_QUESTIONS),
});

/** The longest a host may add at once, and the most extra seconds a student may be given per question. */
export const MAX_ADD_SECONDS = 600;

/**
 * A student's extra time per question: the class's time times `factor` (1, 1.5 or 2) plus `plusSeconds`.
 * `{ factor: 1, plusSeconds: 0 }` is none.
 */
export const ExtraTimeSchema = z.strictObject({
  factor: z.union([z.literal(1), z.literal(1.5), z.literal(2)]),
  plusSeconds: z.int().min(0).max(MAX_ADD_SECONDS),
});
export type ExtraTime = z.infer<typeof ExtraTimeSchema>;

/** Host commands. `expect` guards against a double click or a resent packet acting on a later phase. */
export const HostCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('start') }),
  z.strictObject({ type: z.literal('skip'), expect: ExpectSchema.optional() }),
  z.strictObject({ type: z.literal('next'), expect: ExpectSchema.optional() }),
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('end') }),
  z.strictObject({ type: z.literal('lock'), locked: z.boolean() }),
  z.strictObject({ type: z.literal('kick'), playerId: z.string().min(1).max(40) }),
  /** A student's time accommodation, for every question from now on (docs/accessibility.md#extra-time). */
  z.strictObject({ type: z.literal('extra-time'), playerId: z.string().min(1).max(40), extra: ExtraTimeSchema }),
  /** More time on the open question, for everyone. */
  z.strictObject({ type: z.literal('add-time'), seconds: z.int().min(5).max(MAX_ADD_SECONDS) }),
  z.strictObject({ type: z.literal('settings'), settings: RoomSettingsSchema }),
  /** From the finished game: a follow-up round in the same room, aimed at the class's mistakes (follow-up.ts). */
  z.strictObject({ type: z.literal('follow-up') }),
]);
export type HostCommand = z.infer<typeof HostCommandSchema>;

/**
 * An idempotency key: one per submission, chosen by the client (random), sent again unchanged when the same
 * submission is resent after a failure whose outcome is unknown (no ack in time, `unconfirmed`).
 */
export const OpKeySchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

/**
 * One submission for the open question. Layers may come one at a time as boxes are filled, then the final;
 * or everything at once. A judged layer is final; the final answer closes the player's round. `key` (optional,
 * recommended): the submission's idempotency key; a resend with the same key is answered with the verdicts of
 * the first, never refused as already answered.
 */
export const SubmitAnswerSchema = z
  .strictObject({
    key: OpKeySchema.optional(),
    index: z.int().min(0).max(MAX_QUESTIONS),
    layers: z
      .array(z.strictObject({ layer: z.int().min(0).max(MAX_LAYERS - 1), input: z.string().max(ANSWER_MAX_CHARS) }))
      .min(1)
      .max(MAX_LAYERS)
      .optional(),
    final: AnswerInputSchema.optional(),
  })
  .refine((p) => p.layers !== undefined || p.final !== undefined, 'layers or final required');
export type SubmitAnswer = z.infer<typeof SubmitAnswerSchema>;

/**
 * What the player has typed so far, sent (debounced) while the question is open. The server keeps the latest
 * readable draft and takes it as the answer at time-up if no final was submitted. No `final` and no `layers`
 * clears the draft (the player emptied the boxes).
 */
export const DraftAnswerSchema = z.strictObject({
  index: z.int().min(0).max(MAX_QUESTIONS),
  layers: z
    .array(z.strictObject({ layer: z.int().min(0).max(MAX_LAYERS - 1), input: z.string().max(ANSWER_MAX_CHARS) }))
    .max(MAX_LAYERS)
    .optional(),
  final: AnswerInputSchema.optional(),
});
export type DraftAnswer = z.infer<typeof DraftAnswerSchema>;

/** Party mode: this player is done with the reveal (or board) the screen shows; `expect` is that screen. */
export const ReadySchema = z.strictObject({
  expect: z.strictObject({ phase: z.enum(['reveal', 'leaderboard']), index: z.int().min(0).max(MAX_QUESTIONS) }),
});
export type Ready = z.infer<typeof ReadySchema>;

export const PingSchema = z.strictObject({ clientNow: z.number().finite().optional() }).optional();

export type CreateRoom = z.infer<typeof CreateRoomSchema>;
export type JoinRoom = z.infer<typeof JoinRoomSchema>;
export type ResumePlayer = z.infer<typeof ResumePlayerSchema>;
export type ClaimHost = z.infer<typeof ClaimHostSchema>;
export type AnswerInputPayload = z.infer<typeof AnswerInputSchema>;

/** `room:leave` carries nothing: an empty object (or no payload at all). */
export const LeaveRoomSchema = z.strictObject({}).optional();

/** Handshake `auth.deviceId`: a random id the browser keeps. */
export const DeviceIdSchema = z.string().min(8).max(100).regex(/^[A-Za-z0-9_-]+$/);
