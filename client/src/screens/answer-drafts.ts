/**
 * The draft rule every screen that answers a live question follows (phone: player-question.ts, party:
 * party-question.ts): what the player has typed is sent as a draft (`answer:draft`), so a readable answer left
 * unsent still counts at time-up. Debounced while typing, and almost at once in the last seconds (a pause in
 * typing may outlast the question); retried after a failure; sent once more just before the deadline (the
 * server's grace covers the trip). Only text that can be read is sent: while anything typed is unreadable the
 * server keeps the previous readable draft. The server scores a draft as if submitted when it received it.
 */
import type { Connection } from '../net/connection';
import type { AnswerForm } from '../input/answer-form';

export interface DraftSender {
  /** The text changed: send after a pause in typing, or almost at once when the deadline is near. */
  changed(): void;
  /** Send now if the latest readable text is not held yet. */
  flush(): Promise<void>;
  /** True when the server holds a readable draft for this question. */
  held(): boolean;
  stop(): void;
}

export interface DraftOptions {
  /** Milliseconds left on this player's clock for this question; null when it is not running (paused, gone). */
  remainingMs(): number | null;
  /** True once the answer is sent (or the screen shows a verdict): no draft goes out then. */
  sent(): boolean;
}

export const DEBOUNCE_MS = 700;
export const SOON_MS = 100;
/** Closer to the deadline than this, an edit is sent after SOON_MS instead of DEBOUNCE_MS. */
export const SOON_BEFORE_MS = 3000;
/** The last send, once, when this little is left: the server's grace (ANSWER_GRACE_MS) covers the trip. */
export const FLUSH_BEFORE_MS = 300;
const RETRY_MS = 2000;
const DRAFT_TIMEOUT_MS = 4000;
const TICK_MS = 250;

export function createDraftSender(conn: Pick<Connection, 'request'>, index: number, form: Pick<AnswerForm, 'draft'>, opts: DraftOptions): DraftSender {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let acked: string | null = null;
  let inflight: string | null = null;
  let heldNow = false;
  let stopped = false;
  let flushed = false;

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
    const res = await conn.request('answer:draft', { index, ...parts }, DRAFT_TIMEOUT_MS);
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
  // Once, just before the deadline: whatever is typed and not yet held goes now.
  const deadline = setInterval(() => {
    const left = opts.remainingMs();
    if (stopped || flushed || opts.sent() || left === null || left > FLUSH_BEFORE_MS) return;
    flushed = true;
    void send();
  }, TICK_MS);
  return {
    changed: () => {
      const left = opts.remainingMs();
      later(left !== null && left < SOON_BEFORE_MS ? SOON_MS : DEBOUNCE_MS);
    },
    flush: send,
    held: () => heldNow,
    stop: () => {
      stopped = true;
      clearInterval(deadline);
      if (timer) clearTimeout(timer);
    },
  };
}
