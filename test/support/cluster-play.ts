/**
 * Playing against a test cluster (test/support/cluster.ts) with real Socket.IO clients, for the cluster tests and
 * the cluster fault benchmark: a classroom spread over the processes, answers sent with an idempotency key and
 * resent with it while their outcome is unknown (as the browser client does), the host's view of who is online,
 * readiness, reports.
 */
import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type Ack,
  type AnswerState,
  type CreatedRoom,
  type HostView,
  type RoomSettings,
  type SeatGrant,
} from '../../shared/protocol';
import { generateQuestion } from '../../shared/questions/index';
import type { ReportRow } from '../../shared/report/types';
import { generatedSpec } from '../../server/rooms/questions';
import { call, next, ok, WAIT_MS, type Client } from '../server/integration/harness';
import type { ServerNode } from './cluster';

export interface Seat {
  name: string;
  /** Index of the process its socket is connected to. */
  at: number;
  socket: Client;
  seat: SeatGrant;
}

export interface Classroom {
  host: Client;
  room: CreatedRoom;
  players: Seat[];
  /** Resolves once the host's view counts every player. */
  full: Promise<HostView>;
}

/** The right answer to question `index` of a generated game (variant 0, as every player has with `same`). */
export function rightAnswer(settings: RoomSettings, index: number): string {
  const spec = generatedSpec(settings, settings.seed ?? 0, index, 0);
  return generateQuestion(spec.family, spec.difficulty, spec.seed).answer.expr ?? '';
}

export class Players {
  private readonly clients: Client[] = [];

  constructor(private readonly nodes: () => ServerNode[]) {}

  node(i: number): ServerNode {
    const n = this.nodes()[i];
    if (!n) throw new Error(`no process ${i}`);
    return n;
  }

  async connect(url: string, name: string): Promise<Client> {
    const auth = { protocolVersion: PROTOCOL_VERSION, deviceId: `device-${name}-0001` };
    const c: Client = io(url, { transports: ['websocket'], auth, forceNew: true, reconnection: false, timeout: WAIT_MS });
    this.clients.push(c);
    await new Promise<void>((resolve, reject) => {
      c.once('connect', () => resolve());
      c.once('connect_error', reject);
    });
    return c;
  }

  /** A room created on process `hostAt` and `count` players, player i joining by code on process `at(i)`. */
  async classroom(settings: RoomSettings, hostAt: number, tag: string, count = 6, at: (i: number) => number = (i) => i % 3): Promise<Classroom> {
    const host = await this.connect(this.node(hostAt).url, `${tag}-host`);
    const room = await ok(call(host, 'room:create', { mode: 'classroom', settings }));
    // Listening before the joins: the host's view is refreshed once for them all, maybe before they are acked.
    const full = next<HostView>(host, 'host:state', (v) => v.playerCount === count);
    const players: Seat[] = [];
    for (let i = 0; i < count; i++) {
      const name = `${tag}${i}`;
      const socket = await this.connect(this.node(at(i)).url, name);
      const seat = await ok(call(socket, 'room:join', { code: room.code, nickname: name }));
      if (seat.state.phase !== 'lobby' || seat.state.code !== room.code) throw new Error(`${name} joined ${room.code} but is not in its lobby`);
      players.push({ name, at: at(i), socket, seat });
    }
    return { host, room, players, full };
  }

  disconnectAll(): void {
    for (const c of this.clients.splice(0)) c.disconnect();
  }
}

/** No ack in time, or `unconfirmed`: the outcome is unknown and the same request (same key) may be sent again. */
const unknown = (res: Ack<unknown>): boolean => !res.ok && (res.error === 'unconfirmed' || res.detail === 'no ack');

/**
 * Sends an answer with a fresh idempotency key, and again with the same key while its outcome is unknown, for up
 * to `budgetMs` (as client/src/net/connection.ts `requestOnce` does). Resolves with the first definite answer.
 */
export async function submitOnce(c: Client, payload: { index: number; final: string }, budgetMs = 45_000): Promise<Ack<AnswerState>> {
  const key = randomBytes(12).toString('base64url');
  const deadline = performance.now() + budgetMs;
  for (;;) {
    const res = await call(c, 'answer:submit', { ...payload, key }).catch((): Ack<AnswerState> => ({ ok: false, error: 'internal', detail: 'no ack' }));
    if (!unknown(res) || performance.now() > deadline) return res;
  }
}

/** The host's current view, asked of the room (wherever it runs) by claiming it again. */
export async function hostNow(host: Client, room: CreatedRoom): Promise<HostView | null> {
  const res = await call(host, 'host:claim', { code: room.code, hostSecret: room.hostSecret }).catch(() => null);
  return res?.ok ? res.data : null;
}

/** Waits for `cond` to hold, checking every 100 ms, and fails after `timeoutMs`. */
export async function until(cond: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await cond())) {
    if (performance.now() > deadline) throw new Error(`${what}: not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface Readyz {
  status: number;
  body: { ok: boolean; degraded?: boolean; checks: Record<string, { ok: boolean; detail?: string; degraded?: boolean }> } | null;
}

export async function readyz(at: ServerNode): Promise<Readyz> {
  try {
    const res = await fetch(`${at.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: (await res.json()) as Readyz['body'] };
  } catch {
    return { status: 0, body: null };
  }
}

export const reportResponse = (at: ServerNode, code: string, secret: string): Promise<Response> =>
  fetch(`${at.url}/api/rooms/${code}/report.json`, { method: 'POST', headers: { 'X-Host-Secret': secret } });

export async function report(at: ServerNode, room: CreatedRoom): Promise<ReportRow[]> {
  const res = await reportResponse(at, room.code, room.hostSecret);
  if (res.status !== 200) throw new Error(`report of ${room.code} from ${at.url}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { rows: ReportRow[] }).rows;
}
