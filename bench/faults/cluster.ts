/**
 * The cluster's faults, repeated: Redis (append-only) killed and restarted mid-question `runs` times in a row in one
 * game, and the owner of an idle room killed `runs` times (a fresh owner process each time), on three game
 * processes, a real Redis and real Socket.IO clients (test/support/cluster-faults.ts plays each fault). Reports
 * every run's figures; the targets (issue 21) are printed beside them.
 */
import { DEFAULT_SETTINGS, type RoomSettings } from '../../shared/protocol';
import { startNode, type ServerNode } from '../../test/support/cluster';
import { ownerKillRun, redisRestartRound, type OwnerKill, type RestartRound } from '../../test/support/cluster-faults';
import { Players } from '../../test/support/cluster-play';
import { startRedis } from '../../test/support/redis';

const LEASE_MS = 3000;
const settings = (questions: number): RoomSettings => ({ ...DEFAULT_SETTINGS, questionCount: questions, secondsPerQuestion: 300, entryMode: 'final', leaderboardEvery: 0, seed: 7 });

export async function redisRestarts(runs: number, log: (line: string) => void): Promise<RestartRound[]> {
  const redis = await startRedis({ aof: true });
  const nodes: ServerNode[] = [];
  const play = new Players(() => nodes);
  try {
    nodes.push(...(await Promise.all([0, 1, 2].map(() => startNode({ redisUrl: redis.url })))));
    const game = await play.classroom(settings(runs), 0, 'R', 9);
    await game.full;
    const rounds: RestartRound[] = [];
    for (let q = 0; q < runs; q++) {
      const r = await redisRestartRound(redis, nodes, game, settings(runs), q, LEASE_MS);
      rounds.push(r);
      const tookOver = nodes.reduce((n, node) => n + node.takeovers.filter((t) => t.code === game.room.code).length, 0);
      log(
        `  restart ${q + 1}: every seat online ${r.onlineMs.toFixed(0)} ms after Redis returned; verdicts ${r.verdicts}/${r.players}; ` +
          `reveal counts ${r.answered}/${r.players}; answers during the outage: ${r.during.join(', ')}; acknowledged lost ${r.lost}; ` +
          `refused counted ${r.refusedCounted}; takeovers of the room so far ${tookOver}`,
      );
    }
    log(`  what the processes logged meanwhile (warn and above): ${logged(nodes)}`);
    return rounds;
  } finally {
    play.disconnectAll();
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
    await redis.stop();
  }
}

export async function ownerKills(runs: number, log: (line: string) => void): Promise<OwnerKill[]> {
  const redis = await startRedis({ aof: true });
  const nodes: ServerNode[] = [];
  const play = new Players(() => nodes);
  try {
    nodes.push(...(await Promise.all([0, 1, 2].map(() => startNode({ redisUrl: redis.url })))));
    const out: OwnerKill[] = [];
    for (let run = 0; run < runs; run++) {
      // The owner of this run: a fresh process, killed with -9 while its room waits for answers.
      nodes.push(await startNode({ redisUrl: redis.url }));
      const k = await ownerKillRun(play, settings(1), nodes.length - 1, [0, 1, 2], `K${run}-`);
      out.push(k);
      log(`  kill ${run + 1}: first ack on each survivor ${k.acksMs.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}${k.allAcked ? '' : ' (NOT all acknowledged)'}`);
    }
    log(`  what the survivors logged meanwhile (warn and above): ${logged(nodes.slice(0, 3))}`);
    return out;
  } finally {
    play.disconnectAll();
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
    await redis.stop();
  }
}

/** The processes' log lines (JSON, on stderr) counted by message. */
function logged(nodes: ServerNode[]): string {
  const counts = new Map<string, number>();
  for (const n of nodes) {
    for (const line of n.stderr().split('\n')) {
      if (line.trim() === '') continue;
      let msg = line.slice(0, 80);
      try {
        const j = JSON.parse(line) as { msg?: string; err?: { message?: string } };
        msg = `${j.msg ?? '?'}${j.err?.message ? ` (${j.err.message.slice(0, 60)})` : ''}`;
      } catch {
        msg = `not JSON: ${msg}`;
      }
      counts.set(msg, (counts.get(msg) ?? 0) + 1);
    }
  }
  return counts.size === 0 ? 'nothing' : [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([m, n]) => `${n}× ${m}`).join('; ');
}
