import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../server/clock';
import { RoomShell, type Durable, type RoomTransport } from '../../../server/room-runtime/shell';
import { GONE_GRACE_MS } from '../../../server/rooms/types';
import { deps, lobby, T0 } from './fixture';

function harness(persist: (c: Durable) => void) {
  const clock = createManualClock(T0);
  const sent: string[] = [];
  const transport: RoomTransport = {
    players: (event, _payload) => {
      sent.push(`players:${event}`);
    },
    player: (id) => (event, _payload) => {
      sent.push(`${id}:${event}`);
    },
    host: (event, _payload) => {
      sent.push(`host:${event}`);
    },
    drop: (id) => {
      sent.push(`drop:${id}`);
    },
  };
  const errors: string[] = [];
  const shell = new RoomShell(lobby({ questionCount: 1 }), deps, clock, transport, { persist, finished: () => {}, error: (m) => errors.push(m) });
  return { clock, sent, shell, errors };
}

const join = (id: string) => ({ type: 'join' as const, nickname: id, playerId: id, tokenHash: `hash-${id}`, device: `dev-${id}` });

describe('RoomShell durability', () => {
  it('hands every accepted change to the store, in order, before anyone hears of it', () => {
    const log: Durable[] = [];
    const h = harness((c) => {
      // Nothing may have been sent for this change yet.
      expect(h.sent.filter((s) => s.startsWith('players:state'))).toHaveLength(log.filter((l) => l.phaseChanged).length);
      log.push(c);
    });
    h.shell.dispatch(join('a'));
    h.shell.dispatch({ type: 'host', command: { type: 'start' } });
    h.shell.dispatch({ type: 'submit', playerId: 'a', submission: { index: 0, final: 'x' } });
    expect(log.map((c) => [c.seq, c.event.type, c.phaseChanged])).toEqual([
      [1, 'join', false],
      [2, 'host', true],
      [3, 'submit', true],
    ]);
  });

  it('undoes a change the store could not write and refuses it as internal', () => {
    const h = harness(() => {
      throw new Error('disk full');
    });
    expect(h.shell.dispatch(join('a'))).toEqual({ ok: false, error: 'internal' });
    expect(h.shell.state.order).toEqual([]);
    expect(h.sent).toEqual([]);
    expect(h.errors).toEqual(['persist join']);
  });

  it('closes the round when an offline seat\'s grace runs out, through its own timer', () => {
    const h = harness(() => {});
    h.shell.dispatch(join('a'));
    h.shell.dispatch(join('b'));
    h.shell.dispatch({ type: 'host', command: { type: 'start' } });
    h.shell.dispatch({ type: 'submit', playerId: 'a', submission: { index: 0, final: 'x' } });
    h.shell.dispatch({ type: 'disconnect', playerId: 'b' });
    h.clock.advance(GONE_GRACE_MS - 1);
    expect(h.shell.state.phase).toBe('question');
    h.clock.advance(1);
    expect(h.shell.state.phase).toBe('reveal');
  });
});
