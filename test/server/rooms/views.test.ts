import { describe, expect, it } from 'vitest';
import { playerPhaseView, youView } from '../../../server/rooms/views';
import { currentQuestion, player, started, step, T0 } from './fixture';

describe('room views', () => {
  it('gives players the public question only while it is open', () => {
    const state = started(['ana']);
    const view = JSON.stringify(playerPhaseView(state, T0));
    const q = currentQuestion(state);
    expect(view).not.toContain('"answer"');
    expect(view).not.toContain('"steps"');
    expect(view).not.toContain(JSON.stringify(q.answer.expr));
  });

  it('carries the time left and the server clock with the deadline', () => {
    const view = playerPhaseView(started(['ana']), T0 + 5000);
    expect(view.phase === 'question' && view.timer).toEqual({ running: true, deadline: T0 + 20_000, remainingMs: 15_000, durationMs: 20_000, serverNow: T0 + 5000 });
  });

  it('gives each player a different variant when the host asks for one per player', () => {
    const state = started(['ana', 'ben', 'cy'], { variants: 'per-player' });
    const ids = ['p0', 'p1', 'p2'].map((id) => currentQuestion(state, id).id);
    expect(new Set(ids).size).toBe(3);
  });

  it('shows the player their own result at the reveal', () => {
    const revealed = step(started(['ana']), { type: 'host', command: { type: 'skip' } }).state;
    expect(youView(revealed, player(revealed, 'p0')!).answer).toMatchObject({ index: 0, done: true, points: 0 });
  });
});
