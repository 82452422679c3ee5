/**
 * Storm: N players in one room (server in its own process), a question open, half answered; every connection
 * drops at once and comes back by itself (Socket.IO recovery, else `room:resume` with the token, as the client
 * does). Measures how many seats are back, the p99 time to back, whether the question stayed open, and whether
 * every player who had not answered still can.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type CreatedRoom, type HostView, type SeatGrant } from '../../shared/protocol';
import { generateQuestion } from '../../shared/questions/index';
import { generatedSpec } from '../../server/rooms/questions';
import { startChild } from '../../test/server/integration/child';
import { percentile } from '../load/stats';
import { ask, connect, inBatches, must, nextEvent, type Client } from './clients';
import { benchNickname } from '../nicknames';

const SETTINGS = { ...DEFAULT_SETTINGS, questionCount: 1, secondsPerQuestion: 600, entryMode: 'final' as const, seed: 5 };
const BACK_BUDGET_MS = 60_000;

export interface StormResult {
  players: number;
  backPct: number;
  backP50Ms: number;
  backP99Ms: number;
  recoveredPct: number;
  stillOpen: boolean;
  answeredAfter: number;
  shouldAnswer: number;
}

export async function storm(players: number): Promise<StormResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-storm-'));
  const child = await startChild(dataDir);
  const clients: Client[] = [];
  try {
    const host = await connect(child.url);
    clients.push(host);
    const room = await must<CreatedRoom>(host, 'room:create', { mode: 'classroom', settings: SETTINGS });
    const seats = await inBatches(Array.from({ length: players }, (_, i) => i), 50, async (i) => {
      const c = await connect(child.url, `storm-device-${i}-000`, true);
      clients[i + 1] = c;
      return must<SeatGrant>(c, 'room:join', { code: room.code, nickname: benchNickname('P', i) });
    });
    const players_ = (): Client[] => clients.slice(1);
    await must(host, 'host:command', { type: 'start' });
    const spec = generatedSpec(SETTINGS, SETTINGS.seed, 0, 0);
    const answer = generateQuestion(spec.family, spec.difficulty, spec.seed).answer.expr ?? '';
    const half = Math.floor(players / 2);
    await inBatches(players_().slice(0, half), 100, (c) => must(c, 'answer:submit', { index: 0, final: answer }));

    const t0 = performance.now();
    const times = await Promise.all(
      players_().map(async (c, i) => {
        const connected = new Promise<boolean>((resolve) => c.once('connect', () => resolve(c.recovered)));
        c.io.engine.close();
        const recovered = await Promise.race([connected, new Promise<null>((r) => setTimeout(() => r(null), BACK_BUDGET_MS).unref())]);
        if (recovered === null) return { ms: Number.NaN, recovered: false };
        if (!recovered) {
          const res = await ask(c, 'room:resume', { code: room.code, resumeToken: seats[i]?.resumeToken });
          if (!res.ok) return { ms: Number.NaN, recovered: false };
        }
        return { ms: performance.now() - t0, recovered };
      }),
    );
    const back = times.filter((t) => Number.isFinite(t.ms));
    const online = nextEvent<HostView>(host, 'host:state', (v) => v.connectedCount === back.length, 15_000);
    const view = await must<HostView>(host, 'host:command', { type: 'lock', locked: false });
    await online;
    const acks = await inBatches(players_().slice(half), 100, (c) => ask(c, 'answer:submit', { index: 0, final: answer }));
    return {
      players,
      backPct: (100 * back.length) / players,
      backP50Ms: percentile(back.map((t) => t.ms), 50),
      backP99Ms: percentile(back.map((t) => t.ms), 99),
      recoveredPct: (100 * times.filter((t) => t.recovered).length) / players,
      stillOpen: view.phase === 'question',
      answeredAfter: acks.filter((a) => a.ok).length,
      shouldAnswer: players - half,
    };
  } finally {
    for (const c of clients) c?.disconnect();
    child.proc.kill('SIGKILL');
    await child.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
