/**
 * A game server in its own process, for crash and restart tests: `node --import tsx child-server.ts <dataDir>`.
 * Prints one JSON line `{"url", "restoredRooms"}` once listening on 127.0.0.1 (port 0); SIGTERM/SIGINT close it
 * gracefully (exit 0), and it exits by itself if that takes longer than SHUTDOWN_MS plus a margin.
 */
import { join } from 'node:path';
import { inspect } from 'node:util';
import { createArenaServer, SHUTDOWN_MS } from '../../../server/app';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: child-server.ts <dataDir>\n');
  process.exit(2);
}
const unlimited = { capacity: 1e9, perSecond: 1e9 };
const server = await createArenaServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  clientDir: join(dataDir, 'no-client'),
  limits: { connections: unlimited, attempts: unlimited, createAddress: unlimited, createSocket: unlimited },
  maxRoomsPerOwner: 1e6,
  log: (m, err) => process.stderr.write(`[child] ${m} ${err === undefined ? '' : inspect(err)}\n`),
});
// listeningAt: this process's clock when its restored rooms could be reached (the end of their downtime).
process.stdout.write(`${JSON.stringify({ url: server.url, restoredRooms: server.restoredRooms, listeningAt: Date.now() })}\n`);
const stop = (): void => {
  setTimeout(() => process.exit(1), SHUTDOWN_MS + 1000).unref();
  void server.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
