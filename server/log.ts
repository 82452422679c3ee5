/**
 * The server's logger (pino): JSON lines in production or when piped, readable lines on a terminal. Every line
 * about a room carries `room` and, for socket traffic, `event`, given by the code that knows them (a pino child
 * logger per room and event, never read back out of the message). Secrets (host secrets, resume tokens, auth
 * headers) are redacted by key wherever they appear, so a handler that logs a payload cannot leak one.
 */
import { pino, type Logger, type DestinationStream } from 'pino';
import type { LogLevel } from './config';

/** Where a logged error happened: the room (its code) and the client or room event being handled. */
export interface LogAt {
  room?: string;
  event?: string;
}

/**
 * How the server's parts log an error: a message, the error, and where it happened. Plain `(message, err)`
 * functions (tests) are ErrorLogs too.
 */
export type ErrorLog = (message: string, err?: unknown, at?: LogAt) => void;

/** `log` bound to a room (and maybe an event): every line it writes carries them; `at` may add the event. */
export function childLog(log: ErrorLog, bound: LogAt): ErrorLog {
  return (message, err, at) => log(message, err, at ? { ...bound, ...at } : bound);
}

export type { Logger } from 'pino';

/** Keys never written to a log, at the top level and one or two levels down. */
const SECRET_KEYS = ['hostSecret', 'secret', 'resumeToken', 'token', 'password', 'authorization', 'cookie', 'x-host-secret'];
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [`["${k}"]`, `*["${k}"]`, `*.*["${k}"]`]);

export interface LoggerOptions {
  level: LogLevel;
  format: 'json' | 'pretty';
  /** Where lines go (tests pass a stream); default stdout. */
  destination?: DestinationStream;
}

/** Builds the logger. Pretty output uses pino-pretty in-process (synchronously), never a worker thread. */
export async function createLogger(opts: LoggerOptions): Promise<Logger> {
  const base = {
    level: opts.level,
    base: { pid: process.pid },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  };
  if (opts.format === 'pretty') {
    try {
      const { default: pretty } = await import('pino-pretty');
      const options = { sync: true, colorize: process.stdout.isTTY, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' };
      const stream = pretty(opts.destination ? { ...options, destination: opts.destination as NodeJS.WritableStream } : options);
      return pino(base, stream);
    } catch {
      // pino-pretty missing from a pruned install: JSON is still a log.
    }
  }
  return pino(base, opts.destination ?? pino.destination({ fd: 1, sync: true }));
}

/** The ErrorLog the rooms and handlers log through, backed by a pino logger: a child logger per room and event. */
export function errorLog(logger: Logger): ErrorLog {
  return (message, err, at) => {
    const target = at && (at.room !== undefined || at.event !== undefined) ? logger.child(at) : logger;
    target.error(err === undefined ? {} : { err }, message);
  };
}

/**
 * Logs and survives what escaped every handler: an unhandled rejection is logged (the game goes on), an uncaught
 * exception is logged as fatal and the process stops through `stop` (its state can no longer be trusted; a
 * supervisor restarts it, and finished games are already on disk).
 */
export function installProcessHandlers(logger: Logger, stop: (code: number) => void): () => void {
  const onRejection = (reason: unknown): void => {
    logger.error({ err: reason, event: 'unhandledRejection' }, 'unhandled promise rejection');
  };
  const onException = (err: Error, origin: string): void => {
    logger.fatal({ err, event: origin }, 'uncaught exception: stopping');
    stop(1);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
