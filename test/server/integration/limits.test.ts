import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type Ack, type CreatedRoom } from '../../../shared/protocol';
import type { ArenaServerOptions } from '../../../server/app';
import { call, gameSettings, ok, startHarness, type Client, type Harness } from './harness';


const UNLIMITED = { capacity: 1e9, perSecond: 1e9 };
const WRONG = ['AAAAAA', 'BBBBBB', 'CCCCCC', 'DDDDDD', 'EEEEEE', 'FFFFFF', 'GGGGGG', 'HHHHHH', 'JJJJJJ', 'KKKKKK', 'MMMMMM', 'NNNNNN'];

describe('fair limits', () => {
  let h: Harness | undefined;
  const start = async (opts: Partial<ArenaServerOptions> = {}): Promise<Harness> => {
    h = await startHarness(opts);
    return h;
  };
  const from = async (hh: Harness, forwardedFor: string): Promise<Client> => {
    const c: Client = io(hh.server.url, {
      transports: ['websocket'],
      auth: { protocolVersion: PROTOCOL_VERSION },
      extraHeaders: { 'x-forwarded-for': forwardedFor },
      forceNew: true,
      reconnection: false,
    });
    hh.clients.push(c);
    await new Promise<void>((resolve, reject) => {
      c.once('connect', () => resolve());
      c.once('connect_error', reject);
    });
    return c;
  };
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('lets a whole class behind one address in although a few students mistype the code', async () => {
    const hh = await start();
    const room = await ok(call(await hh.connect(), 'room:create', { mode: 'classroom', settings: gameSettings() }));
    const first = await hh.connect();
    await ok(call(first, 'room:join', { code: room.code, nickname: 'S0' }));
    for (const code of [...WRONG, ...WRONG]) {
      const typo = await hh.connect();
      await call(typo, 'room:join', { code, nickname: 'Typo' });
    }
    const results = [];
    for (let i = 1; i < 60; i++) results.push(await call(await hh.connect(), 'room:join', { code: room.code, nickname: `S${i}` }));
    expect(results.filter((r) => r.ok).length).toBe(59);
  }, 60_000);

  it('keeps guessing codes slow: after a few misses even a real code is refused to the guesser', async () => {
    const hh = await start();
    const room = await ok(call(await hh.connect(), 'room:create', { mode: 'classroom', settings: gameSettings() }));
    const guesser = await from(hh, '203.0.113.9');
    const results = [];
    for (const code of WRONG) results.push(await call(guesser, 'room:join', { code, nickname: 'guess' }));
    expect(results[0]).toEqual({ ok: false, error: 'room-not-found' });
    expect(results.at(-1)).toEqual({ ok: false, error: 'rate-limited' });
    expect(await call(guesser, 'room:join', { code: room.code, nickname: 'guess' })).toEqual({ ok: false, error: 'rate-limited' });
  }, 60_000);

  it('limits room creation per socket', async () => {
    const hh = await start({ limits: { createAddress: UNLIMITED } });
    const c = await hh.connect();
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await call(c, 'room:create', { mode: 'classroom', settings: gameSettings() }));
    expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
    expect(results.at(-1)).toEqual({ ok: false, error: 'rate-limited' });
  });

  it('caps live rooms per address (behind a trusted proxy, per client address) without touching other addresses', async () => {
    const hh = await start({ trustProxy: 1, maxRoomsPerOwner: 3, limits: { createAddress: UNLIMITED, createSocket: UNLIMITED } });
    const school = await from(hh, '198.51.100.7');
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await call(school, 'room:create', { mode: 'classroom', settings: gameSettings() }));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results.at(-1)).toEqual({ ok: false, error: 'too-many-rooms' });
    const elsewhere = await from(hh, '192.0.2.44');
    expect((await call(elsewhere, 'room:create', { mode: 'classroom', settings: gameSettings() })).ok).toBe(true);
  });

  it('solves a teacher task list off the event loop and names the task that cannot be solved', async () => {
    const hh = await start();
    const c = await hh.connect();
    const settings = (expr: string) => gameSettings({ source: { kind: 'tasks', tasks: [{ family: 'chain', task: { expr: 'sin(x^2)', var: 'x' } }, { family: 'chain', task: { expr, var: 'x' } }] } });
    // The first request also starts the worker, which takes seconds on a busy machine.
    const create = (expr: string): Promise<Ack<CreatedRoom>> => c.timeout(30_000).emitWithAck('room:create', { mode: 'classroom', settings: settings(expr) }) as Promise<Ack<CreatedRoom>>;
    const good = await create('exp(3*x)');
    expect(good.ok ? good.data.host.settings.source.kind : good).toBe('tasks');
    const bad = await create('sin(((');
    expect(bad.ok === false && [bad.error, bad.detail?.startsWith('Task 2 (chain): ')]).toEqual(['task-unsolvable', true]);
  }, 60_000);
});
