/**
 * Drafts benchmark (`npm run bench -- drafts`): the room machine alone (no sockets), 2,000 players each sending
 * 5 drafts while typing (judged on arrival), then the deadline. Prints the cost of one draft (mean, p99) and of
 * closing the round with every player on a draft against closing it with nobody having answered: drafts are
 * judged on arrival so that closing does no checking. Then every player's `you` view (rank and gap included).
 */
import { ANSWER_GRACE_MS, DEFAULT_SETTINGS } from '../shared/protocol';
import { createMathDeps } from '../server/room-runtime/deps';
import { createRoomState, transition } from '../server/rooms/machine';
import { questionFor } from '../server/rooms/questions';
import { getEntry } from '../server/rooms/table';
import { youView } from '../server/rooms/views';
import type { RoomEvent, RoomState } from '../server/rooms/types';
import { percentile } from './load/stats';

const PLAYERS = Number(process.env.ARENA_BENCH_DRAFT_PLAYERS ?? 2000);
const DRAFTS = 5;
const T0 = 1_700_000_000_000;
const deps = createMathDeps((ctx, err) => console.error(ctx, err));

function apply(state: RoomState, event: RoomEvent, now: number): RoomState {
  const res = transition(state, event, now, deps);
  if (!res.ok) throw new Error(`${event.type} refused: ${res.error} ${res.detail ?? ''}`);
  return res.state;
}

function open(): RoomState {
  const settings = { ...DEFAULT_SETTINGS, questionCount: 1, secondsPerQuestion: 60, entryMode: 'final' as const, seed: 5 };
  const made = createRoomState({ code: 'BENCH2', hostKeyHash: 'bench-secret-0001', mode: 'classroom', settings, seed: 5, now: T0 }, deps);
  if (!made.ok) throw new Error(made.detail);
  let s = made.state;
  for (let i = 0; i < PLAYERS; i++) s = apply(s, { type: 'join', nickname: `P${i}`, playerId: `p${i}`, device: `device-${i}`, tokenHash: `token-${i}-000000` }, T0);
  return apply(s, { type: 'host', command: { type: 'start' } }, T0);
}

export async function run(): Promise<void> {
  let s = open();
  const q = questionFor(s, 0);
  const right = q.answer.expr ?? '0';
  const texts = ['x', `${right} + 1`, `2*(${right})`, `-(${right})`, right];
  const times: number[] = [];
  for (let d = 0; d < DRAFTS; d++) {
    for (let i = 0; i < PLAYERS; i++) {
      const t = performance.now();
      s = apply(s, { type: 'draft', playerId: `p${i}`, draft: { index: 0, final: texts[(d + i) % texts.length] } }, T0 + 1000 * (d + 1));
      times.push(performance.now() - t);
    }
  }
  const deadline = T0 + 60_000 + ANSWER_GRACE_MS;
  let t = performance.now();
  const closed = apply(s, { type: 'deadline' }, deadline);
  const closeDrafts = performance.now() - t;
  // Every phone's `you` view after the close: rank and gap come from one cached ranking of the room.
  t = performance.now();
  for (const id of closed.order) {
    const p = getEntry(closed.players, id);
    if (p) youView(closed, p);
  }
  const yous = performance.now() - t;
  const silent = open();
  t = performance.now();
  apply(silent, { type: 'deadline' }, deadline);
  const closeSilent = performance.now() - t;
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`drafts: ${PLAYERS} players × ${DRAFTS} drafts (${q.family})`);
  console.log(`  one draft (judged on arrival): mean ${mean.toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms`);
  console.log(`  close with ${PLAYERS} drafts held: ${closeDrafts.toFixed(1)} ms (nobody answered: ${closeSilent.toFixed(1)} ms)`);
  console.log(`  ${PLAYERS} you views after the close (rank + gap each): ${yous.toFixed(1)} ms`);
  await Promise.resolve();
}
