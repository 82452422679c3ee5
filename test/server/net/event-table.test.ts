/**
 * The event table (shared/protocol/events.ts) is the one place an event is declared: the client's typing, the
 * server's handler set and the registration all follow from it. This fixture adds an event, `room:wave`, with
 * one table entry: the compiler then demands its handler with the entry's payload and ack types, and the real
 * registration (guard included) serves it on a real Socket.IO server.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  ack,
  CLIENT_EVENTS,
  type Ack,
  type AckFn,
  type ClientToServerEventsOf,
  type EventSpec,
} from '../../../shared/protocol';
import { createManualClock } from '../../../server/clock';
import { registerEvents, type HandlersOf, type LimitTools } from '../../../server/net/events';
import type { ErrorLog, LogAt } from '../../../server/log';
import { accept, guarded } from '../../../server/net/guard';
import { TokenBucket } from '../../../server/net/rate-limit';

/** The whole change a new event needs in the protocol: this one entry. */
const WITH_WAVE = {
  ...CLIENT_EVENTS,
  'room:wave': { payload: z.strictObject({ emoji: z.enum(['👋', '🎉']) }), ack: ack<{ waved: string }>(), limit: 'event' },
} as const satisfies Record<string, EventSpec>;
const WAVE_ONLY = { 'room:wave': WITH_WAVE['room:wave'] };

describe('the event table', () => {
  it('types a new event on the client from its one entry', () => {
    type Events = ClientToServerEventsOf<typeof WITH_WAVE>;
    expectTypeOf<Parameters<Events['room:wave']>>().toEqualTypeOf<[{ emoji: '👋' | '🎉' }, AckFn<{ waved: string }>]>();
    // The existing events are unchanged by it.
    expectTypeOf<Parameters<Events['time:ping']>[1]>().toEqualTypeOf<AckFn<{ serverNow: number; clientNow?: number }>>();
  });

  it('makes a missing handler or a wrong ack a compile error', () => {
    // @ts-expect-error the table has `room:wave`, so the handler set must too.
    const missing: HandlersOf<typeof WAVE_ONLY> = {};
    const wrongAck: HandlersOf<typeof WAVE_ONLY> = {
      // @ts-expect-error the ack's data must be `{ waved: string }`.
      'room:wave': () => accept({ waved: 1 }),
    };
    const wrongPayload: HandlersOf<typeof WAVE_ONLY> = {
      // @ts-expect-error the payload is `{ emoji }`, there is no `nickname`.
      'room:wave': (p) => accept({ waved: p.nickname as string }),
    };
    expect([missing, wrongAck, wrongPayload]).toHaveLength(3);
  });

  it('serves the new event through the real registration and guard once its handler is written', async () => {
    const http = createServer();
    const server = new Server(http);
    const clock = createManualClock(0);
    const tools: LimitTools = { event: undefined, attempt: async (_code, fn) => fn(), create: () => Promise.resolve(true) };
    const handlers: HandlersOf<typeof WAVE_ONLY> = {
      'room:wave': (p) => {
        if (p.emoji === '👋') throw new Error('a bug');
        return accept({ waved: p.emoji });
      },
    };
    const logged: Array<[string, LogAt | undefined]> = [];
    server.on('connection', (socket) => {
      (socket.data as { code?: string }).code = 'ABCDEF';
      const bucket = new TokenBucket({ capacity: 10, perSecond: 1 }, clock);
      const log: ErrorLog = (message, _err, at) => logged.push([message, at]);
      registerEvents(WAVE_ONLY, handlers, tools, (event, schema, fn) => guarded(socket, bucket, log, event, schema, fn));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
    try {
      const wave = (payload: unknown): Promise<Ack<unknown>> => client.timeout(10_000).emitWithAck('room:wave', payload) as Promise<Ack<unknown>>;
      expect(await wave({ emoji: '🎉' })).toEqual({ ok: true, data: { waved: '🎉' } });
      // A handler's error is answered `internal` and logged with the socket's room and the event.
      expect(await wave({ emoji: '👋' })).toEqual({ ok: false, error: 'internal' });
      expect(logged).toEqual([['handler room:wave threw', { room: 'ABCDEF', event: 'room:wave' }]]);
      expect(await wave({ emoji: '🦖' })).toEqual({ ok: false, error: 'bad-payload', detail: 'emoji: invalid_value' });
    } finally {
      client.disconnect();
      await server.close();
    }
  });
});
