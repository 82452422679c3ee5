/**
 * Time accommodations through the real server (docs/accessibility.md#extra-time): real Socket.IO clients, a
 * manual clock. A student given ×2 time answers after the others' clock ran out, and only the host may give it;
 * a pause lets students send answers, taken at the paused time; "+30 s" moves everyone's clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWER_GRACE_MS, type HostView, type PlayerPhaseView, type SeatGrant, type YouView } from '../../../shared/protocol';
import { generateQuestion } from '../../../shared/questions/index';
import { createManualClock } from '../../../server/clock';
import { generatedSpec } from '../../../server/rooms/questions';
import { call, gameSettings, next, ok, startHarness, type Client, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const SECONDS = 20;

async function classroom() {
  const clock = createManualClock();
  h = await startHarness({ clock });
  const settings = gameSettings({ questionCount: 1, secondsPerQuestion: SECONDS, entryMode: 'final' });
  const host = await h.connect();
  const created = await ok(call(host, 'room:create', { mode: 'classroom', settings }));
  const seats: SeatGrant[] = [];
  const players: Client[] = [];
  for (const name of ['Ana', 'Ben']) {
    const p = await h.connect();
    seats.push(await ok(call(p, 'room:join', { code: created.code, nickname: name })));
    players.push(p);
  }
  const spec = generatedSpec(settings, settings.seed ?? 0, 0, 0);
  const answer = generateQuestion(spec.family, spec.difficulty, spec.seed).answer.expr ?? '';
  return { clock, host, players: players as [Client, Client], ids: seats.map((s) => s.you.playerId) as [string, string], answer };
}

describe('extra time through the real server', () => {
  it('lets a student with ×2 time answer after the others\u2019 clock ran out', async () => {
    const { clock, host, players: [ana, ben], ids: [, benId], answer } = await classroom();
    // Only the host gives extra time: a student asking for it for themselves is refused.
    const self = await call(ben, 'host:command', { type: 'extra-time', playerId: benId, extra: { factor: 2, plusSeconds: 0 } });
    expect(self.ok).toBe(false);
    const benHears = next<YouView>(ben, 'you', (y) => y.extraTime?.factor === 2);
    const hostSees = next<HostView>(host, 'host:state', (v) => v.players.some((p) => p.playerId === benId && p.extraTime?.factor === 2));
    await ok(call(host, 'host:command', { type: 'extra-time', playerId: benId, extra: { factor: 2, plusSeconds: 0 } }));
    // The host's view is refreshed on the room's (manual) clock, coalesced.
    clock.advance(1000);
    await Promise.all([benHears, hostSees]);

    const benClock = next<YouView>(ben, 'you', (y) => y.extraMs === SECONDS * 1000);
    const opened = next<PlayerPhaseView>(ana, 'state', (v) => v.phase === 'question');
    await ok(call(host, 'host:command', { type: 'start' }));
    await Promise.all([opened, benClock]);

    // The class's 20 s and their grace run out: Ana is too late, the round waits for Ben's own 40 s.
    clock.advance(SECONDS * 1000 + ANSWER_GRACE_MS + 1);
    const late = await call(ana, 'answer:submit', { index: 0, final: answer });
    expect(late.ok ? 'accepted' : late.error).toBe('too-late');
    clock.advance(10_000);
    const reveal = next<YouView>(ben, 'you', (y) => typeof y.answer?.points === 'number');
    const anaReveal = next<YouView>(ana, 'you', (y) => typeof y.answer?.points === 'number');
    const sent = await ok(call(ben, 'answer:submit', { index: 0, final: answer }));
    expect(sent.final?.correct).toBe(true);
    const you = await reveal;
    expect(you.answer?.points).toBeGreaterThan(0);
    // Ana, out of time, has no answer; she was never given extra time and her view says nothing of it.
    const anaYou = await anaReveal;
    expect([anaYou.answer?.final, anaYou.extraTime]).toEqual([null, undefined]);
  }, 60_000);

  it('takes an answer sent during a pause at the paused time, and +30 s moves everyone\u2019s clock', async () => {
    const { clock, host, players: [ana], answer } = await classroom();
    const opened = next<PlayerPhaseView>(ana, 'state', (v) => v.phase === 'question');
    await ok(call(host, 'host:command', { type: 'start' }));
    const q = await opened;
    const deadline = q.phase === 'question' && q.timer.running ? q.timer.deadline : 0;
    clock.advance(5000);
    const more = next<PlayerPhaseView>(ana, 'state', (v) => v.phase === 'question' && v.timer.running && v.timer.deadline === deadline + 30_000);
    await ok(call(host, 'host:command', { type: 'add-time', seconds: 30 }));
    await more;
    await ok(call(host, 'host:command', { type: 'pause' }));
    clock.advance(60_000);
    const sent = await ok(call(ana, 'answer:submit', { index: 0, final: answer }));
    expect(sent.final?.correct).toBe(true);
    // Still the question (a second answer is refused as already given): the round waits for Resume, then closes.
    const again = await call(ana, 'answer:submit', { index: 0, final: answer });
    expect(again.ok ? 'accepted' : again.error).toBe('already-answered');
    const reveal = next<YouView>(ana, 'you', (y) => typeof y.answer?.points === 'number');
    await ok(call(host, 'host:command', { type: 'resume' }));
    // Ben has not answered: the round runs on; the host closes it. Ana's answer scores at the paused time (5 s).
    await ok(call(host, 'host:command', { type: 'skip' }));
    expect((await reveal).answer?.final?.correct).toBe(true);
  }, 60_000);
});
