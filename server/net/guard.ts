/**
 * The one door every client event goes through: an ack callback is required, the per-socket bucket is charged,
 * the payload is parsed with its zod schema before any room code sees it, and nothing thrown escapes (a bug
 * answers `internal`; its text stays in the server log). Every ack is sent exactly once and within a bound: a
 * handler still unfinished after `deadlineMs` (ACK_DEADLINE_MS; each slow path has a tighter bound of its own,
 * this is the last resort) is answered `unconfirmed`, never a refusal, since it may still apply; an event nobody
 * handles is answered `bad-payload` instead of leaving the client to its time-out.
 */
import type { Socket } from 'socket.io';
import type { ZodType } from 'zod';
import { ACK_DEADLINE_MS, MAX_PAYLOAD_BYTES, type Ack, type ErrorCode } from '../../shared/protocol';
import { childLog, type ErrorLog } from '../log';
import type { TokenBucket } from './rate-limit';

export type Reply<T> = Ack<T> | Promise<Ack<T>>;
export type Logger = ErrorLog;

export const refuse = (error: ErrorCode, detail?: string): Ack<never> =>
  detail === undefined ? { ok: false, error } : { ok: false, error, detail };
export const accept = <T>(data: T): Ack<T> => ({ ok: true, data });

/** Registers `event` on `socket` with validation, rate limiting and fault containment. */
export function guarded<S extends ZodType, T>(
  socket: Socket,
  bucket: TokenBucket,
  log: Logger,
  event: string,
  schema: S,
  handler: (payload: S['_output']) => Reply<T>,
  deadlineMs = ACK_DEADLINE_MS,
): void {
  socket.on(event, (...args: unknown[]) => {
    const respond = responder<T>(args, log, event);
    if (!respond) return;
    if (!bucket.take()) return respond(refuse('rate-limited'));
    const payload = args.length > 1 ? args[0] : undefined;
    if (tooLarge(payload)) return respond(refuse('bad-payload', 'payload too large'));
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return respond(refuse('bad-payload', describeIssue(parsed.error.issues)));
    // Errors name the event and the socket's room (a child logger per room and event, server/log.ts).
    const room = (socket.data as { code?: unknown }).code;
    const at = typeof room === 'string' ? { room, event } : { event };
    run(() => handler(parsed.data), respond, childLog(log, at), event, deadlineMs);
  });
}

/** Answers any event with an ack that no `guarded` handler takes (`known`): `bad-payload`, charged like others. */
export function answerUnknown(socket: Socket, bucket: TokenBucket, log: Logger, known: ReadonlySet<string>): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && known.has(event)) return;
    const respond = responder<never>(args, log, 'unknown event');
    if (!respond) return;
    respond(bucket.take() ? refuse('bad-payload', 'unknown event') : refuse('rate-limited'));
  });
}

/** The event's ack callback, sent at most once and never throwing; null when the client asked for no ack. */
function responder<T>(args: unknown[], log: Logger, event: string): ((res: Ack<T>) => void) | null {
  const ack = args[args.length - 1];
  if (typeof ack !== 'function') return null;
  let sent = false;
  return (res) => {
    if (sent) return;
    sent = true;
    try {
      (ack as (r: Ack<T>) => void)(res);
    } catch (err) {
      log(`ack ${event} failed`, err);
    }
  };
}

function tooLarge(payload: unknown): boolean {
  if (payload === undefined) return false;
  try {
    return JSON.stringify(payload).length > MAX_PAYLOAD_BYTES;
  } catch {
    return true;
  }
}

function run<T>(fn: () => Reply<T>, respond: (res: Ack<T>) => void, log: Logger, event: string, deadlineMs: number): void {
  const fail = (err: unknown): void => {
    log(`handler ${event} threw`, err);
    respond(refuse('internal'));
  };
  try {
    const out = fn();
    if (!(out instanceof Promise)) return respond(out);
    const timer = setTimeout(() => {
      log(`handler ${event} unfinished after ${deadlineMs} ms: answered unconfirmed`);
      respond(refuse('unconfirmed'));
    }, deadlineMs);
    timer.unref();
    void out.then(respond, fail).finally(() => clearTimeout(timer));
  } catch (err) {
    fail(err);
  }
}

/** The first problem, by path, in words: field names are ours, never the client's text. */
function describeIssue(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; code?: string }>): string {
  const first = issues[0];
  if (!first) return 'invalid payload';
  const path = first.path.filter((p) => typeof p === 'string' || typeof p === 'number').join('.');
  return `${path || 'payload'}: ${first.code ?? 'invalid'}`;
}
