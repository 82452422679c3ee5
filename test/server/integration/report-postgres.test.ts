/**
 * A whole game on a server with DATABASE_URL set: its report lands in PostgreSQL (the secret as a hash only),
 * and another server process with an empty data folder on the same database serves it through the same report
 * route (POST, secret in X-Host-Secret): the report comes from PostgreSQL, not from the first server's memory.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, CreatedRoom, SeatGrant } from '../../../shared/protocol';
import { startPostgres, type RunningPostgres } from '../../support/postgres';
import { call, gameSettings, ok, startHarness, type Harness } from './harness';

let db: RunningPostgres;
const harnesses: Harness[] = [];
beforeAll(async () => {
  db = await startPostgres();
});
afterAll(async () => {
  for (const h of harnesses.splice(0)) await h.stop();
  await db?.stop();
});

async function server(): Promise<Harness> {
  const h = await startHarness({ databaseUrl: db.url });
  harnesses.push(h);
  return h;
}

const download = (h: Harness, code: string, secret: string): Promise<Response> =>
  fetch(`${h.server.url}/api/rooms/${code}/report.csv`, { method: 'POST', headers: { 'X-Host-Secret': secret } });

describe('reports in PostgreSQL', () => {
  it('a finished game is stored in PostgreSQL and downloadable from another process', async () => {
    const first = await server();
    expect(first.server.reports).toBe('postgres');
    const host = await first.connect();
    const made = (await host.timeout(15_000).emitWithAck('room:create', { mode: 'classroom', settings: gameSettings({ leaderboardEvery: 0 }) })) as Ack<CreatedRoom>;
    if (!made.ok) throw new Error(made.error);
    const room = made.data;
    const players = [await first.connect(), await first.connect()];
    await ok(call<SeatGrant>(players[0]!, 'room:join', { code: room.code, nickname: 'Ana' }));
    await ok(call<SeatGrant>(players[1]!, 'room:join', { code: room.code, nickname: 'Ben' }));
    await ok(call(host, 'host:command', { type: 'start' }));
    for (const index of [0, 1]) {
      // Everyone answered: the question closes, and `next` goes on to the following one (or the podium).
      await ok(call(players[0]!, 'answer:submit', { index, final: 'x' }));
      await ok(call(players[1]!, 'answer:submit', { index, final: 'x+1' }));
      await ok(call(host, 'host:command', { type: 'next' }));
    }
    const fromFirst = await download(first, room.code, room.hostSecret);
    expect(fromFirst.status).toBe(200);
    const csv = await fromFirst.text();
    // Closing waits for queued saves: after it the database holds the game.
    await first.stop();
    harnesses.splice(harnesses.indexOf(first), 1);

    const client = new pg.Client(db.url);
    await client.connect();
    try {
      const games = await client.query<{ id: string; secret_hash: string }>('SELECT id, secret_hash FROM games WHERE code = $1', [room.code]);
      expect(games.rows.map((g) => g.secret_hash)).toEqual([createHash('sha256').update(room.hostSecret).digest('hex')]);
      const answers = await client.query<{ player: string }>('SELECT player FROM answers WHERE game_id = $1 ORDER BY question, id', [games.rows[0]?.id]);
      expect(answers.rows.map((a) => a.player)).toEqual(['Ana', 'Ben', 'Ana', 'Ben']);
    } finally {
      await client.end();
    }

    const second = await server();
    const fromSecond = await download(second, room.code, room.hostSecret);
    expect(fromSecond.status).toBe(200);
    expect(fromSecond.headers.get('content-disposition')).toContain(`arena-${room.code}.csv`);
    expect(await fromSecond.text()).toBe(csv);
    expect((await download(second, room.code, 'not-the-secret')).status).toBe(404);
  }, 60_000);
});
