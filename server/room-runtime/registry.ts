/**
 * All live rooms of this process, by code. Makes the random parts (codes, secrets, tokens, ids) so the state
 * machine stays deterministic, keeps every room durable through the live-room store (restored on start), and
 * forgets rooms once they are finished or idle for long.
 */
import { randomInt } from 'node:crypto';
import { hashSecret, randomToken } from '../secrets';
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, type CreateRoom } from '../../shared/protocol';
import type { Question } from '../../shared/questions/types';
import type { Clock, Disposable } from '../clock';
import { childLog } from '../log';
import type { LiveRoomStore, LoadedRoom } from '../store/live-rooms';
import { createRoomState, transition } from '../rooms/machine';
import { RoomShell, type RoomSink, type RoomTransport } from './shell';
import type { RoomDeps, RoomState } from '../rooms/types';

export const MAX_ROOMS = 2000;
/** Live rooms one address may hold at once: a school's teachers share an address, one client must not fill the server. */
export const MAX_ROOMS_PER_OWNER = 20;
/** A finished room stays reachable (views, report from memory) this long; its report stays in the store. */
export const FINISHED_TTL_MS = 30 * 60_000;
/** A room nobody touched for this long is dropped. */
export const IDLE_TTL_MS = 6 * 3_600_000;
const SWEEP_MS = 60_000;
/** How often the process notes that it is alive, so a restart knows how long it was down. */
export const HEARTBEAT_MS = 1000;
/**
 * A phase change folds the room's event log into a snapshot this much later: not while the answers that closed
 * a round are still being acknowledged (serialising a 2,000-player room takes tens of ms), and coalesced.
 */
export const COMPACT_DELAY_MS = 1500;

export function randomCode(): string {
  let code = '';
  for (let i = 0; i < ROOM_CODE_LENGTH; i++) code += ROOM_CODE_ALPHABET[randomInt(ROOM_CODE_ALPHABET.length)];
  return code;
}

export interface RegistryOptions {
  deps: RoomDeps;
  clock: Clock;
  transport: (code: string) => RoomTransport;
  /** Reports and errors; persistence is the registry's own (through `store`). */
  sink: Omit<RoomSink, 'persist'>;
  store: LiveRoomStore;
  maxRoomsPerOwner?: number;
  /**
   * A room's write to an asynchronous store (cluster mode) failed, or its lease was lost: the room has been
   * dropped from this process (another one restores it from what was acknowledged).
   */
  onAbandon?: (code: string) => void;
}

type Created = { ok: true; shell: RoomShell; hostSecret: string } | { ok: false; error: 'too-many-rooms' | 'task-unsolvable' | 'settings-invalid'; detail?: string };

interface Entry {
  shell: RoomShell;
  owner: string;
  touchedAt: number;
  compaction: Disposable | null;
  /** Every asynchronous write of this room so far (cluster mode): acks wait on it; null when all are synchronous. */
  written: Promise<void> | null;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Entry>();
  private sweeper: Disposable | null = null;
  private heart: Disposable | null = null;
  private readonly sink: RoomSink;
  /** When the previous process was last alive: read before this one's first heartbeat overwrites it. */
  private readonly previousAlive: number | null;

  constructor(private readonly opts: RegistryOptions) {
    this.sink = { ...opts.sink, persist: (c) => this.persist(c) };
    this.previousAlive = opts.store.lastAlive();
    this.scheduleSweep();
    this.beat();
  }

  /** A new room for `owner` (the creator's address). `solved`: its teacher tasks, solved off the event loop. */
  /** `reserved`: a code already made unique across the cluster (cluster mode); otherwise one unique here. */
  create(req: CreateRoom, owner: string, solved?: Question[], reserved?: string): Created {
    if (this.rooms.size >= MAX_ROOMS) return { ok: false, error: 'too-many-rooms' };
    if (this.liveRoomsOf(owner) >= this.maxRoomsPerOwner) return { ok: false, error: 'too-many-rooms' };
    let code = reserved ?? randomCode();
    while (reserved === undefined && this.rooms.has(code)) code = randomCode();
    const hostSecret = randomToken();
    const now = this.opts.clock.now();
    const init = { code, hostKeyHash: hashSecret(hostSecret), mode: req.mode, settings: req.settings, seed: randomInt(2 ** 31 - 1), now };
    const made = createRoomState(init, this.opts.deps, solved);
    if (!made.ok) return made;
    // On disk before the creator hears of it (an asynchronous store: the ack waits on `settled`).
    const written = this.opts.store.snapshot(code, 0, owner, made.state, now);
    const shell = this.add(made.state, owner, 0);
    if (written) this.track(code, written);
    return { ok: true, shell, hostSecret };
  }

