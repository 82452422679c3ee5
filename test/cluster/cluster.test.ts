/**
 * Cluster mode end to end: a real redis-server, three game server processes sharing it, real Socket.IO clients
 * spread over all three. One whole game with the host on one process; then a room whose owner is killed with -9
 * mid-question: another process takes it over within 5 s, no acknowledged answer is lost, and the question can
 * still be answered. Reports go to a PostgreSQL shared by the processes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type AnswerState, type CreatedRoom, type HostView, type PlayerPhaseView, type SeatGrant } from '../../shared/protocol';
import { generateQuestion } from '../../shared/questions/index';
import type { ReportRow } from '../../shared/report/types';
import { Redis } from 'ioredis';
import pg from 'pg';
import { redisLimiter } from '../../server/cluster/shared-limits';
import type { AddressLimiter } from '../../server/net/address-limiter';
import { generatedSpec } from '../../server/rooms/questions';
import { call, gameSettings, next, ok, WAIT_MS, type Client } from '../server/integration/harness';
import { startNode, type ServerNode } from '../support/cluster';
import { startPostgres, type RunningPostgres } from '../support/postgres';
import { startRedis, type RedisProcess } from '../support/redis';

const SETTINGS = gameSettings({ questionCount: 2, leaderboardEvery: 0, secondsPerQuestion: 120 });
const rightAnswer = (index: number): string => {
  const spec = generatedSpec(SETTINGS, SETTINGS.seed ?? 0, index, 0);
  return generateQuestion(spec.family, spec.difficulty, spec.seed).answer.expr ?? '';
};
/** The failover target of the issue: a room runs again within 5 s of its owner's death. */
const FAILOVER_MS = 5000;

