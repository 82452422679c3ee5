/**
 * The cluster's Redis keys, in one place. Per room: its lease (the owner's process id, with a TTL), its snapshot
 * and event list (the same shape as the SQLite live-room log), and when its owner last renewed the lease (so a
 * new owner knows how long the room was without one), and the keys of the operations it applied. The directory set
 * holds every live room code of the cluster.
 */
import type { Redis } from 'ioredis';

export const PREFIX = 'arena:';
export const DIRECTORY = `${PREFIX}rooms`;
export const leaseKey = (code: string): string => `${PREFIX}lease:${code}`;
export const snapKey = (code: string): string => `${PREFIX}room:${code}:snap`;
export const eventsKey = (code: string): string => `${PREFIX}room:${code}:events`;
export const aliveKey = (code: string): string => `${PREFIX}room:${code}:alive`;
/** The keys of the operations the room applied lately (a sorted set scored by time): store/op-ledger.ts. */
export const opsKey = (code: string): string => `${PREFIX}room:${code}:ops`;
/** One channel per process: forwarded room operations to it, and answers to the ones it forwarded. */
export const inboxChannel = (processId: string): string => `${PREFIX}inbox:${processId}`;

type Arg = string | number;
export type Script = (keys: string[], args: Arg[]) => Promise<unknown>;

/**
 * A Lua script run atomically in Redis; ioredis sends EVALSHA and falls back to EVAL once, so the hot path
 * (an append per accepted event) does not resend the script text.
 */
export function script(redis: Redis, name: string, keys: number, lua: string): Script {
  redis.defineCommand(name, { numberOfKeys: keys, lua });
  const fn = (redis as unknown as Record<string, (...a: Arg[]) => Promise<unknown>>)[name];
  if (!fn) throw new Error(`script ${name} not defined`);
  return (k, a) => fn.call(redis, ...k, ...a);
}
