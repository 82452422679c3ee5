/**
 * Cluster benchmark client process: many socket.io-client players, each connected to one of the server processes
 * (round robin), answering every question within 2 s (with an idempotency key, resent while `unconfirmed`, as the
 * browser client does). Reports question fan-out (server emit → received), when each question arrived (the parent
 * turns it into host command → received) and answer-ack latency to the parent over IPC.
 */
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { ChildMessage, ParentMessage, Seats } from './messages';
import { benchNickname } from '../nicknames';

const sockets: Socket[] = [];
const fanout: number[] = [];
const acks: number[] = [];
const received: Array<{ code: string; index: number; at: number }> = [];
let failedAcks = 0;
const timers = new Set<NodeJS.Timeout>();
const send = (msg: ChildMessage): void => void process.send?.(msg);

function open(url: string, auth: Record<string, unknown>): Promise<Socket> {
  const s = io(url, { transports: ['websocket'], auth, forceNew: true, reconnection: false, timeout: 60_000 });
  sockets.push(s);
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

function onState(s: Socket, code: string, view: { phase: string; index: number; sentAt?: number }): void {
  if (view.phase !== 'question' || view.sentAt === undefined) return;
  const at = Date.now();
  fanout.push(at - view.sentAt);
  received.push({ code, index: view.index, at });
  const timer = setTimeout(() => {
    timers.delete(timer);
    const t0 = performance.now();
    // As the browser client sends answers: with a key, sent again with it while the outcome is `unconfirmed`.
    const payload = { key: randomBytes(12).toString('base64url'), index: view.index, final: `x + ${view.index}` };
    const send = (): void => {
      s.timeout(30_000).emit('answer:submit', payload, (err: unknown, res: { ok: boolean; error?: string } | undefined) => {
        if (!err && res?.error === 'unconfirmed' && performance.now() - t0 < 45_000) return send();
        if (err || !res?.ok) failedAcks++;
        else acks.push(performance.now() - t0);
      });
    };
    send();
  }, Math.random() * 2000);
  timers.add(timer);
}

async function join(msg: Extract<ParentMessage, { type: 'join' }>): Promise<void> {
  const auth = { protocolVersion: msg.protocolVersion };
  const jobs: Array<{ url: string; seat: Seats; n: number }> = [];
  for (const seat of msg.seats) for (let i = 0; i < seat.count; i++) jobs.push({ url: msg.urls[(seat.offset + i) % msg.urls.length] as string, seat, n: seat.offset + i });
  // In batches: thousands of handshakes at once only measure the accept queue.
  for (let i = 0; i < jobs.length; i += 50) {
    await Promise.all(
      jobs.slice(i, i + 50).map(async ({ url, seat, n }) => {
        const s = await open(url, auth);
        s.on('state', (view: Parameters<typeof onState>[2]) => onState(s, seat.code, view));
        const res = (await s.timeout(60_000).emitWithAck('room:join', { code: seat.code, nickname: benchNickname('bot ', n) })) as { ok: boolean; error?: string };
        if (!res.ok) throw new Error(`join ${seat.code}: ${res.error ?? '?'}`);
      }),
    );
  }
  send({ type: 'joined' });
}

process.on('message', (msg: ParentMessage) => {
  switch (msg.type) {
    case 'join':
      join(msg).catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
      return;
    case 'report':
      send({ type: 'stats', fanout, acks, failedAcks, received });
      return;
    case 'exit':
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.disconnect();
      setTimeout(() => process.exit(0), 100);
      return;
  }
});
send({ type: 'ready' });
