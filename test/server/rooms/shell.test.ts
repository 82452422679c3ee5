import { describe, expect, it } from 'vitest';
import { ANSWER_GRACE_MS } from '../../../shared/protocol';
import { createManualClock } from '../../../server/clock';
import { HOST_REFRESH_MS, RoomShell, YOU_SLICE, type RoomTransport } from '../../../server/room-runtime/shell';
import { deps, lobby, T0 } from './fixture';

function harness() {
  const clock = createManualClock(T0);
  const sent: Array<{ to: string; event: string; payload: unknown }> = [];
  const finished: string[] = [];
  const transport: RoomTransport = {
    players: (event, payload) => sent.push({ to: 'players', event, payload }),
    player: (id) => (event, payload) => sent.push({ to: id, event, payload }),
    host: (event, payload) => sent.push({ to: 'host', event, payload }),
    drop: (id) => sent.push({ to: id, event: 'dropped', payload: null }),
  };
  const shell = new RoomShell(lobby({ questionCount: 1 }), deps, clock, transport, { persist: () => {}, finished: (s) => finished.push(s.code), error: (m, e) => { throw new Error(`${m}: ${String(e)}`); } });
  return { clock, sent, shell, finished };
}

describe('RoomShell', () => {
  it('closes the question when the clock passes the deadline plus grace', () => {
    const { clock, shell } = harness();
    shell.dispatch({ type: 'join', nickname: 'ana', playerId: 'p0', device: 'dev-p0', tokenHash: 'token-ana-000' });
    shell.dispatch({ type: 'host', command: { type: 'start' } });
    clock.advance(20_000 + ANSWER_GRACE_MS - 1);
    expect(shell.state.phase).toBe('question');
    clock.advance(1);
    expect(shell.state.phase).toBe('reveal');
  });

  it('broadcasts the question once to the room, not once per player', () => {
    const { sent, shell } = harness();
    for (let i = 0; i < 5; i++) shell.dispatch({ type: 'join', nickname: `p ${i}`, playerId: `p${i}`, device: `dev-${i}`, tokenHash: `token-${i}-00000` });
    sent.length = 0;
    shell.dispatch({ type: 'host', command: { type: 'start' } });
    const states = sent.filter((s) => s.event === 'state');
    expect(states).toHaveLength(1);
    expect(states[0]?.to).toBe('players');
  });

  it('coalesces a burst of joins into one host refresh', () => {
    const { clock, sent, shell } = harness();
    for (let i = 0; i < 30; i++) shell.dispatch({ type: 'join', nickname: `p ${i}`, playerId: `p${i}`, device: `dev-${i}`, tokenHash: `token-${i}-00000` });
    clock.advance(HOST_REFRESH_MS);
    expect(sent.filter((s) => s.to === 'host' && s.event === 'host:state')).toHaveLength(1);
  });

  it('sends per-player results of a big room in slices across event-loop turns', () => {
    const { clock, sent, shell } = harness();
    for (let i = 0; i < YOU_SLICE + 50; i++) shell.dispatch({ type: 'join', nickname: `p ${i}`, playerId: `p${i}`, device: `dev-${i}`, tokenHash: `token-${i}-00000` });
    shell.dispatch({ type: 'host', command: { type: 'start' } });
    sent.length = 0;
    shell.dispatch({ type: 'host', command: { type: 'skip' } });
    expect(sent.filter((s) => s.event === 'you')).toHaveLength(YOU_SLICE);
    clock.advance(0);
    expect(sent.filter((s) => s.event === 'you')).toHaveLength(YOU_SLICE + 50);
  });

  it('stores the report once the game finishes', () => {
    const { shell, finished } = harness();
    shell.dispatch({ type: 'join', nickname: 'ana', playerId: 'p0', device: 'dev-p0', tokenHash: 'token-ana-000' });
    shell.dispatch({ type: 'host', command: { type: 'start' } });
    shell.dispatch({ type: 'host', command: { type: 'end' } });
    expect(finished).toEqual(['ABCDEF']);
  });

  it('sends a kicked player the notice and drops their sockets', () => {
    const { sent, shell } = harness();
    shell.dispatch({ type: 'join', nickname: 'ana', playerId: 'p0', device: 'dev-p0', tokenHash: 'token-ana-000' });
    shell.dispatch({ type: 'host', command: { type: 'kick', playerId: 'p0' } });
    expect(sent.filter((s) => s.to === 'p0').map((s) => s.event)).toEqual(['kicked', 'dropped']);
  });

  it('clears its timers on close and refuses events afterwards', () => {
    const { clock, shell } = harness();
    shell.dispatch({ type: 'join', nickname: 'ana', playerId: 'p0', device: 'dev-p0', tokenHash: 'token-ana-000' });
    shell.dispatch({ type: 'host', command: { type: 'start' } });
    shell.close();
    expect(clock.pending()).toBe(0);
    expect(shell.dispatch({ type: 'host', command: { type: 'skip' } })).toEqual({ ok: false, error: 'room-closed' });
  });
});
