/**
 * Time accommodations in the pure room machine (server/rooms/extra-time.ts): a student's own deadline (×1.5, ×2,
 * +N s), "+N s" for everyone, the round held open for the longest clock, scoring against the student's own time,
 * the report's record of who had extra time, and a restart that keeps all of it.
 */
import { describe, expect, it } from 'vitest';
import { ANSWER_GRACE_MS, HostCommandSchema, type ExtraTime } from '../../../shared/protocol';
import type { RoomEvent, RoomState } from '../../../server/rooms/types';
import { currentQuestion, player, refusal, right, started, step, submitFinal, T0, withPlayers, lobby } from './fixture';

const CLASS_DEADLINE = T0 + 20_000;
const host = (command: Extract<RoomEvent, { type: 'host' }>['command']): RoomEvent => ({ type: 'host', command });
const extra = (playerId: string, e: ExtraTime): RoomEvent => host({ type: 'extra-time', playerId, extra: e });
const DOUBLE: ExtraTime = { factor: 2, plusSeconds: 0 };

/** Ana and Ben in a started game of 20 s questions, Ben with ×2 time given in the lobby. */
function withDoubleForBen(): RoomState {
  const l = step(withPlayers(lobby({ speedScoring: true }), ['ana', 'ben']), extra('p1', DOUBLE)).state;
  return step(l, host({ type: 'start' })).state;
}

