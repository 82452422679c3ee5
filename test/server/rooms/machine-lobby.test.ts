import { describe, expect, it } from 'vitest';
import { createRoomState } from '../../../server/rooms/machine';
import { setEntry } from '../../../server/rooms/table';
import type { RoomState } from '../../../server/rooms/types';
import { defaultSeconds, TASK_DIFFICULTY } from '../../../shared/timing/question-seconds';
import { deps, lobby, refusal, settings, started, step, T0, withPlayers, player } from './fixture';

describe('room machine: creation and membership', () => {
  it('refuses a teacher task list with an unsolvable task and says which one', () => {
    const made = createRoomState(
      {
        code: 'ABCDEF',
        hostKeyHash: 'secret-host-0001',
        mode: 'classroom',
        settings: settings({ source: { kind: 'tasks', tasks: [{ family: 'chain', task: { expr: 'sin(x^2)', var: 'x' } }, { family: 'chain', task: { expr: 'sin(((', var: 'x' } }] } }),
        seed: 1,
        now: T0,
      },
      deps,
    );
    expect(made.ok).toBe(false);
    if (!made.ok) {
      expect(made.error).toBe('task-unsolvable');
      expect(made.detail).toMatch(/^Task 2 \(chain\): /);
    }
  });

  it('solves a teacher task list when every task is solvable', () => {
    const state = lobby({ source: { kind: 'tasks', tasks: [{ family: 'chain', task: { expr: 'sin(x^2)', var: 'x' } }] } });
    expect(state.solved).toHaveLength(1);
    expect(state.solved[0]?.task).toMatchObject({ expr: 'sin(x^2)' });
  });

  it('gives a teacher task the level its line states (its time follows it), else the solver\'s default', () => {
    const task = { family: 'jacobian' as const, task: { outer: ['u*v'], outerVars: ['u', 'v'], inner: ['x^2', 'x + y'], innerVars: ['x', 'y'] } };
    const state = started(['ana'], { secondsPerQuestion: undefined, leaderboardEvery: 0, source: { kind: 'tasks', tasks: [{ ...task, difficulty: 5 }, task] } });
    expect(state.solved.map((q) => q.difficulty)).toEqual([5, TASK_DIFFICULTY]);
    const openFor = (s: RoomState): number | null => (s.phase === 'question' ? s.durationMs : null);
    expect(openFor(state)).toBe(defaultSeconds('jacobian', 5) * 1000);
    expect(defaultSeconds('jacobian', 5)).not.toBe(defaultSeconds('jacobian', TASK_DIFFICULTY));
    const second = step(step(state, { type: 'host', command: { type: 'skip' } }).state, { type: 'host', command: { type: 'next' } }).state;
    expect(openFor(second)).toBe(defaultSeconds('jacobian', TASK_DIFFICULTY) * 1000);
  });

  it('refuses per-player variants for a teacher task list', () => {
    const made = createRoomState(
      { code: 'ABCDEF', hostKeyHash: 'secret-host-0001', mode: 'classroom', seed: 1, now: T0, settings: settings({ variants: 'per-player', source: { kind: 'tasks', tasks: [{ family: 'chain', task: { expr: 'sin(x^2)', var: 'x' } }] } }) },
      deps,
    );
    expect(made.ok ? 'ok' : made.error).toBe('settings-invalid');
  });

  it('adds a player with zero score when the nickname is free', () => {
    const res = step(lobby(), { type: 'join', nickname: 'Ana', playerId: 'p1', device: 'dev-p1', tokenHash: 'tok-ana-000' });
    expect(res.playerId).toBe('p1');
    expect(player(res.state, 'p1')).toMatchObject({ nickname: 'Ana', score: 0, streak: 0, connected: true });
    expect(res.effects).toContainEqual({ type: 'roster' });
  });

  it('refuses a nickname that differs only by case', () => {
    const state = withPlayers(lobby(), ['Ana']);
    expect(refusal(state, { type: 'join', nickname: 'aNA', playerId: 'p9', device: 'dev-p9', tokenHash: 'tok-x-00000' })).toBe('nickname-taken');
  });

  it('refuses to join when the host locked the room', () => {
    const locked = step(lobby(), { type: 'host', command: { type: 'lock', locked: true } }).state;
    expect(refusal(locked, { type: 'join', nickname: 'Ana', playerId: 'p1', device: 'dev-p1', tokenHash: 'tok-ana-000' })).toBe('room-locked');
  });

  it('lets a late player join an open question', () => {
    const state = started(['ana']);
    const res = step(state, { type: 'join', nickname: 'Late', playerId: 'late', device: 'dev-late', tokenHash: 'tok-late-00' });
    expect(res.state.phase).toBe('question');
    expect(res.state.order).toContain('late');
  });

  it('returns the same seat with its score when the resume token matches', () => {
    let state = withPlayers(lobby(), ['ana']);
    state = { ...state, players: setEntry(state.players, 'p0', { ...player(state, 'p0')!, score: 900, streak: 2 }) };
    state = step(state, { type: 'disconnect', playerId: 'p0' }).state;
    expect(player(state, 'p0')?.connected).toBe(false);
    const res = step(state, { type: 'resume', tokenHash: 'token-ana-0000', device: 'dev-other' });
    expect(res.playerId).toBe('p0');
    expect(player(res.state, 'p0')).toMatchObject({ connected: true, score: 900, streak: 2 });
  });

  it('refuses an unknown resume token', () => {
    expect(refusal(withPlayers(lobby(), ['ana']), { type: 'resume', tokenHash: 'nope-nope-nope', device: 'dev-other' })).toBe('bad-token');
  });

  it('removes a kicked player, frees the nickname and refuses their token', () => {
    const state = withPlayers(lobby(), ['ana', 'ben']);
    const res = step(state, { type: 'host', command: { type: 'kick', playerId: 'p0' } });
    expect(res.state.order).toEqual(['p1']);
    expect(res.effects).toContainEqual({ type: 'kicked', playerId: 'p0' });
    expect(refusal(res.state, { type: 'resume', tokenHash: 'token-ana-0000', device: 'dev-other' })).toBe('kicked');
    expect(step(res.state, { type: 'join', nickname: 'ana', playerId: 'p7', device: 'dev-p7', tokenHash: 'tok-new-000' }).state.order).toContain('p7');
  });

  it('refuses to kick a player who is not in the room', () => {
    expect(refusal(lobby(), { type: 'host', command: { type: 'kick', playerId: 'ghost' } })).toBe('player-not-found');
  });

  it('frees the seat when a player leaves in the lobby', () => {
    const res = step(withPlayers(lobby(), ['ana']), { type: 'leave', playerId: 'p0' });
    expect(res.state.order).toEqual([]);
  });

  it('keeps the seat offline when a player leaves during the game', () => {
    const res = step(started(['ana', 'ben']), { type: 'leave', playerId: 'p0' });
    expect(player(res.state, 'p0')?.connected).toBe(false);
  });

  it('refuses to start with nobody in the room', () => {
    expect(refusal(lobby(), { type: 'host', command: { type: 'start' } })).toBe('no-players');
  });

  it('refuses a settings change once the game started', () => {
    expect(refusal(started(), { type: 'host', command: { type: 'settings', settings: settings() } })).toBe('wrong-phase');
  });

  it('accepts a settings change in the lobby', () => {
    const res = step(lobby(), { type: 'host', command: { type: 'settings', settings: settings({ questionCount: 7 }) } });
    expect(res.state.settings.questionCount).toBe(7);
  });

  it('keeps the online count equal to the connected players through joins, drops, returns and kicks', () => {
    let state = withPlayers(lobby(), ['ana', 'ben', 'cy']);
    state = step(state, { type: 'disconnect', playerId: 'p0' }).state;
    state = step(state, { type: 'disconnect', playerId: 'p0' }).state;
    state = step(state, { type: 'resume', tokenHash: 'token-ana-0000', device: 'dev-other' }).state;
    state = step(state, { type: 'resume', tokenHash: 'token-ana-0000', device: 'dev-other' }).state;
    state = step(state, { type: 'disconnect', playerId: 'p1' }).state;
    state = step(state, { type: 'host', command: { type: 'kick', playerId: 'p1' } }).state;
    state = step(state, { type: 'host', command: { type: 'kick', playerId: 'p2' } }).state;
    const connected = state.order.filter((id) => player(state, id)?.connected).length;
    expect(state.online).toBe(connected);
    expect(state.online).toBe(1);
  });

  it('does not mutate the state it was given', () => {
    const state = withPlayers(lobby(), ['ana']);
    const copy = structuredClone(state);
    step(state, { type: 'join', nickname: 'ben', playerId: 'p1', device: 'dev-p1', tokenHash: 'tok-ben-000' });
    step(state, { type: 'host', command: { type: 'start' } });
    expect(state).toEqual(copy);
  });
});
