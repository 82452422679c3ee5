/**
 * Crash-restart: several rooms mid-question (players joined, some answers acknowledged) in a server process that
 * is killed with SIGKILL, then restarted on the same data folder. Counts rooms restored and acknowledged answers
 * lost (an answer is lost if the restored room does not show it as given).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type CreatedRoom, type HostView } from '../../shared/protocol';
import { startChild } from '../../test/server/integration/child';
import { connect, inBatches, must, type Client } from './clients';
import { benchNickname } from '../nicknames';

const SETTINGS = { ...DEFAULT_SETTINGS, questionCount: 3, secondsPerQuestion: 300, entryMode: 'final' as const };

export interface CrashResult {
  rooms: number;
  restored: number;
  acked: number;
  lost: number;
  restartMs: number;
}

export async function crash(rooms: number, playersPerRoom: number): Promise<CrashResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'arena-crash-'));
  const clients: Client[] = [];
  let first = await startChild(dataDir);
  try {
    const made: Array<{ room: CreatedRoom; acked: number }> = [];
    for (let r = 0; r < rooms; r++) {
      const host = await connect(first.url);
      clients.push(host);
      const room = await must<CreatedRoom>(host, 'room:create', { mode: 'classroom', settings: SETTINGS });
      const players = await inBatches(Array.from({ length: playersPerRoom }, (_, i) => i), 25, async (i) => {
        const c = await connect(first.url, `crash-${r}-${i}-device`);
        clients.push(c);
        await must(c, 'room:join', { code: room.code, nickname: benchNickname('P', i) });
        return c;
      });
      await must(host, 'host:command', { type: 'start' });
      // Two thirds answer, each acknowledged before the crash.
      const answering = players.slice(0, Math.floor((playersPerRoom * 2) / 3));
      await inBatches(answering, 25, (c, i) => must(c, 'answer:submit', { index: 0, final: `x + ${i}` }));
      made.push({ room, acked: answering.length });
    }
    first.proc.kill('SIGKILL');
    await first.exited;
    for (const c of clients.splice(0)) c.disconnect();
    const t0 = performance.now();
    first = await startChild(dataDir);
    const restartMs = performance.now() - t0;
    let lost = 0;
    for (const { room, acked } of made) {
      const host = await connect(first.url);
      clients.push(host);
      const view = await must<HostView>(host, 'host:claim', { code: room.code, hostSecret: room.hostSecret });
      const given = view.phase === 'question' ? view.answered : 0;
      lost += Math.max(0, acked - given);
    }
    return { rooms, restored: first.restoredRooms, acked: made.reduce((n, m) => n + m.acked, 0), lost, restartMs };
  } finally {
    for (const c of clients) c.disconnect();
    first.proc.kill('SIGKILL');
    await first.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
