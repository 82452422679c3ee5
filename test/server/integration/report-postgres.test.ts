/**
 * A whole game on a server with DATABASE_URL set: its report lands in PostgreSQL (the secret as a hash only),
 * and another server process with an empty data folder on the same database serves it through the same report
 * route (POST, secret in X-Host-Secret): the report comes from PostgreSQL, not from the first server's memory.
 * A game that finishes while PostgreSQL is down keeps its report downloadable, /readyz fails until the database
 * is back, and the game lands in it then.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, CreatedRoom } from '../../../shared/protocol';
import { createLogger } from '../../../server/log';
import { createService } from '../../../server/service';
import { startPostgres, type RunningPostgres } from '../../support/postgres';
import { call, gameSettings, ok, startHarness, type Client, type Harness } from './harness';

let db: RunningPostgres;
const harnesses: Harness[] = [];
beforeAll(async () => {
  db = await startPostgres();
});
afterAll(async () => {
  for (const h of harnesses.splice(0)) await h.stop();
  await db?.stop();
});

async function server(opts: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness({ databaseUrl: db.url, ...opts });
  harnesses.push(h);
  return h;
}

/** Creates a two-question room, seats Ana and Ben, and plays it up to the last `next` (which the caller sends). */
async function playAlmostToTheEnd(h: Harness): Promise<{ host: Client; code: string; hostSecret: string }> {
  const host = await h.connect();
  const made = (await host.timeout(15_000).emitWithAck('room:create', { mode: 'classroom', settings: gameSettings({ leaderboardEvery: 0 }) })) as Ack<CreatedRoom>;
  if (!made.ok) throw new Error(made.error);
  const players = [await h.connect(), await h.connect()];
  await ok(call(players[0]!, 'room:join', { code: made.data.code, nickname: 'Ana' }));
  await ok(call(players[1]!, 'room:join', { code: made.data.code, nickname: 'Ben' }));
  await ok(call(host, 'host:command', { type: 'start' }));
  for (const index of [0, 1]) {
    // Everyone answered: the question closes, and `next` goes on to the following one (or the podium).
    await ok(call(players[0]!, 'answer:submit', { index, final: 'x' }));
    await ok(call(players[1]!, 'answer:submit', { index, final: 'x+1' }));
    if (index === 0) await ok(call(host, 'host:command', { type: 'next' }));
  }
  return { host, code: made.data.code, hostSecret: made.data.hostSecret };
}

async function gamesIn(code: string): Promise<Array<{ id: string; secret_hash: string }>> {
  const client = new pg.Client(db.url);
  await client.connect();
  try {
    return (await client.query<{ id: string; secret_hash: string }>('SELECT id, secret_hash FROM games WHERE code = $1', [code])).rows;
  } finally {
    await client.end();
  }
}

const download = (h: Harness, code: string, secret: string): Promise<Response> =>
  fetch(`${h.server.url}/api/rooms/${code}/report.csv`, { method: 'POST', headers: { 'X-Host-Secret': secret } });

describe('reports in PostgreSQL', () => {
  it('a finished game is stored in PostgreSQL and downloadable from another process', async () => {
    const first = await server();
    expect(first.server.reports).toBe('postgres');
    const room = await playAlmostToTheEnd(first);
    await ok(call(room.host, 'host:command', { type: 'next' }));
    const fromFirst = await download(first, room.code, room.hostSecret);
    expect(fromFirst.status).toBe(200);
    const csv = await fromFirst.text();
    // Closing waits for queued saves: after it the database holds the game.
    await first.stop();
    harnesses.splice(harnesses.indexOf(first), 1);

    const games = await gamesIn(room.code);
    expect(games.map((g) => g.secret_hash)).toEqual([createHash('sha256').update(room.hostSecret).digest('hex')]);
    const client = new pg.Client(db.url);
    await client.connect();
    try {
      const answers = await client.query<{ player: string }>('SELECT player FROM answers WHERE game_id = $1 ORDER BY question, id', [games[0]?.id]);
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

  it('a game finishing while PostgreSQL is down stays downloadable, degrades /readyz (still ready), and lands once it is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-ready-'));
    const logger = await createLogger({ level: 'silent', format: 'json' });
    const service = createService({ logger, dataDir: dir, trustProxy: false, metrics: true, readyMaxLagMs: 60_000 });
    try {
      const h = await server({ service: service.hooks });
      type Ready = { ok: boolean; degraded?: boolean; checks: Record<string, { ok: boolean; degraded?: boolean }> };
      const readyz = async (): Promise<{ status: number; body: Ready }> => {
        const res = await fetch(`${h.server.url}/readyz`);
        return { status: res.status, body: (await res.json()) as Ready };
      };
      const storeUp = async (): Promise<string | undefined> => /^arena_report_store_up (\d)/m.exec(await (await fetch(`${h.server.url}/metrics`)).text())?.[1];
      expect((await readyz()).body).toMatchObject({ ok: true, checks: { reports: { ok: true } } });
      expect(await storeUp()).toBe('1');
      const room = await playAlmostToTheEnd(h);
      await db.down();
      await ok(call(room.host, 'host:command', { type: 'next' }));
      // Games go on without the report store: the load balancer keeps this process, the body says what is wrong.
      const degraded = await readyz();
      expect(degraded.status).toBe(200);
      expect(degraded.body).toMatchObject({ ok: true, degraded: true, checks: { store: { ok: true }, reports: { ok: false, degraded: true } } });
      expect(await storeUp()).toBe('0');
      const during = await download(h, room.code, room.hostSecret);
      expect(during.status).toBe(200);
      const lines = (await during.text()).trim().split('\r\n');
      expect(lines).toHaveLength(1 + 4);
      await db.up();
      // The save is retried with a growing delay (0.5 s, 1 s, 2 s …): no longer degraded once it has landed.
      const deadline = performance.now() + 20_000;
      while ((await readyz()).body.degraded) {
        if (performance.now() > deadline) throw new Error('/readyz still degraded 20 s after PostgreSQL came back');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await gamesIn(room.code)).toHaveLength(1);
    } finally {
      await db.up();
      service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
