import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type CreatedRoom, type HostCommand, type SeatGrant } from '../../../shared/protocol';
import { call, callRaw, gameSettings, ok, startHarness, type Client, type Harness } from './harness';

const SETTINGS = gameSettings({ questionCount: 2 });
const create = (c: Client, mode: 'classroom' | 'party' = 'classroom', nickname?: string) =>
  ok(call(c, 'room:create', nickname === undefined ? { mode, settings: SETTINGS } : { mode, settings: SETTINGS, nickname }));

describe('host rights come from the room, not the socket', () => {
  let h: Harness;
  let owner: Client;
  let victim: CreatedRoom;
  let seat: SeatGrant;

  beforeAll(async () => {
    h = await startHarness();
    owner = await h.connect();
    victim = await create(owner);
    seat = await ok(call(await h.connect(), 'room:join', { code: victim.code, nickname: 'Ana' }));
  });
  afterAll(async () => {
    await h.stop();
  });

  const commands = (): HostCommand[] => [
    { type: 'start' },
    { type: 'skip' },
    { type: 'next' },
    { type: 'pause' },
    { type: 'resume' },
    { type: 'end' },
    { type: 'lock', locked: true },
    { type: 'kick', playerId: seat.you.playerId },
    { type: 'settings', settings: gameSettings({ questionCount: 9 }) },
    { type: 'extra-time', playerId: seat.you.playerId, extra: { factor: 2, plusSeconds: 0 } },
    { type: 'add-time', seconds: 30 },
  ];

  const attackers: Record<string, () => Promise<Client>> = {
    'a player of the room': async () => {
      const c = await h.connect();
      await ok(call(c, 'room:join', { code: victim.code, nickname: 'Mallory' }));
      return c;
    },
    'a fresh socket': () => h.connect(),
    'a socket that created a room and then joined the victim': async () => {
      const c = await h.connect();
      await create(c);
      await ok(call(c, 'room:join', { code: victim.code, nickname: 'Trudy' }));
      return c;
    },
    'a party host that then joined the victim': async () => {
      const c = await h.connect();
      await create(c, 'party', 'Eve');
      await ok(call(c, 'room:join', { code: victim.code, nickname: 'Eve2' }));
      return c;
    },
    'a socket that claimed the victim, then joined another room': async () => {
      const c = await h.connect();
      await ok(call(c, 'host:claim', { code: victim.code, hostSecret: victim.hostSecret }));
      const other = await create(await h.connect());
      await ok(call(c, 'room:join', { code: other.code, nickname: 'Walker' }));
      return c;
    },
    'a socket that claimed the victim, then left': async () => {
      const c = await h.connect();
      await ok(call(c, 'host:claim', { code: victim.code, hostSecret: victim.hostSecret }));
      await ok(call(c, 'room:leave', {}));
      return c;
    },
  };

  for (const [who, make] of Object.entries(attackers)) {
    it(`refuses every host command from ${who} and changes nothing`, async () => {
      const c = await make();
      for (const command of commands()) {
        expect(await call(c, 'host:command', command), command.type).toEqual({ ok: false, error: 'not-host' });
      }
      const view = await ok(call(owner, 'host:command', { type: 'lock', locked: false }));
      expect(view.phase).toBe('lobby');
      expect(view.settings.questionCount).toBe(SETTINGS.questionCount);
      expect(view.players.map((p) => p.nickname)).toContain('Ana');
    });
  }

  it('lets the host of another room command only its own room, never the victim', async () => {
    const c = await h.connect();
    await create(c);
    expect(await call(c, 'host:command', { type: 'kick', playerId: seat.you.playerId })).toEqual({ ok: false, error: 'player-not-found' });
    for (const command of commands()) await call(c, 'host:command', command);
    const view = await ok(call(owner, 'host:command', { type: 'lock', locked: false }));
    expect(view.phase).toBe('lobby');
    expect(view.settings.questionCount).toBe(SETTINGS.questionCount);
    expect(view.players.map((p) => p.nickname)).toContain('Ana');
  });

  it('still obeys the real host afterwards', async () => {
    const view = await ok(call(owner, 'host:command', { type: 'start' }));
    expect(view.phase).toBe('question');
  });

  it('takes the host role away from a classroom host that joins its own room as a player', async () => {
    const c = await h.connect();
    const room = await create(c);
    await ok(call(c, 'room:join', { code: room.code, nickname: 'Teacher' }));
    expect(await call(c, 'host:command', { type: 'lock', locked: true })).toEqual({ ok: false, error: 'not-host' });
  });

  it('keeps both roles for the creator of a party room', async () => {
    const c = await h.connect();
    const room = await create(c, 'party', 'Pat');
    expect(room.player?.you.nickname).toBe('Pat');
    expect((await call(c, 'host:command', { type: 'lock', locked: true })).ok).toBe(true);
  });
});

