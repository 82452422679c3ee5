/**
 * An answer that cannot be read never counts and never costs the attempt: real Socket.IO clients against the
 * real server. The refusal comes from the server itself, so a client of another version (or a raw socket) that
 * skips the phone's check still cannot burn the question.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PlayerPhaseView, YouView } from '../../../shared/protocol';
import { generateQuestion } from '../../../shared/questions/index';
import type { Question } from '../../../shared/questions/types';
import { generatedSpec } from '../../../server/rooms/questions';
import { call, gameSettings, next, ok, startHarness, type Client, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function room(settings: ReturnType<typeof gameSettings>, players: number): Promise<{ host: Client; ps: Client[]; q: Question }> {
  h = await startHarness();
  const host = await h.connect();
  const created = await ok(call(host, 'room:create', { mode: 'classroom', settings }));
  const ps: Client[] = [];
  for (let i = 0; i < players; i++) {
    const p = await h.connect();
    await ok(call(p, 'room:join', { code: created.code, nickname: `P${i}` }));
    ps.push(p);
  }
  const opened = ps.map((p) => next<PlayerPhaseView>(p, 'state', (v) => v.phase === 'question'));
  await ok(call(host, 'host:command', { type: 'start' }));
  await Promise.all(opened);
  const spec = generatedSpec(settings, settings.seed ?? 0, 0, 0);
  return { host, ps, q: generateQuestion(spec.family, spec.difficulty, spec.seed) };
}

describe('unreadable submissions', () => {
  it('refuses an unreadable final with a reason, and the same player then answers and scores', async () => {
    const { ps, q } = await room(gameSettings({ questionCount: 1 }), 2);
    const [p0, p1] = ps as [Client, Client];
    const typo = `${q.answer.expr ?? 'x'} + (`;
    const refused = await call(p0, 'answer:submit', { index: 0, final: typo });
    expect(refused).toEqual({ ok: false, error: 'unreadable-answer', detail: 'Unbalanced parentheses.' });
    for (const bad of ['2t', '', '   ', ['x', 'y'], 'x +']) {
      const res = await call(p0, 'answer:submit', { index: 0, final: bad });
      expect(res.ok ? 'accepted' : res.error).toBe('unreadable-answer');
    }
    const fixed = await ok(call(p0, 'answer:submit', { index: 0, final: q.answer.expr }));
    expect(fixed.final?.correct).toBe(true);
    expect(fixed.done).toBe(true);
    const again = await call(p0, 'answer:submit', { index: 0, final: q.answer.expr });
    expect(again.ok ? 'accepted' : again.error).toBe('already-answered');
    const reveal = next<YouView>(p0, 'you', (y) => y.answer?.points !== null && y.answer?.points !== undefined);
    await ok(call(p1, 'answer:submit', { index: 0, final: '0' }));
    const you = await reveal;
    expect(you.answer?.final?.correct).toBe(true);
    expect(you.score).toBeGreaterThan(0);
  }, 30_000);

  it('refuses an unreadable layer without judging the readable parts sent with it', async () => {
    const { ps, q } = await room(gameSettings({ questionCount: 1, entryMode: 'layers' }), 2);
    const p0 = ps[0] as Client;
    const layers = q.layers ?? [];
    expect(layers.length).toBeGreaterThan(1);
    const res = await call(p0, 'answer:submit', {
      index: 0, layers: [{ layer: 0, input: layers[0]!.evaluated }, { layer: 1, input: 'cos(' }], final: q.answer.expr,
    });
    // Wire layer 1 is numbered as the diagram shows it, counting from the innermost box.
    expect(res).toEqual({ ok: false, error: 'unreadable-answer', detail: `Box ${layers.length - 1}: Unbalanced parentheses.` });
    // Nothing was judged: layer 1 can still be sent, in the layer's own variable u.
    const first = await ok(call(p0, 'answer:submit', { index: 0, layers: [{ layer: 0, input: layers[0]!.derivative }] }));
    expect(first.layers[0]?.correct).toBe(true);
    expect(first.layers[1]).toBeNull();
    expect(first.done).toBe(false);
  }, 30_000);

  it('refuses an unreadable number and an unreadable Jacobian entry', async () => {
    const { ps } = await room(gameSettings({ questionCount: 1, source: { kind: 'generated', families: ['backprop'], difficulty: 1 } }), 2);
    const res = await call(ps[0] as Client, 'answer:submit', { index: 0, final: '0.5x' });
    expect(res.ok ? 'accepted' : res.error).toBe('unreadable-answer');
    const done = await ok(call(ps[0] as Client, 'answer:submit', { index: 0, final: '-0.0497' }));
    expect(done.done).toBe(true);
    await h?.stop();
    h = undefined;
    const jac = await room(gameSettings({ questionCount: 1, source: { kind: 'generated', families: ['jacobian'], difficulty: 2 } }), 2);
    const shape = jac.q.answer.matrix ?? [];
    const cells = shape.map((r) => r.map(() => '1'));
    (cells[0] as string[])[1] = 'sin(';
    const bad = await call(jac.ps[0] as Client, 'answer:submit', { index: 0, final: cells });
    expect(bad).toMatchObject({ ok: false, error: 'unreadable-answer', detail: expect.stringMatching(/^Entry \(1, 2\)/) });
    const good = await ok(call(jac.ps[0] as Client, 'answer:submit', { index: 0, final: jac.q.answer.matrix }));
    expect(good.final?.correct).toBe(true);
  }, 30_000);
});
