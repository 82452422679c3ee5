/**
 * The server as a service, over real HTTP and Socket.IO on 127.0.0.1:0: precompressed assets and cache headers,
 * the CSP, /metrics fed by real socket traffic, /readyz, the CSV by POST, and logs with room context and no secret.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import { createArenaServer, type ArenaServerHandle } from '../../../server/app';
import { createLogger } from '../../../server/log';
import { createService, type Service } from '../../../server/service';
import { call, gameSettings, metricValue, ok, type Client } from '../integration/harness';

const ASSET = `console.log(${JSON.stringify('chain rule '.repeat(200))});\n`;

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET without decompression, so the bytes on the wire and their encoding can be checked. */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.setTimeout(15_000, () => req.destroy(new Error(`timed out: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

describe('arena as a service', () => {
  let dir: string;
  let server: ArenaServerHandle;
  let service: Service;
  const lines: string[] = [];
  const clients: Client[] = [];

  const connect = async (): Promise<Client> => {
    const c: Client = io(server.url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true, reconnection: false });
    clients.push(c);
    await new Promise<void>((resolve, reject) => {
      c.once('connect', () => resolve());
      c.once('connect_error', reject);
    });
    return c;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'arena-service-'));
    const client = join(dir, 'client');
    mkdirSync(join(client, 'assets'), { recursive: true });
    writeFileSync(join(client, 'index.html'), '<!doctype html><title>Chain Rule Arena</title>');
    writeFileSync(join(client, 'assets', 'index-AbC123.js'), ASSET);
    writeFileSync(join(client, 'assets', 'index-AbC123.js.br'), brotliCompressSync(ASSET));
    writeFileSync(join(client, 'assets', 'index-AbC123.js.gz'), gzipSync(ASSET));
    writeFileSync(join(client, 'assets', 'plain-XyZ.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logger = await createLogger({ level: 'debug', format: 'json', destination });
    const dataDir = join(dir, 'data');
    service = createService({ logger, dataDir, trustProxy: false, metrics: true, readyMaxLagMs: 300 });
    server = await createArenaServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      clientDir: client,
      limits: { socket: { capacity: 5, perSecond: 1 } },
      log: () => {},
      service: service.hooks,
    });
  });

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await server.close();
    service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the brotli file to a client that accepts br, whatever the order of its encodings', async () => {
    for (const accept of ['gzip, deflate, br', 'br', 'br;q=0.5, gzip;q=0.5']) {
      const res = await get(`${server.url}/assets/index-AbC123.js`, { 'Accept-Encoding': accept });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      expect(res.body.length).toBeLessThan(ASSET.length / 5);
      expect(brotliDecompressSync(res.body).toString()).toBe(ASSET);
    }
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await get(`${server.url}/assets/index-AbC123.js`, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(ASSET);
    const plain = await get(`${server.url}/assets/index-AbC123.js`, { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(ASSET);
  });

  it('caches hashed assets for a year and revalidates the page', async () => {
    expect((await get(`${server.url}/assets/index-AbC123.js`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get(`${server.url}/assets/plain-XyZ.png`)).headers['cache-control']).toContain('immutable');
    for (const path of ['/', '/join/ABC234', '/index.html']) {
      const page = await get(`${server.url}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.body.toString()).toContain('Chain Rule Arena');
    }
  });

  it('answers a missing hashed asset with 404, not the page', async () => {
    expect((await get(`${server.url}/assets/index-OLD999.js`)).status).toBe(404);
  });

  it('does not serve dotfiles, the precompressed copies by name, or paths outside the build', async () => {
    writeFileSync(join(dir, 'client', '.build-stamp'), 'x');
    for (const path of ['/.build-stamp', '/assets/..%2f..%2fdata', '/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await get(`${server.url}${path}`);
      expect(res.body.toString()).not.toBe('x');
      expect(res.body.toString()).not.toContain('root:');
    }
  });

  it('sends a CSP that allows what KaTeX and Phaser need and nothing from elsewhere', async () => {
    const csp = String((await get(`${server.url}/`)).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toMatch(/img-src 'self' data: blob:/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain(`ws://${new URL(server.url).host}`);
    expect(csp).not.toContain('upgrade-insecure-requests');
    const api = await get(`${server.url}/healthz`);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('keeps a hostile Host header out of the CSP', async () => {
    const res = await get(`${server.url}/`, { Host: "evil; script-src 'unsafe-eval'" });
    expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-eval');
  });

  it('counts rooms, sockets, checks, ack latency and refusals in /metrics, and logs the room', async () => {
    const host = await connect();
    const player = await connect();
    const room = await ok(call(host, 'room:create', { mode: 'classroom', settings: gameSettings({ questionCount: 1 }) }));
    await ok(call(player, 'room:join', { code: room.code, nickname: 'Ada' }));
    await ok(call(host, 'host:command', { type: 'start' }));
    await ok(call(player, 'answer:submit', { index: 0, final: '2*x' }));
    const metrics = (await get(`${server.url}/metrics`)).body.toString();
    expect(metricValue(metrics, 'arena_rooms')).toBe(1);
    expect(metricValue(metrics, 'arena_rooms_created_total')).toBe(1);
    expect(metricValue(metrics, 'arena_sockets')).toBe(2);
    expect(metricValue(metrics, 'arena_players_connected')).toBe(1);
    expect(metricValue(metrics, 'arena_answer_checks_total')).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/arena_ack_latency_seconds_count\{event="answer:submit"\} 1/);
    expect(metrics).toMatch(/^nodejs_eventloop_lag_seconds /m);
    // The per-socket bucket holds 5: a burst of pings is refused, and counted.
    const pings = await Promise.all(Array.from({ length: 8 }, () => call(player, 'time:ping', { clientNow: 1 })));
    expect(pings.some((p) => !p.ok && p.error === 'rate-limited')).toBe(true);
    const after = (await get(`${server.url}/metrics`)).body.toString();
    expect(metricValue(after, 'arena_rate_limit_refusals_total')).toBeGreaterThanOrEqual(1);

    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toContainEqual(expect.objectContaining({ room: room.code, event: 'room:create', msg: 'room created' }));
    expect(parsed).toContainEqual(expect.objectContaining({ room: room.code, event: 'answer:submit' }));
    expect(lines.join('\n')).not.toContain(room.hostSecret);
  });

  it('sends the CSV for the host secret in a header, never for one in the URL', async () => {
    const host = await connect();
    const room = await ok(call(host, 'room:create', { mode: 'classroom', settings: gameSettings({ questionCount: 1 }) }));
    // Reports exist only for finished games.
    await ok(call(host, 'host:command', { type: 'end' }));
    const path = `${server.url}/api/rooms/${room.code}/report.csv`;
    const good = await fetch(path, { method: 'POST', headers: { 'X-Host-Secret': room.hostSecret } });
    expect(good.status).toBe(200);
    expect(good.headers.get('content-type')).toMatch(/text\/csv/);
    expect(await good.text()).toMatch(/^player,question/);
    expect((await fetch(`${path}?secret=${encodeURIComponent(room.hostSecret)}`)).status).toBe(404);
    expect((await fetch(`${path}?secret=${encodeURIComponent(room.hostSecret)}`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(path, { method: 'POST', headers: { 'X-Host-Secret': 'wrong' } })).status).toBe(404);
    expect(lines.join('\n')).not.toContain(room.hostSecret);
  });

  it('is ready while the store is writable, and not ready for a while after the event loop stalled', async () => {
    // Ready once the loop is quiet: on a loaded machine the test runner itself may have stalled it a moment ago.
    const quietBy = performance.now() + 30_000;
    let ready = await fetch(`${server.url}/readyz`);
    while (ready.status !== 200 && performance.now() < quietBy) {
      await new Promise((r) => setTimeout(r, 100));
      ready = await fetch(`${server.url}/readyz`);
    }
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, checks: { store: { ok: true }, eventLoop: { ok: true }, reports: { ok: true }, ownQuestions: { ok: true } } });
    // A deliberate stall of the loop (the condition under test), longer than READY_MAX_LAG_MS = 300.
    const until = performance.now() + 900;
    while (performance.now() < until) {
      // busy
    }
    const stalled = await fetch(`${server.url}/readyz`);
    expect(stalled.status).toBe(503);
    expect(((await stalled.json()) as { checks: { eventLoop: { ok: boolean } } }).checks.eventLoop.ok).toBe(false);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('readiness of the store', () => {
  it('fails when the data directory is gone and a file stands in its place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-ready-'));
    const dataDir = join(dir, 'data');
    const logger = await createLogger({ level: 'silent', format: 'json' });
    const service = createService({ logger, dataDir, trustProxy: false, metrics: false, readyMaxLagMs: 60_000 });
    const server = await createArenaServer({ port: 0, host: '127.0.0.1', dataDir, clientDir: join(dir, 'none'), log: () => {}, service: service.hooks });
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
      rmSync(dataDir, { recursive: true, force: true });
      writeFileSync(dataDir, 'not a directory');
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { checks: { store: { ok: boolean; detail: string } } };
      expect(body.checks.store.ok).toBe(false);
      expect(body.checks.store.detail).not.toContain(dir);
    } finally {
      await server.close();
      service.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
