/**
 * A readable draft left unsent counts at time-up: real Socket.IO clients, the real server, a manual clock for
 * the deadline. Rule under test: a draft scores as if submitted when the server received it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWER_GRACE_MS, type PlayerPhaseView, type YouView } from '../../../shared/protocol';
import { generateQuestion } from '../../../shared/questions/index';
import type { Question } from '../../../shared/questions/types';
import { scoreAnswer } from '../../../shared/scoring';
import { createManualClock } from '../../../server/clock';
import { generatedSpec } from '../../../server/rooms/questions';
import { call, gameSettings, next, ok, startHarness, type Client, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const SECONDS = 30;

async function room(entryMode: 'final' | 'layers', players: number) {
  const clock = createManualClock();
  h = await startHarness({ clock });
  const settings = gameSettings({ questionCount: 1, secondsPerQuestion: SECONDS, entryMode });
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
  const q: Question = generateQuestion(spec.family, spec.difficulty, spec.seed);
  const reveal = (p: Client) => next<YouView>(p, 'you', (y) => typeof y.answer?.points === 'number');
  return { clock, ps, q, reveal, settings };
}

const points = (elapsedMs: number, correct = true) =>
  scoreAnswer({ correct, elapsedMs, durationMs: SECONDS * 1000, speedScoring: true, late: false, streakBefore: 0 }).points;

describe('drafts', () => {
  it('scores a readable draft at time-up, keeps the last readable one, and lets a submission win', async () => {
    const { clock, ps, q, reveal } = await room('final', 4);
    const [drafter, fixer, submitter, wrong] = ps as [Client, Client, Client, Client];
    const right = q.answer.expr ?? '';
    clock.advance(10_000);
    expect(await ok(call(drafter, 'answer:draft', { index: 0, final: 'x' }))).toEqual({ index: 0, held: true });
    expect(await ok(call(drafter, 'answer:draft', { index: 0, final: right }))).toEqual({ index: 0, held: true });
    await ok(call(fixer, 'answer:draft', { index: 0, final: right }));
    await ok(call(submitter, 'answer:draft', { index: 0, final: '0' }));
    await ok(call(wrong, 'answer:draft', { index: 0, final: '7' }));
    clock.advance(5_000);
    // An unreadable edit is refused and the readable draft before it stands.
    const bad = await call(fixer, 'answer:draft', { index: 0, final: `${right} + (` });
    expect(bad).toEqual({ ok: false, error: 'unreadable-answer', detail: 'Unbalanced parentheses.' });
    await ok(call(submitter, 'answer:submit', { index: 0, final: right }));
    // The resend at the deadline of an unchanged draft keeps its edit time.
    clock.advance(SECONDS * 1000 - 15_000);
    await ok(call(drafter, 'answer:draft', { index: 0, final: right }));
    const yous = ps.map(reveal);
    clock.advance(ANSWER_GRACE_MS + 1);
    const late = await call(wrong, 'answer:draft', { index: 0, final: right });
    expect(late.ok ? 'held' : late.error).toMatch(/wrong-phase|too-late/);
    const [d, f, s, w] = await Promise.all(yous);
    expect(d?.answer?.final?.correct).toBe(true);
    expect(d?.answer?.points).toBe(points(10_000));
    expect(f?.answer?.final?.correct).toBe(true);
    expect(f?.answer?.points).toBe(points(10_000));
    expect(s?.answer?.points).toBe(points(15_000));
    expect([d, f, s, w].map((y) => y?.answer?.fromDraft === true)).toEqual([true, true, false, true]);
    expect(w?.answer?.final?.correct).toBe(false);
    expect(w?.answer?.points).toBe(0);
  }, 30_000);

  it('counts drafted layers and a drafted product in layers mode, without touching layers already judged', async () => {
    const { clock, ps, q, reveal } = await room('layers', 2);
    const [p0] = ps as [Client, Client];
    const layers = q.layers ?? [];
    expect(layers.length).toBeGreaterThan(1);
    await ok(call(p0, 'answer:submit', { index: 0, layers: [{ layer: 0, input: '0' }] }));
    clock.advance(4_000);
    const drafted = layers.map((l, i) => ({ layer: i, input: l.derivative }));
    await ok(call(p0, 'answer:draft', { index: 0, layers: drafted, final: q.answer.expr }));
    const you = reveal(p0);
    clock.advance(SECONDS * 1000);
    const y = await you;
    expect(y.answer?.final?.correct).toBe(true);
    // Layer 1 was submitted wrong and stays wrong; the other layers come from the draft.
    expect(y.answer?.layers.map((l) => l?.correct)).toEqual(layers.map((_, i) => i !== 0));
    expect(y.answer?.points).toBe(points(4_000));
  }, 30_000);

  it('clears a draft when the boxes are emptied, and refuses drafts for another question', async () => {
    const { clock, ps, q, reveal } = await room('final', 2);
    const p0 = ps[0] as Client;
    await ok(call(p0, 'answer:draft', { index: 0, final: q.answer.expr }));
    expect(await ok(call(p0, 'answer:draft', { index: 0 }))).toEqual({ index: 0, held: false });
    const other = await call(p0, 'answer:draft', { index: 1, final: q.answer.expr });
    expect(other.ok ? 'held' : other.error).toBe('wrong-question');
    const you = reveal(p0);
    clock.advance(SECONDS * 1000 + ANSWER_GRACE_MS + 1);
    const y = await you;
    expect(y.answer?.final).toBeNull();
    expect(y.answer?.points).toBe(0);
  }, 30_000);
});
