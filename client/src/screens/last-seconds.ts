/**
 * The last seconds of a question, on every page that answers live (the phone and the party page): from 10 s left
 * the answer panel says plainly that the answer is not sent (the draft rule sends readable typing once more at the
 * deadline, and the line says so when a draft is held); before that, a held draft is named. At 30 s and 10 s the
 * time left is said once through the page's live region (docs/accessibility.md#announcements).
 */
import { h } from '../app/dom';
import { announce, timeCalls } from '../app/announcer';
import type { LiveAnswerPanel } from './answer-panel';

/** `tap` on a phone, `press` on a laptop's party page. Returns the stop. */
export function watchLastSeconds(entry: LiveAnswerPanel, verb: 'Tap' | 'Press'): () => void {
  const calls = timeCalls();
  const warn = setInterval(() => {
    const left = entry.remainingMs();
    const call = entry.sent() ? null : calls.check(left);
    if (entry.sent() || left === null) return entry.form.setNotice(null);
    const typed = JSON.stringify(entry.form.draft()) !== '{}';
    const held = entry.drafts.held();
    entry.form.setNotice(left < 10_000 ? notSent(left, typed, held, verb) : held ? heldLine() : null);
    // Spoken at 30 s and 10 s only; the warning on screen counts every second but is not a live region.
    if (call) announce(left < 10_000 + 250 ? `${call} ${typed ? `Your answer is not sent: ${verb.toLowerCase()} Submit.` : `Type your answer and ${verb.toLowerCase()} Submit.`}` : call);
  }, 250);
  return () => clearInterval(warn);
}

function notSent(left: number, typed: boolean, held: boolean, verb: 'Tap' | 'Press'): HTMLElement {
  const secs = Math.max(0, Math.ceil(left / 1000));
  return h('p', { class: 'not-sent', id: 'not-sent-warning' },
    typed ? `${secs} s left: your answer is not sent. ${verb} Submit.` : `${secs} s left: type your answer and ${verb.toLowerCase()} Submit.`,
    typed && held ? ' Your draft counts at time-up.' : '');
}

function heldLine(): HTMLElement {
  return h('p', { class: 'draft-held', id: 'draft-held' }, 'Draft saved: it counts at time-up.');
}
