/**
 * Sends what the player has typed as a draft (`answer:draft`), so a readable answer left unsent still counts
 * at time-up. Debounced while typing; retried after a failure; sent once more at the deadline (the server's
 * grace covers it). Only text that can be read is sent: while anything typed is unreadable the server keeps
 * the previous readable draft. The server scores a draft as if submitted when it received it.
 */
import type { AnswerForm } from '../../input/answer-form';
import type { PlayerContext } from './player-shell';

export interface DraftSender {
  /** The text changed: send after a pause in typing (`soon`: the deadline is near, send almost at once). */
  changed(soon?: boolean): void;
  /** Send now if the latest readable text is not held yet (the deadline). */
  flush(): Promise<void>;
  /** True when the server holds a readable draft for this question. */
  held(): boolean;
  stop(): void;
}

const DEBOUNCE_MS = 700;
const SOON_MS = 100;
const RETRY_MS = 2000;
const DRAFT_TIMEOUT_MS = 4000;

export function createDraftSender(ctx: PlayerContext, index: number, form: AnswerForm): DraftSender {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let acked: string | null = null;
  let inflight: string | null = null;
  let heldNow = false;
  let stopped = false;

  const later = (ms: number): void => {
    if (timer) clearTimeout(timer);
    timer = stopped ? null : setTimeout(() => void send(), ms);
  };
  const send = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const parts = form.draft();
    if (stopped || parts === null) return;
    const key = JSON.stringify(parts);
    if (key === acked || key === inflight) return;
    inflight = key;
    const res = await ctx.conn.request('answer:draft', { index, ...parts }, DRAFT_TIMEOUT_MS);
    if (inflight === key) inflight = null;
    if (stopped) return;
    if (res.ok) {
      acked = key;
      heldNow = res.data.held;
      // Typed on while this was on its way: send the newer text too.
      if (JSON.stringify(form.draft()) !== key) later(DEBOUNCE_MS);
    } else if (res.error === 'timeout' || res.error === 'offline' || res.error === 'rate-limited') {
      later(RETRY_MS);
    }
  };
  return {
    changed: (soon) => later(soon ? SOON_MS : DEBOUNCE_MS),
    flush: send,
    held: () => heldNow,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
