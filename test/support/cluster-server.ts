/**
 * One game server of a test cluster, in its own process: `node --import tsx cluster-server.ts '<json>'` with
 * `{ dataDir, redisUrl?, databaseUrl?, leaseMs?, renewMs? }`. Prints one JSON line `{"url"}` once listening on 127.0.0.1 (port 0),
 * then a line `{"tookOver", "downtimeMs", "at"}` each time it takes over a room whose owner died. SIGTERM closes
 * it gracefully. It runs as `arena serve` does, with the service hooks (/readyz, /metrics) and its errors logged
 * through pino as JSON lines on stderr (warn and above).
 */
import { join } from 'node:path';
import { pino } from 'pino';
import { createArenaServer, SHUTDOWN_MS } from '../../server/app';
import { createLogger, errorLog } from '../../server/log';
import { createService } from '../../server/service';

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
const logger = await createLogger({ level: 'warn', format: 'json', destination: pino.destination({ fd: 2, sync: true }) });
const service = createService({ logger, dataDir: args.dataDir, trustProxy: false, metrics: true, readyMaxLagMs: 5000 });
const server = await createArenaServer({
  port: 0,
  host: '127.0.0.1',
  dataDir: args.dataDir,
  clientDir: join(args.dataDir, 'no-client'),
  limits: { connections: unlimited, attempts: unlimited, createAddress: unlimited, createSocket: unlimited, socket: unlimited },
  maxRoomsPerOwner: 1e6,
  ...(args.databaseUrl === undefined ? {} : { databaseUrl: args.databaseUrl }),
  log: errorLog(logger),
  service: service.hooks,
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
  void server.close().then(() => {
    service.close();
    process.exit(0);
  });
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
