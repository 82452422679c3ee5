/**
 * `arena serve [--port N] [--host H]`: runs the game server until SIGINT/SIGTERM. Everything else comes from
 * the environment through server/config.ts (`arena serve --help` lists it). The process logs and survives an
 * unhandled rejection, stops on an uncaught exception, and exits within SHUTDOWN_TIMEOUT_MS of a signal even if
 * something holds the close open.
 */
import { configHelp, loadConfig } from '../config';
import { defaultClientDir } from '../http/client-dir';
import { lanAddresses } from '../http/lan-origin';
import { createLogger, errorLog, installProcessHandlers, type Logger } from '../log';
import type { CliIo } from './io';

const USAGE = `usage: arena serve [--port N] [--host H]

Runs the game server: the client from dist/client, Socket.IO, /healthz, /readyz, /metrics.
`;

type Parsed = { ok: true; port: number; host: string } | { ok: false; message: string };

export function parseServeArgs(args: string[], env: Record<string, string | undefined>): Parsed {
  const config = loadConfig({ PORT: env.PORT, HOST: env.HOST });
  if (!config.ok) return { ok: false, message: config.message };
  let { port, host } = config.config;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    if (flag === '--port' || flag === '--host') {
      if (value === undefined || value.startsWith('--')) return { ok: false, message: `${flag} needs a value` };
      i++;
      const checked = loadConfig(flag === '--host' ? { HOST: value } : { PORT: value });
      if (!checked.ok) return { ok: false, message: `invalid ${flag.slice(2)} "${value.slice(0, 80)}"` };
      if (flag === '--host') host = checked.config.host;
      else port = checked.config.port;
      continue;
    }
    return { ok: false, message: `unknown option "${String(flag).slice(0, 80)}"` };
  }
  return { ok: true, port, host };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`${USAGE}\n${configHelp()}`);
    return 0;
  }
  const loaded = loadConfig(process.env, process.stdout.isTTY);
  if (!loaded.ok) {
    io.stderr.write(`arena serve: ${loaded.message}\n`);
    return 2;
  }
  const parsed = parseServeArgs(args, process.env);
  if (!parsed.ok) {
    io.stderr.write(`arena serve: ${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const config = { ...loaded.config, port: parsed.port, host: parsed.host };
  const logger = await createLogger({ level: config.logLevel, format: config.logFormat });
  // Signals are taken before anything starts: a SIGTERM that arrives while the server is still starting (or
  // right after the "listening" line, before a handler would otherwise exist) stops it cleanly too.
  const stopped = stopSignal(logger, config.shutdownTimeoutMs);
  for (const name of config.reserved) logger.warn({ variable: name }, `${name} is set but not used yet by this version`);
  // The server's modules (mathjs above all) load only now: --help and a refused configuration answer at once.
  const [{ createArenaServer }, { createService }] = await Promise.all([import('../app'), import('../service')]);
  const service = createService({ logger, dataDir: config.dataDir, trustProxy: config.trustProxy, metrics: config.metrics, readyMaxLagMs: config.readyMaxLagMs });
  const server = await createArenaServer({
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    clientDir: config.clientDir ?? defaultClientDir(),
    limits: config.limits,
    log: errorLog(logger),
    service: service.hooks,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    ...(config.redisUrl === undefined ? {} : { redisUrl: config.redisUrl, cluster: { lease: config.lease } }),
  });
  // Only the engine: DATABASE_URL may hold a password.
  logger.info({ url: server.url, dataDir: config.dataDir, reports: server.reports }, `Chain Rule Arena listening on ${server.url}`);
  if (config.host === '0.0.0.0') {
    for (const ip of lanAddresses()) logger.info(`phones on this network: http://${ip}:${server.port}`);
  }
  const code = await stopped;
  await server.close();
  service.close();
  logger.info('stopped');
  return code;
}

/**
 * Resolves with the exit code once SIGINT/SIGTERM arrives or an exception escaped (see log.ts). From then on a
 * second signal exits at once, and the process exits anyway after `timeoutMs`.
 */
function stopSignal(logger: Logger, timeoutMs: number): Promise<number> {
  return new Promise<number>((done) => {
    const uninstall = installProcessHandlers(logger, (exitCode) => stop(exitCode, 'uncaughtException'));
    const onSignal = (signal: NodeJS.Signals): void => stop(0, signal);
    function stop(exitCode: number, why: string): void {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      uninstall();
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown timed out: exiting');
        process.exit(exitCode || 1);
      }, timeoutMs).unref();
      logger.info({ event: why }, 'shutting down');
      done(exitCode);
    }
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
