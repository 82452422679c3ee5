/**
 * One game server of a test cluster, in its own process: `node --import tsx cluster-server.ts '<json>'` with
 * `{ dataDir, redisUrl?, databaseUrl?, leaseMs?, renewMs? }`. Prints one JSON line `{"url"}` once listening on 127.0.0.1 (port 0),
 * then a line `{"tookOver", "downtimeMs", "at"}` each time it takes over a room whose owner died. SIGTERM closes
 * it gracefully.
 */
import { join } from 'node:path';
import { inspect } from 'node:util';
import { createArenaServer, SHUTDOWN_MS } from '../../server/app';

interface Args {
  dataDir: string;
  redisUrl?: string;
  databaseUrl?: string;
  leaseMs?: number;
  renewMs?: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const unlimited = { capacity: 1e9, perSecond: 1e9 };
const print = (line: unknown): void => void process.stdout.write(`${JSON.stringify(line)}\n`);
const server = await createArenaServer({
  port: 0,
  host: '127.0.0.1',
  dataDir: args.dataDir,
  clientDir: join(args.dataDir, 'no-client'),
  limits: { connections: unlimited, attempts: unlimited, createAddress: unlimited, createSocket: unlimited, socket: unlimited },
  maxRoomsPerOwner: 1e6,
  ...(args.databaseUrl === undefined ? {} : { databaseUrl: args.databaseUrl }),
  log: (m, err) => process.stderr.write(`[node ${process.pid}] ${m} ${err === undefined ? '' : inspect(err)}\n`),
  ...(args.redisUrl === undefined
    ? {}
    : {
        redisUrl: args.redisUrl,
        cluster: {
          lease: { ...(args.leaseMs ? { ttlMs: args.leaseMs } : {}), ...(args.renewMs ? { renewMs: args.renewMs } : {}) },
          tookOver: (code: string, downtimeMs: number) => print({ tookOver: code, downtimeMs, at: Date.now() }),
        },
      }),
});
print({ url: server.url });
const stop = (): void => {
  setTimeout(() => process.exit(1), SHUTDOWN_MS + 1000).unref();
  void server.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
