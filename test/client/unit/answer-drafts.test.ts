/**
 * The draft rule the phone and the party page share (client/src/screens/answer-drafts.ts). Before it was shared,
 * the party page sent a draft only after the normal pause in typing and never at the deadline, so a party
 * player's last edits were lost at time-up. Time is faked; the connection and the form are stand-ins that record
 * what would be sent and when.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubmittedParts } from '../../../shared/check/readable';
import { createDraftSender, DEBOUNCE_MS, FLUSH_BEFORE_MS, SOON_MS, type DraftSender } from '../../../client/src/screens/answer-drafts';

type Reply = { ok: true; data: { index: number; held: boolean } } | { ok: false; error: string };

/** A question whose clock ends at `deadline` (fake time), with a form holding `typed`. */
function harness(deadline: number, answer: (n: number) => Reply = () => ({ ok: true, data: { index: 0, held: true } })) {
  const sentAt: Array<{ at: number; final: unknown }> = [];
  let typed: SubmittedParts | null = {};
  let answered = false;
  const conn = {
    request: (_event: string, payload: { final?: unknown }) => {
      sentAt.push({ at: Date.now(), final: payload.final });
      return Promise.resolve(answer(sentAt.length));
    },
  };
  const drafts: DraftSender = createDraftSender(conn as never, 0, { draft: () => typed }, {
    remainingMs: () => deadline - Date.now(),
    sent: () => answered,
  });
  return {
    drafts,
    sentAt,
    type: (final: string) => {
      typed = { final };
      drafts.changed();
    },
    submit: () => (answered = true),
  };
}

describe('the shared draft rule', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for a pause in typing while there is time, and sends almost at once in the last seconds', async () => {
    const h = harness(20_000);
    h.type('2*x');
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 1);
    expect(h.sentAt).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sentAt).toEqual([{ at: DEBOUNCE_MS, final: '2*x' }]);

    await vi.advanceTimersByTimeAsync(18_000 - Date.now());
    h.type('2*x*cos(x^2)');
    await vi.advanceTimersByTimeAsync(SOON_MS);
    expect(h.sentAt.at(-1)).toEqual({ at: 18_000 + SOON_MS, final: '2*x*cos(x^2)' });
    h.drafts.stop();
  });

  it('sends the last edit once more just before the deadline when the earlier send was lost', async () => {
    // The first send is lost (no answer within its time-out); its retry would come after the deadline.
    const h = harness(6_000, (n) => (n === 1 ? { ok: false, error: 'timeout' } : { ok: true, data: { index: 0, held: true } }));
    // Sent at 4.6 s, lost; the retry (2 s later) would land after the deadline at 6 s.
    await vi.advanceTimersByTimeAsync(4_500);
    h.type('x');
    await vi.advanceTimersByTimeAsync(SOON_MS);
    expect(h.sentAt).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(6_000 - FLUSH_BEFORE_MS - Date.now() + 250);
    expect(h.sentAt).toHaveLength(2);
    const last = h.sentAt[1];
    expect(last?.final).toBe('x');
    expect(last?.at).toBeLessThan(6_000);
    expect(last?.at).toBeGreaterThanOrEqual(6_000 - FLUSH_BEFORE_MS - 250);
    expect(h.drafts.held()).toBe(true);
    h.drafts.stop();
  });

  it('sends nothing more once the answer is submitted, nor after stop', async () => {
    const h = harness(5_000);
    h.type('x');
    h.submit();
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    const before = h.sentAt.length;
    await vi.advanceTimersByTimeAsync(6_000);
    expect(h.sentAt).toHaveLength(before);
    h.drafts.stop();
    h.type('y');
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 2);
    expect(h.sentAt).toHaveLength(before);
  });
});
