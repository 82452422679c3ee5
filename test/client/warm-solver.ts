/**
 * The server's first task list starts its solver worker, which can take longer than a page waits for an answer
 * (8 s) on a loaded machine. A test that opens a game of own questions from the setup page sends one small list
 * first, from a socket that waits as long as it takes.
 */
import type { Socket } from 'socket.io-client';
import { DEFAULT_SETTINGS, type RoomSettings } from '../../shared/protocol';
import type { RunningArena } from './arena-server';
import { connectSocket, request } from './game-socket';

export async function warmSolver(arena: RunningArena): Promise<void> {
  const opened: Socket[] = [];
  try {
    const socket = await connectSocket(arena.url, opened);
    const settings: RoomSettings = { ...DEFAULT_SETTINGS, source: { kind: 'tasks', tasks: [{ family: 'chain', task: { expr: 'sin(x^2)', var: 'x' } }] } };
    await request(socket, 'room:create', { mode: 'classroom', settings }, 90_000);
  } finally {
    for (const s of opened) s.disconnect();
  }
}