describe('extra time per student', () => {
  it('lets a student with ×2 time answer after the class clock ran out, and refuses the others then', () => {
    const s = withDoubleForBen();
    const late = CLASS_DEADLINE + ANSWER_GRACE_MS + 5000;
    expect(refusal(s, { type: 'submit', playerId: 'p0', submission: { index: 0, final: 'x' } }, late)).toBe('too-late');
    const res = submitFinal(s, 'p1', right(currentQuestion(s, 'p1')), late);
    if (!res.ok) throw new Error(res.error);
    // Ana's clock ran out and Ben answered: the round closes at once; his time counts from the question's start.
    expect(res.state.phase).toBe('reveal');
    const ben = res.state.rounds[0]!.results.p1!;
    expect([ben.correct, ben.timeMs, ben.extraMs]).toEqual([true, late - T0, 20_000]);
  });

  it('holds the round open past the class deadline while a student with extra time is still on their clock', () => {
    const opened = step(withPlayers(lobby(), ['ana', 'ben']), extra('p1', DOUBLE)).state;
    const start = step(opened, host({ type: 'start' }));
    expect(start.effects).toContainEqual({ type: 'schedule', at: CLASS_DEADLINE + ANSWER_GRACE_MS });
    expect(start.effects).toContainEqual({ type: 'you', playerIds: 'all' });
    const early = step(start.state, { type: 'deadline' }, CLASS_DEADLINE + ANSWER_GRACE_MS + 1);
    expect(early.state.phase).toBe('question');
    expect(early.effects).toEqual([{ type: 'schedule', at: T0 + 40_000 + ANSWER_GRACE_MS }]);
    expect(step(early.state, { type: 'deadline' }, T0 + 40_000 + ANSWER_GRACE_MS).state.phase).toBe('reveal');
  });

  it('closes at the class deadline when the student with extra time has already answered', () => {
    const s = withDoubleForBen();
    const answered = submitFinal(s, 'p1', right(currentQuestion(s, 'p1')), T0 + 5000);
    if (!answered.ok) throw new Error(answered.error);
    expect(answered.state.phase).toBe('question');
    expect(step(answered.state, { type: 'deadline' }, CLASS_DEADLINE + ANSWER_GRACE_MS + 1).state.phase).toBe('reveal');
  });

  it('closes as soon as the last student with extra time answers after the class deadline', () => {
    const s = withDoubleForBen();
    const res = submitFinal(s, 'p1', right(currentQuestion(s, 'p1')), CLASS_DEADLINE + 5000);
    expect(res.ok && res.state.phase).toBe('reveal');
  });

  it('scores speed against the student’s own time and records the extra time for the report', () => {
    let s = withDoubleForBen();
    // Both answer right at the same moment: Ben's 10 s of 40 is faster, by his own clock, than Ana's 10 of 20.
    for (const id of ['p0', 'p1']) {
      const r = submitFinal(s, id, right(currentQuestion(s, id)), T0 + 10_000);
      if (!r.ok) throw new Error(r.error);
      s = r.state;
    }
    expect(s.phase).toBe('reveal');
    const results = s.rounds[0]!.results;
    expect(results.p1?.extraMs).toBe(20_000);
    expect(results.p0?.extraMs).toBeUndefined();
    expect(results.p1!.points).toBeGreaterThan(results.p0!.points);
  });

  it('moves the student’s clock at once when given during a question, and +N s on top of a factor', () => {
    const s = started(['ana', 'ben']);
    const given = step(s, extra('p0', { factor: 1.5, plusSeconds: 30 }), T0 + 1000);
    expect(player(given.state, 'p0')?.extraTime).toEqual({ factor: 1.5, plusSeconds: 30 });
    expect(given.effects).toContainEqual({ type: 'you', playerIds: ['p0'] });
    expect(given.effects).toContainEqual({ type: 'schedule', at: CLASS_DEADLINE + ANSWER_GRACE_MS });
    // Past the class's deadline, the next check is the end of her own clock: 20 s × 1.5 + 30 s.
    expect(step(s, extra('p0', { factor: 1.5, plusSeconds: 30 }), CLASS_DEADLINE + 2000).effects)
      .toContainEqual({ type: 'schedule', at: CLASS_DEADLINE + 10_000 + 30_000 + ANSWER_GRACE_MS });
    // Taken back: no record left.
    expect(player(step(given.state, extra('p0', { factor: 1, plusSeconds: 0 })).state, 'p0')?.extraTime).toBeUndefined();
  });

  it('refuses extra time for a player who is not in the room, and a factor or length the schema does not allow', () => {
    expect(refusal(started(['ana']), extra('nobody', DOUBLE))).toBe('not-a-player');
    expect(HostCommandSchema.safeParse({ type: 'extra-time', playerId: 'p0', extra: { factor: 3, plusSeconds: 0 } }).success).toBe(false);
    expect(HostCommandSchema.safeParse({ type: 'extra-time', playerId: 'p0', extra: { factor: 2, plusSeconds: 601 } }).success).toBe(false);
    expect(HostCommandSchema.safeParse({ type: 'add-time', seconds: 0 }).success).toBe(false);
  });

  it('survives a restart: the snapshot keeps the accommodation and the restored timer waits for it', () => {
    const s = withDoubleForBen();
    const reloaded = JSON.parse(JSON.stringify(s)) as RoomState;
    const restored = step(reloaded, { type: 'restore', downtimeMs: 3000 }, T0 + 8000);
    expect(player(restored.state, 'p1')?.extraTime).toEqual(DOUBLE);
    expect(restored.effects).toEqual([{ type: 'schedule', at: CLASS_DEADLINE + 3000 + ANSWER_GRACE_MS }]);
    // Past the shifted class deadline, the restored room still waits for Ben's own clock.
    const later = step(restored.state, { type: 'deadline' }, CLASS_DEADLINE + 3000 + ANSWER_GRACE_MS + 1);
    expect(later.effects).toEqual([{ type: 'schedule', at: T0 + 43_000 + ANSWER_GRACE_MS }]);
  });
});

describe('+N s for everyone', () => {
  it('moves the class clock and its length, running or paused', () => {
    const s = started(['ana']);
    const more = step(s, host({ type: 'add-time', seconds: 30 }), T0 + 5000);
    expect(more.state.phase === 'question' && [more.state.timer, more.state.durationMs]).toEqual([{ running: true, deadline: CLASS_DEADLINE + 30_000 }, 50_000]);
    expect(more.effects).toContainEqual({ type: 'schedule', at: CLASS_DEADLINE + 30_000 + ANSWER_GRACE_MS });
    const paused = step(s, host({ type: 'pause' }), T0 + 5000).state;
    const pausedMore = step(paused, host({ type: 'add-time', seconds: 30 }), T0 + 6000).state;
    expect(pausedMore.phase === 'question' && pausedMore.timer).toEqual({ running: false, remainingMs: 45_000 });
  });

  it('refuses +N s outside a question', () => {
    expect(refusal(withPlayers(lobby(), ['ana']), host({ type: 'add-time', seconds: 30 }))).toBe('wrong-phase');
  });
});