describe('cluster mode: rooms across server processes on Redis', () => {
  let redis: RedisProcess;
  let db: RunningPostgres;
  const nodes: ServerNode[] = [];
  const clients: Client[] = [];
  const connect = async (url: string, name: string): Promise<Client> => {
    const auth = { protocolVersion: PROTOCOL_VERSION, deviceId: `device-${name}-0001` };
    const c: Client = io(url, { transports: ['websocket'], auth, forceNew: true, reconnection: false, timeout: WAIT_MS });
    clients.push(c);
    await new Promise<void>((resolve, reject) => {
      c.once('connect', () => resolve());
      c.once('connect_error', reject);
    });
    return c;
  };
  const node = (i: number): ServerNode => nodes[i] as ServerNode;

  beforeAll(async () => {
    [redis, db] = await Promise.all([startRedis(), startPostgres()]);
    nodes.push(...(await Promise.all([0, 1, 2].map(() => startNode({ redisUrl: redis.url, databaseUrl: db.url })))));
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
    await redis?.stop();
    await db?.stop();
  });

  /** A room created on `hostNode` and two players per process, each joining by code on their own process. */
  async function classroom(hostNode: number, tag: string) {
    const host = await connect(node(hostNode).url, `${tag}-host`);
    const room = await ok(call<CreatedRoom>(host, 'room:create', { mode: 'classroom', settings: SETTINGS }));
    // Listening before the joins: the host's view is refreshed once for them all, maybe before they are acked.
    const full = next<HostView>(host, 'host:state', (v) => v.playerCount === 6);
    const players: Array<{ name: string; at: number; socket: Client; seat: SeatGrant }> = [];
    for (let i = 0; i < 6; i++) {
      const at = i % 3;
      const name = `${tag}${i}`;
      const socket = await connect(node(at).url, name);
      const seat = await ok(call<SeatGrant>(socket, 'room:join', { code: room.code, nickname: name }));
      expect(seat.state.phase === 'lobby' && seat.state.code).toBe(room.code);
      players.push({ name, at, socket, seat });
    }
    return { host, room, players, full };
  }

  it('plays a whole game with the host on one process and players on all three; a room code joins on every process', async () => {
    const { host, room, players, full } = await classroom(0, 'G');
    // An unknown code is refused the same way everywhere.
    for (let i = 0; i < 3; i++) {
      const probe = await connect(node(i).url, `probe${i}`);
      expect(await call(probe, 'room:join', { code: 'ZZZZZZ', nickname: 'nobody' })).toMatchObject({ ok: false, error: 'room-not-found' });
    }
    const lobby = await full;
    expect(lobby.players.every((p) => p.connected)).toBe(true);
    for (const index of [0, 1]) {
      // Every phone, whichever process holds its socket, hears the question from the room's owner.
      const asked = players.map((p) => next<PlayerPhaseView>(p.socket, 'state', (s) => s.phase === 'question' && s.index === index));
      if (index === 0) await ok(call(host, 'host:command', { type: 'start' }));
      else await ok(call(host, 'host:command', { type: 'next', expect: { phase: 'reveal', index: 0 } }));
      await Promise.all(asked);
      const revealed = players.map((p) => next<PlayerPhaseView>(p.socket, 'state', (s) => s.phase === 'reveal' && s.index === index));
      for (const [i, p] of players.entries()) {
        const answer = await ok(call<AnswerState>(p.socket, 'answer:submit', { index, final: i % 2 === 0 ? rightAnswer(index) : 'x + 4242' }));
        expect(answer.final?.correct).toBe(i % 2 === 0);
      }
      await Promise.all(revealed);
    }
    const finished = next<HostView>(host, 'host:state', (v) => v.phase === 'finished');
    const ended = players.map((p) => next<PlayerPhaseView>(p.socket, 'state', (s) => s.phase === 'finished'));
    await ok(call(host, 'host:command', { type: 'next', expect: { phase: 'reveal', index: 1 } }));
    const view = await finished;
    await Promise.all(ended);
    expect(view.phase === 'finished' && view.ranking.length).toBe(6);
    const scores = new Map(view.players.map((p) => [p.nickname, p.score]));
    for (const [i, p] of players.entries()) expect((scores.get(p.name) ?? 0) > 0).toBe(i % 2 === 0);
    // The owner saved the report in PostgreSQL: it is there, and another process serves it.
    const client = new pg.Client(db.url);
    await client.connect();
    try {
      const answers = async (): Promise<number> => {
        const saved = await client.query<{ n: string }>('SELECT count(*) AS n FROM answers a JOIN games g ON g.id = a.game_id WHERE g.code = $1', [room.code]);
        return Number(saved.rows[0]?.n);
      };
      // The save is queued after the game ends (server/store/save-queue.ts): wait for it, within a bound.
      await until(async () => (await answers()) > 0, 20_000, 'the report in PostgreSQL');
      expect(await answers()).toBe(12);
    } finally {
      await client.end();
    }
    const rows = await report(node(2), room);
    expect(rows.filter((r) => r.correct).length).toBe(6);
  }, 60_000);

  it('takes a room over within 5 s when its owner is killed with -9 mid-question, losing no acknowledged answer', async () => {
    const { host, room, players, full } = await classroom(2, 'F');
    await full;
    await ok(call(host, 'host:command', { type: 'start' }));
    // Half the class answers (acknowledged) before the owner dies.
    const acked = new Map<string, boolean>();
    for (const [i, p] of players.slice(0, 4).entries()) {
      const a = await ok(call<AnswerState>(p.socket, 'answer:submit', { index: 0, final: i % 2 === 0 ? rightAnswer(0) : 'x + 4242' }));
      acked.set(p.name, a.final?.correct === true);
    }
    const killedAt = Date.now();
    node(2).proc.kill('SIGKILL');
    expect(await node(2).exited).toBe('SIGKILL');
    const takeover = await Promise.any([0, 1].map((i) => node(i).waitTakeover(room.code, 15_000)));
    expect(takeover.at - killedAt).toBeLessThan(FAILOVER_MS);

    // Sockets on the survivors were never dropped: the new owner's broadcasts reach them.
    const survivors = players.filter((p) => p.at !== 2);
    const stillThere = survivors.map((p) => next<PlayerPhaseView>(p.socket, 'state', (s) => s.phase === 'reveal' && s.index === 0));
    // The host and the phones of the dead process reconnect to another process, as the client does.
    const host2 = await connect(node(0).url, 'F-host-again');
    const view = await ok(call<HostView>(host2, 'host:claim', { code: room.code, hostSecret: room.hostSecret }));
    expect(view.phase === 'question' && view.answered).toBe(4);
    expect(view.phase === 'question' && view.timer.remainingMs).toBeGreaterThan(100_000);
    const back = players.filter((p) => p.at === 2);
    for (const p of back) {
      p.socket = await connect(node(1).url, p.name);
      const seat = await ok(call<SeatGrant>(p.socket, 'room:resume', { code: room.code, resumeToken: p.seat.resumeToken }));
      expect(seat.you.answer?.done ?? false).toBe(acked.has(p.name));
    }
    const revealed = next<HostView>(host2, 'host:state', (v) => v.phase === 'reveal');
    for (const p of players.slice(4)) await ok(call(p.socket, 'answer:submit', { index: 0, final: rightAnswer(0) }));
    const reveal = await revealed;
    expect(reveal.phase === 'reveal' && reveal.stats).toMatchObject({ players: 6, answered: 6 });
    await Promise.all(stillThere);

    const finished = next<HostView>(host2, 'host:state', (v) => v.phase === 'finished');
    await ok(call(host2, 'host:command', { type: 'next', expect: { phase: 'reveal', index: 0 } }));
    await ok(call(host2, 'host:command', { type: 'end' }));
    await finished;
    await until(async () => (await reportResponse(node(1), room)).status === 200, 20_000, 'the report of the room taken over');
    const rows = await report(node(1), room);
    for (const [name, correct] of acked) {
      const row = rows.find((r) => r.player === name && r.question === 1);
      expect(row?.outcome).not.toBe('no answer');
      expect(row?.correct).toBe(correct);
    }
  }, 60_000);

  it('recovers a dropped connection on another process: same seat, the missed broadcast replayed', async () => {
    const host = await connect(node(0).url, 'R-host');
    const room = await ok(call<CreatedRoom>(host, 'room:create', { mode: 'classroom', settings: SETTINGS }));
    const witness = await connect(node(0).url, 'R-witness');
    await ok(call<SeatGrant>(witness, 'room:join', { code: room.code, nickname: 'Wes' }));
    const p = await connect(node(0).url, 'R-player');
    // Recovery resumes from the last broadcast the phone got: it must have had one (the lobby count after its join).
    const counted = next<PlayerPhaseView>(p, 'state', (s) => s.phase === 'lobby' && s.playerCount === 2);
    await ok(call<SeatGrant>(p, 'room:join', { code: room.code, nickname: 'Rita' }));
    await counted;
    // The connection drops (the server keeps its session in Redis) ...
    const dropped = next(p, 'disconnect');
    p.io.engine.close();
    await dropped;
    // ... and a broadcast goes out while the phone is away: the lobby view that says the room is locked.
    const isLocked = (s: PlayerPhaseView): boolean => s.phase === 'lobby' && s.locked;
    const seen = next<PlayerPhaseView>(witness, 'state', isLocked);
    await ok(call(host, 'host:command', { type: 'lock', locked: true }));
    await seen;
    // The reconnect reaches another process, as a load balancer may route it.
    (p.io as unknown as { uri: string }).uri = node(1).url;
    const replayed = next<PlayerPhaseView>(p, 'state', isLocked);
    const back = next(p, 'connect');
    p.connect();
    await back;
    expect(p.recovered).toBe(true);
    await replayed;
    // The recovered socket still holds its seat: it is asked the question and its answer counts.
    const asked = next<PlayerPhaseView>(p, 'state', (s) => s.phase === 'question');
    await ok(call(host, 'host:command', { type: 'start' }));
    await asked;
    const answer = await ok(call<AnswerState>(p, 'answer:submit', { index: 0, final: rightAnswer(0) }));
    expect(answer.final?.correct).toBe(true);
  }, 60_000);

  it('shares the per-address budgets between processes through Redis', async () => {
    // Two limiters on two connections, as two processes hold them: the budget is one.
    const conns = [new Redis(redis.url), new Redis(redis.url)];
    try {
      const [a, b] = conns.map((c) => redisLimiter(c, 'test-attempts', { capacity: 3, perSecond: 0.01 })) as [AddressLimiter, AddressLimiter];
      expect(await a.take('10.0.0.7')).toBe(true);
      expect(await b.take('10.0.0.7')).toBe(true);
      expect(await b.has('10.0.0.7')).toBe(true);
      expect(await a.take('10.0.0.7')).toBe(true);
      expect(await b.has('10.0.0.7')).toBe(false);
      expect(await b.take('10.0.0.7')).toBe(false);
      expect(await a.take('10.0.0.7')).toBe(false);
      // Another address has its own budget.
      expect(await b.take('10.0.0.8')).toBe(true);
    } finally {
      for (const c of conns) c.disconnect();
    }
  });
});

/** Waits for `cond` to hold, checking every 100 ms, and fails after `timeoutMs`. */
async function until(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await cond())) {
    if (performance.now() > deadline) throw new Error(`${what}: not there after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const reportResponse = (at: ServerNode, room: CreatedRoom): Promise<Response> =>
  fetch(`${at.url}/api/rooms/${room.code}/report.json`, { method: 'POST', headers: { 'X-Host-Secret': room.hostSecret } });

async function report(at: ServerNode, room: CreatedRoom): Promise<ReportRow[]> {
  const res = await reportResponse(at, room);
  expect(res.status).toBe(200);
  return ((await res.json()) as { rows: ReportRow[] }).rows;
}
