/**
 * The cluster's game processes, so that a question about sockets ("which seats of this room have a socket on
 * you?") can be put to each of them and the answer known complete. Each process notes itself in a set and keeps a
 * heartbeat key with a TTL (the lease TTL: a process that died is known dead as soon as its rooms may be taken).
 *
 * A heartbeat key can be missing for two reasons: the process died, or Redis itself was away (a restart loads
 * the keys whose TTL ran out meanwhile as gone) and the process has not beaten since. So a process is taken for
 * dead only when its key is missing and this process has been connected to Redis for longer than a heartbeat
 * round plus a reconnect: every process that lives has beaten by then.
 */
import type { Redis } from 'ioredis';
import { PREFIX } from './keys';
import type { ErrorLog } from '../log';

const MEMBERS = `${PREFIX}procs`;
const beatKey = (id: string): string => `${PREFIX}proc:${id}`;

export interface ProcessState {
  id: string;
  /** Its heartbeat key is there. */
  alive: boolean;
  /** Known gone: no heartbeat although it has had every chance to beat. */
  dead: boolean;
}

export class ProcessDirectory {
  private timer: NodeJS.Timeout | null = null;
  private connectedSince = Date.now();

  constructor(
    private readonly redis: Redis,
    readonly me: string,
    /** How long a heartbeat lasts (the lease TTL). */
    private readonly ttlMs: number,
    /** How often this process beats (the lease renewal period). */
    private readonly everyMs: number,
  ) {}

  /** How long a living process may go without a heartbeat key after this one (re)connected to Redis. */
  get graceMs(): number {
    return 2 * this.everyMs + 1000;
  }

  beat(): Promise<unknown> {
    return Promise.all([this.redis.set(beatKey(this.me), '1', 'PX', this.ttlMs), this.redis.sadd(MEMBERS, this.me)]);
  }

  start(log: ErrorLog): void {
    // Logged once per outage, not once a beat.
    let failing = false;
    const tick = (): void => {
      void this.beat()
        .then(
          () => void (failing = false),
          (err: unknown) => {
            if (!failing) log('process heartbeat failed', err);
            failing = true;
          },
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.everyMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** This process's connection to Redis came back: others get the grace to show up again from now. */
  reconnected(): void {
    this.connectedSince = Date.now();
    void this.beat().catch(() => undefined);
  }

  /** Every process that may be alive (dead ones are dropped from the set on the way). */
  async list(): Promise<ProcessState[]> {
    const ids = await this.redis.smembers(MEMBERS);
    if (ids.length === 0) return [];
    const beats = await this.redis.mget(ids.map(beatKey));
    const settled = Date.now() - this.connectedSince > this.graceMs;
    const out = ids.map((id, i) => {
      const alive = id === this.me || beats[i] !== null;
      return { id, alive, dead: !alive && settled };
    });
    const dead = out.filter((p) => p.dead).map((p) => p.id);
    if (dead.length > 0) void this.redis.srem(MEMBERS, ...dead).catch(() => undefined);
    return out.filter((p) => !p.dead);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.all([this.redis.del(beatKey(this.me)), this.redis.srem(MEMBERS, this.me)]).catch(() => undefined);
  }
}
