/**
 * Fault benchmark (`npm run bench -- faults`): a storm of 1,000 players dropped mid-question (back %, p99 time
 * to back, question still open), a crash-restart (rooms restored, acknowledged answers lost), and the event-loop
 * lag while 30 costly `room:create` requests arrive. Loopback only; every part has a time budget and stops by
 * itself. `ARENA_BENCH_STORM=300,1000` (the default) sets the storm sizes.
 */
import { cpus, loadavg } from 'node:os';
import { crash } from './faults/crash';
import { idleLag, lag } from './faults/lag';
import { storm } from './faults/storm';
import { withBudget } from './harness';

const STORMS = (process.env.ARENA_BENCH_STORM ?? '300,1000').split(',').map(Number).filter((n) => n > 0);
const PART_BUDGET_MS = 300_000;

export async function run(): Promise<void> {
  for (const size of STORMS) {
    console.log(`faults: storm of ${size}… (load average ${loadavg()[0]?.toFixed(1)})`);
    const s = await withBudget(storm(size), PART_BUDGET_MS, `faults benchmark: storm`);
    console.log(
      `storm ${s.players}: back ${s.backPct.toFixed(1)}% (recovered by Socket.IO ${s.recoveredPct.toFixed(1)}%, the rest resumed), ` +
        `time to back p50 ${s.backP50Ms.toFixed(0)} ms p99 ${s.backP99Ms.toFixed(0)} ms, question still open: ${s.stillOpen ? 'yes' : 'NO'}, ` +
        `answers accepted after the storm ${s.answeredAfter}/${s.shouldAnswer}`,
    );
  }
  console.log('faults: crash-restart…');
  const c = await withBudget(crash(5, 30), PART_BUDGET_MS, `faults benchmark: crash-restart`);
  console.log(
    `crash-restart (kill -9, ${c.rooms} rooms mid-question): rooms restored ${c.restored}/${c.rooms}, ` +
      `acknowledged answers ${c.acked}, lost ${c.lost}, restart to listening ${c.restartMs.toFixed(0)} ms`,
  );
  for (const mode of ['worker pool', 'inline'] as const) {
    console.log(`faults: 30 costly room:create, tasks solved ${mode}…`);
    const l = await withBudget(lag(mode), PART_BUDGET_MS, `faults benchmark: lag ${mode}`);
    console.log(
      `costly room:create ×30 (${l.payloadBytes} B each), ${l.mode}: event-loop lag p99 ${l.lagP99Ms.toFixed(1)} ms, max ${l.lagMaxMs.toFixed(1)} ms, ` +
        `all answered in ${(l.wallMs / 1000).toFixed(1)} s, outcomes ${JSON.stringify(l.outcomes)}`,
    );
  }
  const idle = await idleLag(5000);
  console.log(`idle baseline (same process, 5 s, nothing to do): event-loop lag p99 ${idle.lagP99Ms.toFixed(1)} ms, max ${idle.lagMaxMs.toFixed(1)} ms`);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
}

