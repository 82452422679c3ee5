/**
 * Real Socket.IO clients that browser tests drive directly (a host, a silent player): connected over WebSocket
 * like the built client, and acknowledged requests that fail with the server's refusal in words.
 */
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Ack } from '../../shared/protocol';

/** A connected socket; it is added to `keep` so the test file can disconnect it in its afterAll. */
export async function connectSocket(url: string, keep: Socket[]): Promise<Socket> {
  const s = io(url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, forceNew: true, reconnection: false });
  keep.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}

/**
 * Sends `event` and returns the acknowledged data, or throws with the refusal. The default wait allows for a
 * busy machine; a first task list, which starts the server's solver worker, may want longer.
 */
export async function request<T>(s: Socket, event: string, payload: unknown, timeoutMs = 25_000): Promise<T> {
  const res = (await s.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
  if (!res.ok) throw new Error(`${event} refused: ${res.error} ${res.detail ?? ''}`);
  return res.data;
}
