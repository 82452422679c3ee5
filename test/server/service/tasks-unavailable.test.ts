/**
 * A server whose task workers cannot start (the worker file is missing, as in a broken deployment): own
 * questions are refused with a clear code within seconds, /readyz stays ready but says why, /metrics counts the
 * failed starts, the log has one line for the whole burst, and generated games are created, joined and started.
 */
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, type RoomSettings } from '../../../shared/protocol';
import { createLogger, errorLog } from '../../../server/log';
import { createService, type Service } from '../../../server/service';
import { call, gameSettings, metricValue, ok, startHarness, WAIT_MS, type Harness } from '../integration/harness';

/** "Within a few seconds", on a loaded 2-core machine. */
const REFUSAL_BOUND_MS = 5000;

const ownQuestions = (): RoomSettings =>
  gameSettings({ source: { kind: 'tasks', tasks: [{ family: 'chain', task: { expr: 'sin(x^2)', var: 'x' } }] } });

describe('own questions while no task worker can start', () => {
  let h: Harness;
  let service: Service;
  const lines: string[] = [];
  const metrics = async (): Promise<string> => (await fetch(`${h.server.url}/metrics`)).text();

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logger = await createLogger({ level: 'info', format: 'json', destination });
    service = createService({ logger, dataDir: tmpdir(), trustProxy: false, metrics: true, readyMaxLagMs: 5000 });
    h = await startHarness({
      log: errorLog(logger),
      service: service.hooks,
      tasks: { workerFile: new URL('./no-such-task-worker.js', import.meta.url), backoff: { initialMs: 100, maxMs: 400 } },
    });
  });

  afterAll(async () => {
    await h.stop();
    service.close();
  });

  it('refuses a classroom and a party with own questions within seconds, with a message to show', async () => {
    const host = await h.connect();
    for (const request of [
      { mode: 'classroom' as const, settings: ownQuestions() },
      { mode: 'party' as const, settings: ownQuestions(), nickname: 'Ada' },
    ]) {
      const started = performance.now();
      const res = await call(host, 'room:create', request);
      expect(performance.now() - started).toBeLessThan(REFUSAL_BOUND_MS);
      expect(res).toEqual({ ok: false, error: 'tasks-unavailable' });
    }
    expect(ERROR_MESSAGES['tasks-unavailable']).toMatch(/^Own questions are unavailable right now/);
  });

  it('keeps the rest of the game working: a generated game is created, joined and started', async () => {
    const host = await h.connect();
    const room = await ok(call(host, 'room:create', { mode: 'classroom', settings: gameSettings() }));
    const phone = await h.connect();
    const seat = await ok(call(phone, 'room:join', { code: room.code, nickname: 'Grace' }));
    expect(seat.you.nickname).toBe('Grace');
    const view = await ok(call(host, 'host:command', { type: 'start' }));
    expect(view.phase).toBe('question');
  });

  it('stays ready, says why in /readyz, counts the failed starts and logs the burst once', async () => {
    // Let a few attempts go by: each one is counted, none is logged again.
    const end = performance.now() + WAIT_MS;
    while (metricValue(await metrics(), 'arena_task_worker_start_failures_total') < 3) {
      if (performance.now() > end) throw new Error('fewer than 3 failed starts counted');
      await new Promise((r) => setTimeout(r, 100));
    }
    const text = await metrics();
    expect(metricValue(text, 'arena_task_workers_ready')).toBe(0);
    const ready = await fetch(`${h.server.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { ok: boolean; checks: Record<string, { ok: boolean; degraded?: boolean; detail?: string }> };
    expect(body.ok).toBe(true);
    expect(body.checks.store?.ok).toBe(true);
    expect(body.checks.ownQuestions).toMatchObject({ ok: false, degraded: true, detail: expect.stringMatching(/task workers cannot start/) });
    // The server's paths stay out of a public body.
    expect(body.checks.ownQuestions?.detail).not.toContain(h.dataDir);
    expect(body.checks.ownQuestions?.detail).not.toContain('/');
    const burst = lines.filter((l) => l.includes('task workers cannot start'));
    expect(burst).toHaveLength(1);
    expect(JSON.parse(burst[0] ?? '{}')).toMatchObject({ level: 50, err: { message: expect.stringContaining('failed while starting') } });
  });
});
