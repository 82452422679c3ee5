/**
 * Every refusal is final: an answer sent with an idempotency key is applied once, and a resend with the same key
 * (after an ack that never came) is acknowledged with the first one's verdicts, never refused as already answered.
 * A refused answer records nothing, so the same key may be used again once the answer is fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, gameSettings, ok, startHarness, type Harness } from './harness';

describe('answers applied once per key', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers a resend with the same key from the room, and refuses a second answer under another key', async () => {
    const host = await h.connect();
    const room = await ok(call(host, 'room:create', { mode: 'classroom', settings: gameSettings({ secondsPerQuestion: 120 }) }));
    const ana = await h.connect();
    const ben = await h.connect();
    for (const [p, nickname] of [[ana, 'Ana'], [ben, 'Ben']] as const) await ok(call(p, 'room:join', { code: room.code, nickname }));
    await ok(call(host, 'host:command', { type: 'start' }));

    // A refusal changes nothing: the key is free, and the fixed answer goes out under it.
    expect(await call(ana, 'answer:submit', { key: 'ana-key-000001', index: 0, final: 'x +' })).toMatchObject({ ok: false, error: 'unreadable-answer' });
    const first = await ok(call(ana, 'answer:submit', { key: 'ana-key-000001', index: 0, final: 'x + 4242' }));
    expect([first.done, first.final?.correct]).toEqual([true, false]);
    // The same key again (the phone never heard the ack): the same verdict, acknowledged.
    const again = await ok(call(ana, 'answer:submit', { key: 'ana-key-000001', index: 0, final: 'x + 4242' }));
    expect(again).toEqual(first);
    // Another key is another submission: refused, and the first answer stands.
    expect(await call(ana, 'answer:submit', { key: 'ana-key-000002', index: 0, final: 'x + 1' })).toMatchObject({ ok: false, error: 'already-answered' });
    // Keys are per seat: Ben may pick the same string.
    const bens = await ok(call(ben, 'answer:submit', { key: 'ana-key-000001', index: 0, final: 'x + 7' }));
    expect(bens.done).toBe(true);
    // A malformed key is refused like any bad payload.
    expect(await call(ana, 'answer:submit', { key: 'no spaces!', index: 0, final: 'x' })).toMatchObject({ ok: false, error: 'bad-payload' });
  });
});
