/**
 * Every acknowledged event is answered once and within a bound (server/net/guard.ts), over real Socket.IO: a
 * handler that never settles is answered `unconfirmed` at the deadline (never a refusal: it may still apply), a
 * late result after that is not sent twice, a handler that fails is answered `internal`, and an event nobody
 * handles is answered `bad-payload` (on the arena server too) instead of leaving the client to its time-out.
 * Observing an ack (logs, metrics) never holds it back, even when the log cannot be written.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { systemClock } from '../../../server/clock';
import { createLogger } from '../../../server/log';
import { createService, type Service } from '../../../server/service';
import { accept, answerUnknown, guarded } from '../../../server/net/guard';
import { TokenBucket } from '../../../server/net/rate-limit';
import type { Ack } from '../../../shared/protocol';
import { call, callRaw, gameSettings, startHarness, WAIT_MS, type Harness } from './harness';

const DEADLINE_MS = 300;

describe('acks from the guard', () => {
  let http: HttpServer;
  let server: Server;
  let client: Socket;
  const logged: string[] = [];
  /** Acks the server sent, per event (counted where the service's instrumentation counts them). */
  const sent = new Map<string, number>();
  let finishLate: (() => void) | null = null;

  beforeAll(async () => {
    http = createServer();
    server = new Server(http);
    server.on('connection', (socket) => {
      socket.use((packet, next) => {
        const ack: unknown = packet[packet.length - 1];
        const event = String(packet[0]);
        if (typeof ack === 'function') {
          packet[packet.length - 1] = (res: unknown) => {
            sent.set(event, (sent.get(event) ?? 0) + 1);
            (ack as (r: unknown) => void)(res);
          };
        }
        next();
      });
      const bucket = new TokenBucket({ capacity: 100, perSecond: 100 }, systemClock);
      const log = (m: string): void => void logged.push(m);
      const any = z.unknown();
      guarded(socket, bucket, log, 'never', any, () => new Promise<Ack<null>>(() => {}), DEADLINE_MS);
      guarded(socket, bucket, log, 'late', any, () => new Promise<Ack<string>>((resolve) => (finishLate = () => resolve(accept('late')))), DEADLINE_MS);
      guarded(socket, bucket, log, 'fails', any, () => Promise.reject(new Error('a bug')), DEADLINE_MS);
      guarded(socket, bucket, log, 'quick', any, () => accept('quick'), DEADLINE_MS);
      answerUnknown(socket, bucket, log, new Set(['never', 'late', 'fails', 'quick']));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('connect_error', reject);
    });
  });

  afterAll(async () => {
    client.disconnect();
    await new Promise<void>((resolve) => void server.close(() => resolve()));
  });

  const emit = (event: string): Promise<Ack<unknown>> => client.timeout(WAIT_MS).emitWithAck(event, {}) as Promise<Ack<unknown>>;

  it('answers a handler that never settles with unconfirmed at the deadline', async () => {
    const started = performance.now();
    expect(await emit('never')).toEqual({ ok: false, error: 'unconfirmed' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
    expect(logged.some((l) => l.includes('handler never unfinished after 300 ms'))).toBe(true);
  });

  it('sends one ack only, when the result comes after the deadline', async () => {
    expect(await emit('late')).toEqual({ ok: false, error: 'unconfirmed' });
    finishLate?.();
    // A later ack on the same socket arrives after anything the late result would have sent.
    expect(await emit('quick')).toEqual({ ok: true, data: 'quick' });
    expect(sent.get('late')).toBe(1);
  });

  it('answers a failing handler with internal, and an unknown event with bad-payload', async () => {
    expect(await emit('fails')).toEqual({ ok: false, error: 'internal' });
    expect(await emit('no:such-event')).toEqual({ ok: false, error: 'bad-payload', detail: 'unknown event' });
  });
});

describe('acks from the arena server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers an event it does not know, and still answers the ones it knows', async () => {
    const socket = await h.connect();
    expect(await callRaw(socket, 'room:teleport', { code: 'ABCDEF' })).toEqual({ ok: false, error: 'bad-payload', detail: 'unknown event' });
    expect(await call(socket, 'time:ping', { clientNow: 1 })).toMatchObject({ ok: true, data: { clientNow: 1 } });
  });
});

describe('acks from a server whose log cannot be written', () => {
  let h: Harness;
  let service: Service;
  beforeAll(async () => {
    // A log destination that throws on every line (a closed pipe, a full disk under a synchronous writer).
    const logger = await createLogger({ level: 'debug', format: 'json', destination: { write: () => { throw new Error('log unwritable'); } } });
    service = createService({ logger, dataDir: '.', trustProxy: false, metrics: true, readyMaxLagMs: 5000 });
    h = await startHarness({ service: service.hooks });
  });
  afterAll(async () => {
    await h.stop();
    service.close();
  });

  it('still answers every event: the ack goes out before it is logged and counted', async () => {
    const socket = await h.connect();
    const made = await call(socket, 'room:create', { mode: 'classroom', settings: gameSettings() });
    expect(made).toMatchObject({ ok: true, data: { code: expect.stringMatching(/^[A-Z0-9]{6}$/) } });
    expect(await call(socket, 'time:ping', { clientNow: 2 })).toMatchObject({ ok: true, data: { clientNow: 2 } });
  });
});
