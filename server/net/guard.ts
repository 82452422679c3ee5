/**
 * The one door every client event goes through: an ack callback is required, the per-socket bucket is charged,
 * the payload is parsed with its zod schema before any room code sees it, and nothing thrown escapes (a bug
 * answers `internal`; its text stays in the server log).
 */
import type { Socket } from 'socket.io';
import type { ZodType } from 'zod';
import { MAX_PAYLOAD_BYTES, type Ack, type ErrorCode } from '../../shared/protocol';
import type { TokenBucket } from './rate-limit';

export type Reply<T> = Ack<T> | Promise<Ack<T>>;
export type Logger = (message: string, err?: unknown) => void;

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
): void {
  socket.on(event, (...args: unknown[]) => {
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') return;
    const respond = (res: Ack<T>): void => {
      try {
        (ack as (r: Ack<T>) => void)(res);
      } catch (err) {
        log(`ack ${event} failed`, err);
      }
    };
    if (!bucket.take()) return respond(refuse('rate-limited'));
    const payload = args.length > 1 ? args[0] : undefined;
    if (tooLarge(payload)) return respond(refuse('bad-payload', 'payload too large'));
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return respond(refuse('bad-payload', describeIssue(parsed.error.issues)));
    run(() => handler(parsed.data), respond, log, event);
  });
}

function tooLarge(payload: unknown): boolean {
  if (payload === undefined) return false;
  try {
    return JSON.stringify(payload).length > MAX_PAYLOAD_BYTES;
  } catch {
    return true;
  }
}

function run<T>(fn: () => Reply<T>, respond: (res: Ack<T>) => void, log: Logger, event: string): void {
  const fail = (err: unknown): void => {
    log(`handler ${event} threw`, err);
    respond(refuse('internal'));
  };
  try {
    const out = fn();
    if (out instanceof Promise) out.then(respond, fail);
    else respond(out);
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
