/**
 * Load-test client process: holds many websocket clients (socket.io-client, websocket transport only) and
 * reports latencies to the parent over IPC. Runs in its own process so that client work does not run on the
 * server's event loop; clocks are shared because both run on the same machine (Date.now).
 */
import { io, type Socket } from 'socket.io-client';
import type { ParentMessage, ChildMessage } from './messages';
import { benchNickname } from '../nicknames';

let sockets: Socket[] = [];
const fanout: number[][] = [];
const acks: number[] = [];
let sample: unknown = null;
const timers = new Set<NodeJS.Timeout>();
const ANSWERS = ['2*x*cos(x^2)', 'cos(x^2)', '-sin(x)', '2x', 'x^2', '3*x^2*cos(x^3)', 'sin(x)*2', '1/x'];

const send = (msg: ChildMessage): void => void process.send?.(msg);

async function connectAll(url: string, count: number, auth: Record<string, unknown>, batch = 50): Promise<Socket[]> {
  const out: Socket[] = [];
  for (let i = 0; i < count; i += batch) {
    const group = Array.from({ length: Math.min(batch, count - i) }, () => io(url, { transports: ['websocket'], auth, forceNew: true, reconnection: false, timeout: 30_000 }));
    await Promise.all(group.map((s) => new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    })));
    out.push(...group);
  }
  return out;
}

function onQuestion(socket: Socket, seat: number, view: { phase: string; index: number; sentAt: number }): void {
  if (view.phase !== 'question') return;
  (fanout[view.index] ??= []).push(Date.now() - view.sentAt);
  if (sample === null) sample = view;
  // Everyone answers within 2 s: spread uniformly, as a class would.
  const timer = setTimeout(() => {
    timers.delete(timer);
    const t0 = performance.now();
    socket.emit('answer:submit', { index: view.index, final: ANSWERS[seat % ANSWERS.length] }, () => acks.push(performance.now() - t0));
  }, Math.random() * 2000);
  timers.add(timer);
}

async function arena(msg: Extract<ParentMessage, { type: 'arena' }>): Promise<void> {
  sockets = await connectAll(msg.url, msg.count, { protocolVersion: msg.protocolVersion });
  await Promise.all(sockets.map((s, i) => {
    s.on('state', (view: Parameters<typeof onQuestion>[2]) => onQuestion(s, msg.offset + i, view));
    return s.emitWithAck('room:join', { code: msg.code, nickname: benchNickname('bot ', msg.offset + i) });
  }));
  send({ type: 'joined' });
}

async function bare(msg: Extract<ParentMessage, { type: 'bare' }>): Promise<void> {
  for (const s of sockets) s.disconnect();
  fanout.length = 0;
  sockets = await connectAll(msg.url, msg.count, {});
  for (const s of sockets) s.on('state', (view: { index: number; sentAt: number }) => (fanout[view.index] ??= []).push(Date.now() - view.sentAt));
  send({ type: 'joined' });
}

process.on('message', (msg: ParentMessage) => {
  const fail = (err: unknown): void => send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  switch (msg.type) {
    case 'arena':
      arena(msg).catch(fail);
      return;
    case 'bare':
      bare(msg).catch(fail);
      return;
    case 'report':
      send({ type: 'stats', fanout, acks, sample });
      return;
    case 'exit':
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.disconnect();
      setTimeout(() => process.exit(0), 100);
      return;
  }
});
send({ type: 'ready' });