  /**
   * Reloads the rooms a previous process left (crash or restart): snapshot plus replayed events, then the `restore`
   * event (everyone offline, open deadlines moved on by the downtime). Returns how many rooms came back.
   */
  restore(): number {
    const now = this.opts.clock.now();
    const downtimeMs = Math.max(0, now - (this.previousAlive ?? now));
    let count = 0;
    for (const stored of this.opts.store.loadAll()) if (this.adopt(stored, downtimeMs)) count++;
    return count;
  }

  /**
   * Runs one stored room here: its snapshot plus the events after it replayed through the pure machine, then the
   * `restore` event. Used at start and when this process takes over a room whose owner died (cluster mode).
   * `replayed`: sees the room as it was stored, before `restore` (which marks every seat offline).
   * A room stored at a state version this release cannot read is not run, with the reason logged: it stays in
   * the store as it is (a newer release may read it).
   */
  adopt(stored: LoadedRoom, downtimeMs: number, replayed?: (state: RoomState) => void): RoomShell | null {
    const now = this.opts.clock.now();
    if ('refused' in stored) {
      this.opts.sink.error(`room ${stored.code} not restored: ${stored.refused}; left in the store`, null, { room: stored.code });
      return null;
    }
    try {
      let state: RoomState = stored.state;
      let seq = stored.seq;
      for (const { seq: s, at, event } of stored.events) {
        if (s <= seq) continue;
        const res = transition(state, event, at, this.opts.deps);
        if (res.ok) state = res.state;
        else this.opts.sink.error(`replay ${stored.code} #${s} ${event.type}: ${res.error}`, null, { room: stored.code, event: event.type });
        seq = s;
      }
      if (this.expired(state, now, now)) {
        this.opts.store.remove(stored.code)?.catch((err: unknown) => this.opts.sink.error(`removing room ${stored.code} failed`, err, { room: stored.code }));
        return null;
      }
      replayed?.(state);
      const shell = this.add(state, stored.owner, seq);
      shell.dispatch({ type: 'restore', downtimeMs });
      return shell;
    } catch (err) {
      this.opts.sink.error(`restoring room ${stored.code} failed`, err, { room: stored.code });
      return null;
    }
  }

  /**
   * Resolves once every change of the room accepted so far is in the shared store (rejects if one failed);
   * undefined when the store is synchronous, so the single-process path never waits on a promise.
   */
  settled(code: string): Promise<void> | undefined {
    return this.rooms.get(code)?.written ?? undefined;
  }

  /** A finished room's report was deleted: the room goes now rather than when it would expire. */
  forget(code: string): void {
    const entry = this.rooms.get(code);
    if (!entry || entry.shell.state.phase !== 'finished') return;
    entry.compaction?.dispose();
    entry.shell.close();
    this.rooms.delete(code);
    try {
      this.opts.store.remove(code)?.catch((err: unknown) => this.opts.sink.error(`removing room ${code} failed`, err));
    } catch (err) {
      this.opts.sink.error(`removing room ${code} failed`, err);
    }
  }

  /** This process stops running the room (its lease is gone); the stored room stays for the next owner. */
  release(code: string): void {
    const entry = this.rooms.get(code);
    if (!entry) return;
    entry.compaction?.dispose();
    entry.shell.close();
    this.rooms.delete(code);
    this.opts.onAbandon?.(code);
  }

  /**
   * The room's shell, marking the room as used now (a room nobody touches for IDLE_TTL_MS is dropped): for
   * work done for the room's players or host. To ask whether the room runs here, `has`.
   */
  touch(code: string): RoomShell | undefined {
    const entry = this.rooms.get(code);
    if (entry) entry.touchedAt = this.opts.clock.now();
    return entry?.shell;
  }

  /** Whether the room runs in this process; does not count as a use. */
  has(code: string): boolean {
    return this.rooms.has(code);
  }

