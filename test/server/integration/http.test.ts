import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import { createArenaServer, type ArenaServerHandle } from '../../../server/app';
import { call, gameSettings, ok, type Client } from './harness';

describe('arena HTTP server', () => {
  let dir: string;
  let server: ArenaServerHandle;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'arena-http-'));
    mkdirSync(join(dir, 'client', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'client', 'index.html'), '<!doctype html><title>Chain Rule Arena</title>');
    writeFileSync(join(dir, 'client', 'assets', 'app.js'), 'console.log(1)');
    server = await createArenaServer({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data', 'nested'), clientDir: join(dir, 'client'), log: () => {} });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the client for a join link', async () => {
    const res = await fetch(`${server.url}/join/ABC234`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Chain Rule Arena');
  });

  it('serves the client for a code in the query string', async () => {
    expect(await (await fetch(`${server.url}/?code=ABC234`)).text()).toContain('Chain Rule Arena');
  });

  it('serves built assets as files', async () => {
    expect(await (await fetch(`${server.url}/assets/app.js`)).text()).toBe('console.log(1)');
  });

  it('answers unknown API paths with 404 JSON, not the client', async () => {
    const res = await fetch(`${server.url}/api/nothing`);
    expect(res.status).toBe(404);
  });

  it('keeps a finished game report across a restart', async () => {
    const host: Client = io(server.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true });
    const player: Client = io(server.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true });
    const room = await ok(call(host, 'room:create', { mode: 'classroom', settings: gameSettings({ questionCount: 1 }) }));
    await ok(call(player, 'room:join', { code: room.code, nickname: '@SUM(A1)' }));
    await ok(call(host, 'host:command', { type: 'start' }));
    await ok(call(player, 'answer:submit', { index: 0, final: '-2*x' }));
    await ok(call(host, 'host:command', { type: 'next' }));
    host.disconnect();
    player.disconnect();
    await server.close();
    server = await createArenaServer({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data', 'nested'), clientDir: join(dir, 'client'), log: () => {} });
    const res = await fetch(`${server.url}/api/rooms/${room.code}/report.csv`, { method: 'POST', headers: { 'X-Host-Secret': room.hostSecret } });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain("\r\n'@SUM(A1),1,");
    expect(body).toContain(",'-2*x,wrong,");
  });
});
