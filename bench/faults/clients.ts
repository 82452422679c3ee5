/** Socket.IO clients for the faults benchmark: connect, ask with an ack, wait for an event. */
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Ack } from '../../shared/protocol';

export type Client = Socket;

export async function connect(url: string, deviceId?: string, reconnect = false): Promise<Client> {
  const auth = deviceId === undefined ? { protocolVersion: PROTOCOL_VERSION } : { protocolVersion: PROTOCOL_VERSION, deviceId };
  const c = io(url, {
    transports: ['websocket'],
    auth,
    forceNew: true,
    reconnection: reconnect,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
    randomizationFactor: 0.5,
  });
  await new Promise<void>((resolve, reject) => {
    c.once('connect', () => resolve());
    c.once('connect_error', (err) => (reconnect ? undefined : reject(err)));
  });
  return c;
}

export async function ask<T = unknown>(c: Client, event: string, payload: unknown, timeoutMs = 30_000): Promise<Ack<T>> {
  try {
    return (await c.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
  } catch {
    return { ok: false, error: 'internal', detail: 'no ack in time' };
  }
}

export async function must<T = unknown>(c: Client, event: string, payload: unknown): Promise<T> {
  const res = await ask<T>(c, event, payload);
  if (!res.ok) throw new Error(`${event} refused: ${res.error} ${res.detail ?? ''}`);
  return res.data;
}

export function nextEvent<T>(c: Client, event: string, pred: (p: T) => boolean, timeoutMs: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      c.off(event, on);
      resolve(null);
    }, timeoutMs);
    const on = (p: T): void => {
      if (!pred(p)) return;
      clearTimeout(timer);
      c.off(event, on);
      resolve(p);
    };
    c.on(event, on);
  });
}

/** Runs `fn` over `items`, at most `width` at a time. */
export async function inBatches<T, R>(items: T[], width: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T, i);
      }
    }),
  );
  return out;
}
