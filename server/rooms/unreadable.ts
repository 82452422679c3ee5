/**
 * The server's half of "an unreadable answer never counts": a submission or draft with a part that cannot be
 * read is refused (`unreadable-answer`, the reason in `detail`) before any judging, so the attempt is not used
 * whatever client sent it. The rule itself is shared/check/readable.ts, the one the phone disables Submit with.
 */
import { slotRules, unreadablePart, type SlotRules, type SubmittedParts } from '../../shared/check/readable';
import type { Question } from '../../shared/questions/types';

const rulesCache = new WeakMap<Question, SlotRules>();

function rulesFor(q: Question): SlotRules {
  let rules = rulesCache.get(q);
  if (!rules) {
    rules = slotRules(q);
    rulesCache.set(q, rules);
  }
  return rules;
}

/** The refusal for a submission (or draft) with a part that cannot be read, or null when all can be. */
export function refuseUnreadable(q: Question, parts: SubmittedParts): { ok: false; error: 'unreadable-answer'; detail: string } | null {
  const why = unreadablePart(rulesFor(q), parts);
  return why === null ? null : { ok: false, error: 'unreadable-answer', detail: why };
}

