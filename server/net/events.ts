/**
 * The server side of the event table (shared/protocol/events.ts): the handler set a table demands, one handler
 * per event typed by its parsed payload and its ack, and the registration that walks the table. Each handler gets
 * what its rate-limit class grants it, so an `attempt` event cannot forget to charge a failed guess.
 */
import type { AckOf, EventTable, PayloadOut, RateLimitClass } from '../../shared/protocol';
import type { Ack } from '../../shared/protocol';
import type { ZodType } from 'zod';
import type { Reply } from './guard';

/** What each rate-limit class hands its handler. */
export interface LimitTools {
  event: undefined;
  /** Runs a guess at room `code`: refused while the address is out of attempts; a costly failure is charged. */
  attempt: <T>(code: string, fn: () => Reply<T>) => Promise<Ack<T>>;
  /** Takes one room creation from the address's and the socket's budget; false when either is spent. */
  create: () => Promise<boolean>;
}

/** One handler per event of table `T`: a missing or extra event, or a wrong ack type, is a compile error. */
export type HandlersOf<T extends EventTable> = {
  [E in keyof T & string]: (payload: PayloadOut<E, T>, limit: LimitTools[T[E]['limit']]) => Reply<AckOf<E, T>>;
};

/** How one event is put on a socket (guard.ts `guarded`: bucket, schema, fault containment, ack deadline). */
export type Register = (event: string, schema: ZodType, handler: (payload: unknown) => Reply<unknown>) => void;

/** Registers every event of `table` with its handler and its class's tools; returns the names registered. */
export function registerEvents<T extends EventTable>(table: T, handlers: HandlersOf<T>, tools: LimitTools, register: Register): Set<string> {
  const names = new Set<string>();
  for (const event of Object.keys(table) as Array<keyof T & string>) {
    const spec = table[event] as T[keyof T & string];
    const limit: RateLimitClass = spec.limit;
    // The pairing of handler and payload is checked by `HandlersOf` per event; here they are only passed on.
    const handler = handlers[event] as (payload: unknown, tool: LimitTools[RateLimitClass]) => Reply<unknown>;
    register(event, spec.payload, (payload) => handler(payload, tools[limit]));
    names.add(event);
  }
  return names;
}
