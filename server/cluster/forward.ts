/**
 * Room operations forwarded to the process that owns the room, over Redis pub/sub: one channel per process
 * (its inbox) carries the requests sent to it and the answers to the ones it sent. A request is answered once or
 * times out; PUBLISH tells how many processes listen on the inbox, so a dead owner is noticed at once (0) instead
 * of after the timeout, and a pending request probes the inbox for an owner that died after receiving it. Such a
 * request is then sent again, with the same key, to the room's next owner, which restored every change the dead
 * one stored together with the keys of the operations that made them (a change stored but never acknowledged is
 * recognised by its key and acknowledged, not applied twice). Pub/sub delivers at most once: an answer lost
 * while Redis restarts is a timeout, and the request is retried the same way.
 */
import type { Redis } from 'ioredis';
import { inboxChannel } from './keys';
import type { ErrorLog } from '../log';

/** `key`: the request's idempotency key (server/net/once.ts), the same on every retry of one client request. */
export type OpHandler = (op: string, args: unknown[], key?: string) => Promise<unknown>;

type Message =
  | { k: 'req'; id: number; from: string; op: string; args: unknown[]; key?: string }
  | { k: 'res'; id: number; ok: true; result: unknown }
  | { k: 'res'; id: number; ok: false; error: string };

/** The answer of a process asked about a room it no longer runs (or does not run yet). */
export const NOT_OWNER = 'not-owner';
/**
 * The answer of an owner that ran the operation but could not store the room's change (Redis away): it gave the
 * room up, and whether the change was stored is for the room's next owner to say (it knows the operation's key).
 */
export const UNSURE = 'unsure';

/**
 * The owner process does not listen any more (killed, or shut down): wait for its lease to lapse. `received`:
 * the request reached it before it went (it may have applied it), as opposed to finding nobody listening.
 */
export class OwnerGone extends Error {
  constructor(
    message: string,
    readonly received: boolean,
  ) {
    super(message);
  }
}
export class ForwardTimeout extends Error {}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  owner: string;
  op: string;
  /** The subscriber connection's epoch when the request went out. */
  epoch: number;
}

/**
 * While a request waits, the owner's inbox is checked this often: an owner killed after our PUBLISH reached it
 * would otherwise cost the whole timeout before the caller looks for the room's next owner.
 */
export const PROBE_MS = 500;

export class Forwarder {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private probe: NodeJS.Timeout | null = null;
  /** Bumped each time the subscriber connection comes back: answers sent to it meanwhile were lost. */
  private epoch = 0;

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly me: string,
    private readonly handle: OpHandler,
    private readonly log: ErrorLog,
  ) {}

  async start(): Promise<void> {
    this.sub.on('message', (_channel: string, raw: string) => this.receive(raw));
    await this.sub.subscribe(inboxChannel(this.me));
    // Pub/sub delivers at most once: an answer published while this connection was away is gone. The requests
    // waiting since before it came back are failed as timeouts at once, so their callers ask again (same key).
    this.sub.on('ready', () => {
      this.epoch++;
      for (const [id, p] of this.pending) if (p.epoch !== this.epoch) this.settle(id)?.reject(new ForwardTimeout(`the answer to ${p.op} may have been lost`));
    });
  }

  request(owner: string, op: string, args: unknown[], key: string | undefined, timeoutMs: number): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ForwardTimeout(`${op} on ${owner} timed out`));
      }, timeoutMs);
      // Registered before sending: the answer may arrive before PUBLISH's own reply does.
      this.pending.set(id, { resolve, reject, timer, owner, op, epoch: this.epoch });
      this.probe ??= setInterval(() => this.probeOwners(), PROBE_MS);
      const msg: Message = { k: 'req', id, from: this.me, op, args, ...(key === undefined ? {} : { key }) };
      this.pub.publish(inboxChannel(owner), JSON.stringify(msg)).then(
        (listeners) => {
          if (listeners > 0) return;
          this.settle(id)?.reject(new OwnerGone(`${owner} is gone`, false));
        },
        (err: unknown) => this.settle(id)?.reject(err instanceof Error ? err : new Error(String(err))),
      );
    });
  }

  /** Whether some process listens on `owner`'s inbox right now (false also while Redis is away). */
  async listening(owner: string): Promise<boolean> {
    const res = await this.pub.pubsub('NUMSUB', inboxChannel(owner)).catch(() => null);
    return res !== null && Number(res[1]) > 0;
  }

  /** Fails whatever is still waiting (at shutdown). */
  close(): void {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(new ForwardTimeout('shutting down'));
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    clearTimeout(p.timer);
    this.pending.delete(id);
    if (this.pending.size === 0 && this.probe) {
      clearInterval(this.probe);
      this.probe = null;
    }
    return p;
  }

  /** One NUMSUB per owner with requests waiting: the ones whose owner no longer listens fail over. */
  private probeOwners(): void {
    const owners = new Set([...this.pending.values()].map((p) => p.owner));
    for (const owner of owners) {
      this.pub.pubsub('NUMSUB', inboxChannel(owner)).then(
        (res) => {
          if (Number(res[1]) !== 0) return;
          for (const [id, p] of this.pending) if (p.owner === owner) this.settle(id)?.reject(new OwnerGone(`${owner} died during ${p.op}`, true));
        },
        () => {},
      );
    }
  }

  private receive(raw: string): void {
    let msg: Message;
    try {
      msg = JSON.parse(raw) as Message;
    } catch (err) {
      return this.log('unreadable forwarded message', err);
    }
    if (msg.k === 'res') {
      const p = this.settle(msg.id);
      if (!p) return;
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error));
      return;
    }
    const { id, from } = msg;
    const answer = (res: Message): void => void this.pub.publish(inboxChannel(from), JSON.stringify(res)).catch((err: unknown) => this.log('answering a forwarded operation failed', err));
    this.handle(msg.op, msg.args, msg.key).then(
      (result) => answer({ k: 'res', id, ok: true, result }),
      (err: unknown) => answer({ k: 'res', id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  }
}
