/**
 * The solo review queue: spaced repetition (Leitner boxes counted in sessions) over the families and mistakes a
 * player got wrong. A miss puts its family+mistake in box 0, due next session; each right review moves it up a
 * box and doubles the wait (1, 2, 4, 8 sessions); a right answer from the last box retires it; a wrong review
 * sends it back to box 0. Kept in localStorage as JSON, which the player can export. Pure except for the
 * load/save edges, which treat the stored text as untrusted (it may be edited by hand or by another version).
 */
import { MISTAKE_CODES, type MistakeCode } from '../../../../shared/check/types';
import { FAMILIES, type Difficulty, type Family } from '../../../../shared/questions/types';

export const REVIEW_KEY = 'arena.review.v1';
/** Boxes 0..LAST_BOX; a right answer in LAST_BOX retires the item. */
export const LAST_BOX = 3;
/** At most this many reviews open a run, so a long queue never crowds out the chosen topics. */
export const REVIEWS_PER_RUN = 3;
const MAX_ITEMS = 60;
const MAX_PROMPT = 300;

export interface ReviewItem {
  /** `family:mistake`, the unit that comes back ("chain:forgot-inner-derivative"). */
  key: string;
  family: Family;
  mistake: MistakeCode | null;
  difficulty: Difficulty;
  /** The question last missed, as text, so the queue can be read on its own. */
  prompt: string;
  box: number;
  /** Session number from which the item is due. */
  due: number;
  misses: number;
  lastMissedAt: number;
}

export interface ReviewQueue {
  version: 1;
  /** Sessions (runs) started so far. */
  session: number;
  items: ReviewItem[];
}

export const emptyQueue = (): ReviewQueue => ({ version: 1, session: 0, items: [] });

export const reviewKey = (family: Family, mistake: MistakeCode | null): string => `${family}:${mistake ?? 'other'}`;

/** Starts a run: the session counter moves on, so items missed last run are now due. */
export function beginSession(q: ReviewQueue): ReviewQueue {
  return { ...q, session: q.session + 1 };
}

/** Items due this session, oldest due first, then lowest box; at most `limit`. */
export function dueItems(q: ReviewQueue, limit = REVIEWS_PER_RUN): ReviewItem[] {
  return q.items
    .filter((i) => i.due <= q.session)
    .sort((a, b) => a.due - b.due || a.box - b.box || b.lastMissedAt - a.lastMissedAt)
    .slice(0, limit);
}

export interface Miss {
  family: Family;
  mistake: MistakeCode | null;
  difficulty: Difficulty;
  prompt: string;
}

/** A wrong answer: its family+mistake goes (back) to box 0, due next session. */
export function recordMiss(q: ReviewQueue, miss: Miss, now: number): ReviewQueue {
  const key = reviewKey(miss.family, miss.mistake);
  const old = q.items.find((i) => i.key === key);
  const item: ReviewItem = {
    key, family: miss.family, mistake: miss.mistake, difficulty: miss.difficulty,
    prompt: miss.prompt.slice(0, MAX_PROMPT), box: 0, due: q.session + 1,
    misses: (old?.misses ?? 0) + 1, lastMissedAt: now,
  };
  const rest = q.items.filter((i) => i.key !== key);
  // Oldest misses fall off first when the queue is full.
  const items = [...rest, item].sort((a, b) => b.lastMissedAt - a.lastMissedAt).slice(0, MAX_ITEMS);
  return { ...q, items };
}

/** A review answered right: up a box (or retired from the last one), due 2^box sessions later. */
export function recordReviewRight(q: ReviewQueue, key: string): ReviewQueue {
  const items: ReviewItem[] = [];
  for (const i of q.items) {
    if (i.key !== key) items.push(i);
    else if (i.box < LAST_BOX) items.push({ ...i, box: i.box + 1, due: q.session + 2 ** (i.box + 1) });
  }
  return { ...q, items };
}

/** The queue as a file a player can keep or move to another browser. */
export function exportQueue(q: ReviewQueue): string {
  return `${JSON.stringify(q, null, 2)}\n`;
}