describe('one seat per socket and per device', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('refuses a second nickname from the same socket and leaves no ghost seat', async () => {
    const host = await h.connect();
    const room = await create(host);
    const c = await h.connect();
    await ok(call(c, 'room:join', { code: room.code, nickname: 'First' }));
    expect(await call(c, 'room:join', { code: room.code, nickname: 'Second' })).toEqual({ ok: false, error: 'already-seated' });
    const view = await ok(call(host, 'host:command', { type: 'lock', locked: false }));
    expect(view.players.map((p) => p.nickname)).toEqual(['First']);
  });

  it('lets a socket change nickname in the lobby by leaving first, without a ghost', async () => {
    const host = await h.connect();
    const room = await create(host);
    const c = await h.connect();
    await ok(call(c, 'room:join', { code: room.code, nickname: 'Old' }));
    await ok(call(c, 'room:leave', {}));
    await ok(call(c, 'room:join', { code: room.code, nickname: 'New' }));
    const view = await ok(call(host, 'host:command', { type: 'lock', locked: false }));
    expect(view.players.map((p) => [p.nickname, p.connected])).toEqual([['New', true]]);
  });

  it('refuses a second seat from another connection of the same device once the game runs', async () => {
    const host = await h.connect();
    const room = await create(host);
    const auth = { protocolVersion: PROTOCOL_VERSION, deviceId: 'device-of-mallory-1' };
    const first = await h.connect(auth);
    await ok(call(first, 'room:join', { code: room.code, nickname: 'Mal' }));
    await ok(call(host, 'host:command', { type: 'start' }));
    await ok(call(first, 'room:leave', {}));
    const second = await h.connect(auth);
    expect(await call(second, 'room:join', { code: room.code, nickname: 'Mal2' })).toEqual({ ok: false, error: 'already-seated' });
  });

  it('bars a kicked device from joining again under a new nickname', async () => {
    const host = await h.connect();
    const room = await create(host);
    const auth = { protocolVersion: PROTOCOL_VERSION, deviceId: 'device-of-kicked-01' };
    const c = await h.connect(auth);
    const seat = await ok(call(c, 'room:join', { code: room.code, nickname: 'Rude' }));
    await ok(call(host, 'host:command', { type: 'kick', playerId: seat.you.playerId }));
    const again = await h.connect(auth);
    expect(await call(again, 'room:join', { code: room.code, nickname: 'Polite' })).toEqual({ ok: false, error: 'kicked' });
    expect(await call(again, 'room:resume', { code: room.code, resumeToken: seat.resumeToken })).toEqual({ ok: false, error: 'kicked' });
  });

  it('refuses a room:leave payload that is not an empty object', async () => {
    const c = await h.connect();
    const res = await callRaw(c, 'room:leave', { code: 'ABCDEF', extra: 'x'.repeat(50) });
    expect(res.ok === false && res.error).toBe('bad-payload');
  });
});
