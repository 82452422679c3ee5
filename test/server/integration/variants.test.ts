import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostView, PlayerPhaseView } from '../../../shared/protocol';
import { call, gameSettings, next, ok, startHarness, type Client, type Harness } from './harness';

type QuestionView = Extract<PlayerPhaseView, { phase: 'question' }>;
type RevealView = Extract<PlayerPhaseView, { phase: 'reveal' }>;

describe('per-player variants', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('reveals to each player the question and answer of their own variant, and labels the host view', async () => {
    const host = await h.connect();
    const room = await ok(call(host, 'room:create', { mode: 'classroom', settings: gameSettings({ variants: 'per-player', questionCount: 1 }) }));
    const players: Client[] = [];
    for (let i = 0; i < 4; i++) {
      const p = await h.connect();
      await ok(call(p, 'room:join', { code: room.code, nickname: `V${i}` }));
      players.push(p);
    }
    const asked = players.map((p) => next<QuestionView>(p, 'state', (v) => v.phase === 'question'));
    const opened = await ok(call(host, 'host:command', { type: 'start' }));
    expect(opened.phase === 'question' && opened.variants).toBe(4);
    const questions = await Promise.all(asked);
    expect(new Set(questions.map((q) => q.question.prompt.latex)).size).toBe(4);

    const revealed = players.map((p) => next<RevealView>(p, 'state', (v) => v.phase === 'reveal'));
    const hostReveal = next<HostView>(host, 'host:state', (v) => v.phase === 'reveal');
    for (const p of players) await ok(call(p, 'answer:submit', { index: 0, final: 'x' }));
    const reveals = await Promise.all(revealed);
    reveals.forEach((r, i) => {
      expect(r.question.prompt.latex).toBe(questions[i]?.question.prompt.latex);
      expect(r.question.id).toBe(questions[i]?.question.id);
    });
    expect(new Set(reveals.map((r) => r.question.answer.expr)).size).toBe(4);
    const hv = await hostReveal;
    expect(hv.phase === 'reveal' && hv.variants).toBe(4);
  });

  it('sends question ids that carry no generator seed', async () => {
    const host = await h.connect();
    const room = await ok(call(host, 'room:create', { mode: 'classroom', settings: gameSettings({ questionCount: 1 }) }));
    const p = await h.connect();
    await ok(call(p, 'room:join', { code: room.code, nickname: 'Curious' }));
    const asked = next<QuestionView>(p, 'state', (v) => v.phase === 'question');
    const revealed = next<RevealView>(p, 'state', (v) => v.phase === 'reveal');
    await ok(call(host, 'host:command', { type: 'start' }));
    expect((await asked).question.id).toBe('q1');
    await ok(call(p, 'answer:submit', { index: 0, final: 'x' }));
    const reveal = await revealed;
    expect(reveal.question.id).toBe('q1');
    expect(reveal.question.seed).toBe(0);
  });
});
