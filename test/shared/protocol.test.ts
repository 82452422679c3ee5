import { describe, expect, it } from 'vitest';
import {
  CreateRoomSchema,
  DEFAULT_SETTINGS,
  ERROR_CODES,
  ERROR_MESSAGES,
  HostCommandSchema,
  NicknameSchema,
  RoomCodeSchema,
  RoomSettingsSchema,
  SubmitAnswerSchema,
} from '../../shared/protocol';

describe('NicknameSchema', () => {
  it('trims and collapses inner whitespace', () => expect(NicknameSchema.parse('  Zoë   Ng ')).toBe('Zoë Ng'));
  it('accepts letters of any script', () => expect(NicknameSchema.parse('李小龙')).toBe('李小龙'));
  it('accepts basic punctuation', () => expect(NicknameSchema.parse("O'Neil-2 (B.)")).toBe("O'Neil-2 (B.)"));
  it('refuses an empty nickname after trimming', () => expect(NicknameSchema.safeParse('   ').success).toBe(false));
  it('refuses more than 20 characters', () => expect(NicknameSchema.safeParse('a'.repeat(21)).success).toBe(false));
  it('counts characters, not UTF-16 units', () => expect(NicknameSchema.safeParse('𝒜'.repeat(20)).success).toBe(true));
  it('refuses control characters', () => expect(NicknameSchema.safeParse('a\u0007b').success).toBe(false));
  it('refuses invisible format characters', () => expect(NicknameSchema.safeParse('a\u202Eb').success).toBe(false));
  it('refuses markup', () => expect(NicknameSchema.safeParse('<script>').success).toBe(false));
  it('refuses a non-string', () => expect(NicknameSchema.safeParse(42).success).toBe(false));
});

describe('RoomCodeSchema', () => {
  it('upper-cases and drops spaces', () => expect(RoomCodeSchema.parse('abc 234')).toBe('ABC234'));
  it('refuses ambiguous characters', () => expect(RoomCodeSchema.safeParse('ABCD0O').success).toBe(false));
  it('refuses a wrong length', () => expect(RoomCodeSchema.safeParse('ABC').success).toBe(false));
});

describe('RoomSettingsSchema', () => {
  it('accepts the defaults', () => expect(RoomSettingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true));
  it('refuses an unknown family', () => {
    expect(RoomSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, source: { kind: 'generated', families: ['magic'], difficulty: 2 } }).success).toBe(false);
  });
  it('refuses fewer than 5 seconds per question', () => {
    expect(RoomSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, secondsPerQuestion: 1 }).success).toBe(false);
  });
  it('refuses unknown fields', () => expect(RoomSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, admin: true }).success).toBe(false));
  it('accepts a teacher task list', () => {
    const tasks = [{ family: 'chain', task: { expr: 'sin(x^2)', var: 'x' } }];
    expect(RoomSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, source: { kind: 'tasks', tasks } }).success).toBe(true);
  });
});

describe('SubmitAnswerSchema', () => {
  it('accepts a final answer alone', () => expect(SubmitAnswerSchema.safeParse({ index: 0, final: '2x' }).success).toBe(true));
  it('accepts layers alone', () => expect(SubmitAnswerSchema.safeParse({ index: 0, layers: [{ layer: 1, input: 'cos(x)' }] }).success).toBe(true));
  it('accepts a matrix answer', () => expect(SubmitAnswerSchema.safeParse({ index: 0, final: [['1', 2], ['x', 0]] }).success).toBe(true));
  it('refuses a submission with neither layers nor final', () => expect(SubmitAnswerSchema.safeParse({ index: 0 }).success).toBe(false));
  it('refuses an over-long answer', () => expect(SubmitAnswerSchema.safeParse({ index: 0, final: 'x'.repeat(401) }).success).toBe(false));
  it('refuses a non-finite number', () => expect(SubmitAnswerSchema.safeParse({ index: 0, final: Number.NaN }).success).toBe(false));
  it('refuses a fractional question index', () => expect(SubmitAnswerSchema.safeParse({ index: 0.5, final: 'x' }).success).toBe(false));
});

describe('HostCommandSchema', () => {
  it('accepts next with the expected phase', () => {
    expect(HostCommandSchema.safeParse({ type: 'next', expect: { phase: 'reveal', index: 2 } }).success).toBe(true);
  });
  it('refuses an unknown command', () => expect(HostCommandSchema.safeParse({ type: 'delete-everything' }).success).toBe(false));
});

describe('CreateRoomSchema', () => {
  it('accepts a classroom room without a nickname', () => {
    expect(CreateRoomSchema.safeParse({ mode: 'classroom', settings: DEFAULT_SETTINGS }).success).toBe(true);
  });
});

describe('ERROR_MESSAGES', () => {
  it('has a message for every error code', () => {
    for (const code of ERROR_CODES) expect(ERROR_MESSAGES[code].length).toBeGreaterThan(10);
  });
});
