import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type CreatedRoom, type HostView, type PlayerPhaseView, type SeatGrant } from '../../../shared/protocol';
import { generateQuestion } from '../../../shared/questions/index';
import { generatedSpec } from '../../../server/rooms/questions';
import { call, gameSettings, next, ok, startHarness, type Client, type Harness } from './harness';

const N = 300;
const WAIT_MS = 30_000;
const SETTINGS = gameSettings({ questionCount: 1, secondsPerQuestion: 300 });
const UNLIMITED = { capacity: 1e9, perSecond: 1e9 };
const answer = (): string => {
  const spec = generatedSpec(SETTINGS, SETTINGS.seed ?? 0, 0, 0);
  return generateQuestion(spec.family, spec.difficulty, spec.seed).answer.expr ?? '';
};

function until<T>(p: Promise<T>, what: string): Promise<T> {
  const timeout = new Promise<T>((_resolve, reject) => {
    setTimeout(() => reject(new Error(`timed out: ${what}`)), WAIT_MS);
  });
  return Promise.race([p, timeout]);
}

describe(`a storm of ${N} players dropped mid-question`, () => {
  let h: Harness;
  const players: Client[] = [];
  const seats: SeatGrant[] = [];
  let host: Client;
  let room: CreatedRoom;

  beforeAll(async () => {
    h = await startHarness({ limits: { connections: UNLIMITED, attempts: UNLIMITED } });
    host = await h.connect();
    room = await ok(call(host, 'room:create', { mode: 'classroom', settings: SETTINGS }));
    for (let i = 0; i < N; i++) {
      const c: Client = io(h.server.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500 });
      h.clients.push(c);
      await until(new Promise<void>((resolve) => c.once('connect', () => resolve())), 'connect');
      players.push(c);
      seats.push(await ok(call(c, 'room:join', { code: room.code, nickname: `S${i}` })));
    }
    const opened = players.map((p) => next<PlayerPhaseView>(p, 'state', (v) => v.phase === 'question'));
    await ok(call(host, 'host:command', { type: 'start' }));
    await until(Promise.all(opened), 'question opens');
    await Promise.all(players.slice(0, N / 2).map((p) => ok(call(p, 'answer:submit', { index: 0, final: answer() }))));
  }, 120_000);
  afterAll(async () => {
    await h.stop();
  });

  it('keeps the question open, brings every seat back, and lets everyone who had not answered answer', async () => {
    // Even seats: the network drops and Socket.IO recovers the session by itself. Odd seats: the page reloads
    // (a new connection) and resumes with its token.
    const back = players.map((p, i) => {
      if (i % 2 === 0) {
        const again = new Promise<boolean>((resolve) => p.once('connect', () => resolve(p.recovered)));
        p.io.engine.close();
        return again;
      }
      p.disconnect();
      return (async () => {
        const fresh: Client = io(h.server.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true });
        h.clients.push(fresh);
        await new Promise<void>((resolve) => fresh.once('connect', () => resolve()));
        const seat = await ok(call(fresh, 'room:resume', { code: room.code, resumeToken: seats[i]!.resumeToken }));
        expect(seat.state.phase).toBe('question');
        players[i] = fresh;
        return true;
      })();
    });
    const recovered = await until(Promise.all(back), 'everyone back');
    expect(recovered.filter((r, i) => i % 2 === 0 && r).length).toBe(N / 2);

    const online = next<HostView>(host, 'host:state', (v) => v.connectedCount === N);
    await ok(call(host, 'host:command', { type: 'lock', locked: false }));
    const view = await until(online, 'all seats online');
    expect(view.phase).toBe('question');

    const revealed = next<HostView>(host, 'host:state', (v) => v.phase === 'reveal');
    const acks = await Promise.all(players.slice(N / 2).map((p) => call(p, 'answer:submit', { index: 0, final: answer() })));
    expect(acks.filter((a) => a.ok).length).toBe(N / 2);
    const reveal = await until(revealed, 'reveal');
    expect(reveal.phase === 'reveal' && reveal.stats).toMatchObject({ players: N, answered: N, correct: N });
  }, 120_000);
});