const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

function readItem(raw: unknown): ReviewItem | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const family = FAMILIES.find((f) => f === r.family);
  const mistake = r.mistake === null ? null : MISTAKE_CODES.find((m) => m === r.mistake);
  if (!family || mistake === undefined) return null;
  if (!isInt(r.difficulty, 1, 5) || !isInt(r.box, 0, LAST_BOX) || !isInt(r.due, 0, 1e9) || !isInt(r.misses, 0, 1e9)) return null;
  return {
    key: reviewKey(family, mistake), family, mistake, difficulty: r.difficulty as Difficulty,
    prompt: typeof r.prompt === 'string' ? r.prompt.slice(0, MAX_PROMPT) : '',
    box: r.box, due: r.due, misses: r.misses,
    lastMissedAt: typeof r.lastMissedAt === 'number' && Number.isFinite(r.lastMissedAt) ? r.lastMissedAt : 0,
  };
}

/** Parses stored or imported text; anything unreadable gives an empty queue, bad items are dropped. */
export function parseQueue(text: string | null): ReviewQueue {
  if (!text || text.length > 200_000) return emptyQueue();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return emptyQueue();
  }
  if (typeof raw !== 'object' || raw === null) return emptyQueue();
  const r = raw as Record<string, unknown>;
  const session = isInt(r.session, 0, 1e9) ? r.session : 0;
  const seen = new Set<string>();
  const items: ReviewItem[] = [];
  for (const it of Array.isArray(r.items) ? r.items.slice(0, MAX_ITEMS) : []) {
    const item = readItem(it);
    if (item && !seen.has(item.key)) {
      seen.add(item.key);
      items.push(item);
    }
  }
  return { version: 1, session, items };
}

export function loadQueue(storage: Pick<Storage, 'getItem'>): ReviewQueue {
  try {
    return parseQueue(storage.getItem(REVIEW_KEY));
  } catch {
    return emptyQueue();
  }
}

/** Saves; a full or blocked storage loses the queue quietly rather than stopping the run. */
export function saveQueue(storage: Pick<Storage, 'setItem'>, q: ReviewQueue): void {
  try {
    storage.setItem(REVIEW_KEY, JSON.stringify(q));
  } catch {
    /* private mode or quota: the run goes on without a queue */
  }
}

/** What a game's end review gives the queue: the player's own wrong answers (server/rooms/review.ts). */
export interface GameMiss {
  index: number;
  outcome: 'correct' | 'wrong' | 'no answer';
  family?: Family;
  difficulty?: Difficulty;
  mistake: MistakeCode | null;
  prompt: { text: string };
}

/**
 * "Practise what you missed": the queue with the player's wrong answers from a game put first, from what the
 * game already sent the phone (nothing leaves it). Each family+mistake is due at once (due 0, before anything
 * already queued), the one missed most often first, then in question order: `lastMissedAt` stamps count down
 * from `now` so `dueItems` keeps that order. Returns the queue and the keys in that order.
 */
export function seedFromGame(q: ReviewQueue, review: readonly GameMiss[], now: number): { queue: ReviewQueue; keys: string[] } {
  const misses = new Map<string, { miss: Miss; count: number; first: number }>();
  for (const r of review) {
    if (r.outcome !== 'wrong' || !r.family || !FAMILIES.includes(r.family)) continue;
    const key = reviewKey(r.family, r.mistake);
    const had = misses.get(key);
    if (had) had.count++;
    else misses.set(key, { miss: { family: r.family, mistake: r.mistake, difficulty: r.difficulty ?? 2, prompt: r.prompt.text }, count: 1, first: r.index });
  }
  const order = [...misses.entries()].sort(([, a], [, b]) => b.count - a.count || a.first - b.first);
  let queue = q;
  order.forEach(([key, m], i) => {
    queue = recordMiss(queue, m.miss, now - i);
    queue = { ...queue, items: queue.items.map((it) => (it.key === key ? { ...it, due: 0, misses: it.misses + m.count - 1 } : it)) };
  });
  return { queue, keys: order.map(([key]) => key) };
}