  get maxRoomsPerOwner(): number {
    return this.opts.maxRoomsPerOwner ?? MAX_ROOMS_PER_OWNER;
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Every live room (for a shutdown notice). */
  codes(): string[] {
    return [...this.rooms.keys()];
  }

  /** Stops timers; the rooms stay on disk for the next start. */
  close(): void {
    this.sweeper?.dispose();
    this.sweeper = null;
    this.heart?.dispose();
    this.heart = null;
    try {
      this.opts.store.heartbeat(this.opts.clock.now());
    } catch (err) {
      this.opts.sink.error('final heartbeat failed', err);
    }
    for (const entry of this.rooms.values()) {
      entry.compaction?.dispose();
      entry.shell.close();
    }
    this.rooms.clear();
  }

  /** Rooms of `owner` not yet finished (a finished room lingers for its report but no longer counts). */
  liveRoomsOf(owner: string): number {
    let n = 0;
    for (const e of this.rooms.values()) if (e.owner === owner && e.shell.state.phase !== 'finished') n++;
    return n;
  }

  private add(state: RoomState, owner: string, seq: number): RoomShell {
    // The room's own sink: its errors carry its code (a child logger per room, server/log.ts).
    const sink: RoomSink = { ...this.sink, error: childLog(this.sink.error, { room: state.code }) };
    const shell = new RoomShell(state, this.opts.deps, this.opts.clock, this.opts.transport(state.code), sink, seq);
    this.rooms.set(state.code, { shell, owner, touchedAt: this.opts.clock.now(), compaction: null, written: null });
    return shell;
  }

  /**
   * Chains an asynchronous write onto the room's earlier ones, so `settled` resolves only when this one and all
   * before it are stored. The first failure gives the room up here: what was not stored was never acknowledged.
   */
  private track(code: string, write: Promise<void>): void {
    const entry = this.rooms.get(code);
    if (!entry) return;
    const prev = entry.written;
    // Handled here too: when an earlier write failed, the chain below never looks at this one.
    write.catch(() => {});
    const chained = (prev ? prev.then(() => write) : write).catch((err: unknown) => {
      if (this.rooms.get(code) === entry) {
        this.opts.sink.error(`storing room ${code} failed; giving it up here`, err, { room: code });
        this.release(code);
      }
      throw err;
    });
    chained.catch(() => {});
    entry.written = chained;
  }

  /** Every event is appended (durable before its ack); snapshots come later, off the busy moments. */
  private persist(c: Parameters<RoomSink['persist']>[0]): void {
    const written = this.opts.store.append(c.code, c.seq, c.at, c.event);
    if (written) this.track(c.code, written);
    const entry = this.rooms.get(c.code);
    if (!c.phaseChanged || !entry || entry.compaction) return;
    entry.compaction = this.opts.clock.setTimeout(() => {
      entry.compaction = null;
      this.compact(c.code);
    }, COMPACT_DELAY_MS);
  }

  /** Writes the room's current state as its snapshot, dropping the events it contains. */
  private compact(code: string): void {
    const entry = this.rooms.get(code);
    if (!entry) return;
    const failed = (err: unknown): void => this.opts.sink.error(`snapshot of room ${code} failed`, err, { room: code });
    try {
      // A failed snapshot loses nothing: the events it would have folded stay in the log.
      this.opts.store.snapshot(code, entry.shell.persisted, entry.owner, entry.shell.state, this.opts.clock.now())?.catch(failed);
    } catch (err) {
      failed(err);
    }
  }

  private beat(): void {
    try {
      this.opts.store.heartbeat(this.opts.clock.now());
    } catch (err) {
      this.opts.sink.error('heartbeat failed', err);
    }
    this.heart = this.opts.clock.setTimeout(() => this.beat(), HEARTBEAT_MS);
  }

  private scheduleSweep(): void {
    this.sweeper = this.opts.clock.setTimeout(() => {
      this.sweep();
      this.scheduleSweep();
    }, SWEEP_MS);
  }

  private expired(s: RoomState, touchedAt: number, now: number): boolean {
    return (s.phase === 'finished' && now - s.finishedAt > FINISHED_TTL_MS) || now - touchedAt > IDLE_TTL_MS;
  }

  private sweep(): void {
    const now = this.opts.clock.now();
    for (const [code, entry] of this.rooms) {
      if (!this.expired(entry.shell.state, entry.touchedAt, now)) continue;
      entry.compaction?.dispose();
      entry.shell.close();
      this.rooms.delete(code);
      const failed = (err: unknown): void => this.opts.sink.error(`removing room ${code} failed`, err, { room: code });
      try {
        this.opts.store.remove(code)?.catch(failed);
      } catch (err) {
        failed(err);
      }
    }
  }
}
