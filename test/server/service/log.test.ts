import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createManualClock } from '../../../server/clock';
import { createLogger, errorLog, installProcessHandlers } from '../../../server/log';
import { RoomRegistry } from '../../../server/room-runtime/registry';
import { liveRoomStore } from '../../../server/store/live-rooms';
import { deps, settings, T0 } from '../rooms/fixture';

async function capture(format: 'json' | 'pretty' = 'json') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = await createLogger({ level: 'debug', format, destination });
  return { logger, lines };
}

describe('server log', () => {
  it('redacts secrets and tokens wherever they sit in a logged object', async () => {
    const { logger, lines } = await capture();
    logger.info({ hostSecret: 's3cret-1', payload: { resumeToken: 's3cret-2', nested: { token: 's3cret-3' } }, headers: { 'x-host-secret': 's3cret-4', authorization: 'Bearer s3cret-5' } }, 'event');
    const text = lines.join('\n');
    for (const secret of ['s3cret-1', 's3cret-2', 's3cret-3', 's3cret-4', 's3cret-5']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('carries the room code a rooms error is logged with (never read out of the message) and keeps the error', async () => {
    const { logger, lines } = await capture();
    errorLog(logger)('saving game ABC234 failed', new Error('disk full'), { room: 'ABC234' });
    const entry = JSON.parse(lines[0] ?? '{}') as { room?: string; level?: number; err?: { message?: string }; msg?: string };
    expect(entry).toMatchObject({ room: 'ABC234', level: 50, msg: 'saving game ABC234 failed' });
    expect(entry.err?.message).toBe('disk full');
    errorLog(logger)('effect VACUUM failed', undefined);
    expect(JSON.parse(lines[1] ?? '{}')).not.toHaveProperty('room');
    // A code in the words alone is not a room: nothing guesses it from the text any more.
    errorLog(logger)('saving game ABC234 failed', undefined);
    expect(JSON.parse(lines[2] ?? '{}')).not.toHaveProperty('room');
  });

  it("gives each room's shell a child logger: a failed write names the room and the event", async () => {
    const { logger, lines } = await capture();
    const registry = new RoomRegistry({
      deps,
      clock: createManualClock(T0),
      transport: () => ({ players: () => {}, player: () => () => {}, host: () => {}, drop: () => {} }),
      store: {
        ...liveRoomStore(new Database(':memory:')),
        append: () => {
          throw new Error('disk full');
        },
      },
      sink: { finished: () => {}, error: errorLog(logger) },
    });
    const made = registry.create({ mode: 'classroom', settings: settings() }, 'owner');
    if (!made.ok) throw new Error(made.error);
    expect(made.shell.dispatch({ type: 'join', nickname: 'Ada', playerId: 'p0', tokenHash: 't', device: 'd' })).toEqual({ ok: false, error: 'internal' });
    registry.close();
    const entry = JSON.parse(lines.find((l) => l.includes('persist join')) ?? '{}') as { room?: string; event?: string; err?: { message?: string } };
    expect(entry).toMatchObject({ room: made.shell.code, event: 'join', err: { message: 'disk full' } });
  });

  it('writes readable lines for a terminal', async () => {
    const { logger, lines } = await capture('pretty');
    logger.info({ room: 'ABC234', event: 'room:create' }, 'room created');
    expect(lines.join('\n')).toMatch(/INFO.*room created/);
    expect(lines.join('\n')).toContain('ABC234');
    expect(lines[0]?.startsWith('{')).toBe(false);
  });

  it('logs an unhandled rejection and goes on; logs an uncaught exception as fatal and stops', async () => {
    const { logger, lines } = await capture();
    const stops: number[] = [];
    const before = { rejection: process.listeners('unhandledRejection'), exception: process.listeners('uncaughtException') };
    const uninstall = installProcessHandlers(logger, (code) => stops.push(code));
    try {
      const onRejection = process.listeners('unhandledRejection').find((l) => !before.rejection.includes(l));
      const onException = process.listeners('uncaughtException').find((l) => !before.exception.includes(l));
      // Called directly: emitting the real events would also reach the test runner's own handlers.
      onRejection?.(new Error('lost promise'), Promise.resolve());
      expect(stops).toEqual([]);
      onException?.(new Error('boom'), 'uncaughtException');
      expect(stops).toEqual([1]);
    } finally {
      uninstall();
    }
    const entries = lines.map((l) => JSON.parse(l) as { level: number; event?: string; err?: { message?: string } });
    expect(entries[0]).toMatchObject({ level: 50, event: 'unhandledRejection', err: { message: 'lost promise' } });
    expect(entries[1]).toMatchObject({ level: 60, event: 'uncaughtException', err: { message: 'boom' } });
    expect(process.listeners('unhandledRejection')).toEqual(before.rejection);
  });
});
