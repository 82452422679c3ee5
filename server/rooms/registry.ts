/**
 * All live rooms of this process, by code. Makes the random parts (codes, secrets, tokens, ids) so the state
 * machine stays deterministic, and forgets rooms once they are finished or idle for long.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, type CreateRoom } from '../../shared/protocol';
import type { Clock, Disposable } from '../clock';
import { createRoomState } from './machine';
import { RoomShell, type RoomSink, type RoomTransport } from './shell';
import type { RoomDeps } from './types';

export const MAX_ROOMS = 2000;
/** A finished room stays reachable (views, report from memory) this long; its report stays in the store. */
export const FINISHED_TTL_MS = 30 * 60_000;
/** A room nobody touched for this long is dropped. */
export const IDLE_TTL_MS = 6 * 3_600_000;
const SWEEP_MS = 60_000;

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function randomCode(): string {
  let code = '';
  for (let i = 0; i < ROOM_CODE_LENGTH; i++) code += ROOM_CODE_ALPHABET[randomInt(ROOM_CODE_ALPHABET.length)];
  return code;
}

/** Constant-time comparison of a presented secret with the stored one. */
export function sameSecret(given: string, stored: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface RegistryOptions {
  deps: RoomDeps;
  clock: Clock;
  transport: (code: string) => RoomTransport;
  sink: RoomSink;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, { shell: RoomShell; touchedAt: number }>();
  private sweeper: Disposable | null = null;

  constructor(private readonly opts: RegistryOptions) {
    this.scheduleSweep();
  }

  create(req: CreateRoom): { ok: true; shell: RoomShell } | { ok: false; error: 'too-many-rooms' | 'task-unsolvable' | 'settings-invalid'; detail?: string } {
    if (this.rooms.size >= MAX_ROOMS) return { ok: false, error: 'too-many-rooms' };
    let code = randomCode();
    while (this.rooms.has(code)) code = randomCode();
    const made = createRoomState(
      { code, hostSecret: randomToken(), mode: req.mode, settings: req.settings, seed: randomInt(2 ** 31 - 1), now: this.opts.clock.now() },
      this.opts.deps,
    );
    if (!made.ok) return made;
    const shell = new RoomShell(made.state, this.opts.deps, this.opts.clock, this.opts.transport(code), this.opts.sink);
    this.rooms.set(code, { shell, touchedAt: this.opts.clock.now() });
    return { ok: true, shell };
  }

  get(code: string): RoomShell | undefined {
    const entry = this.rooms.get(code);
    if (entry) entry.touchedAt = this.opts.clock.now();
    return entry?.shell;
  }

  get size(): number {
    return this.rooms.size;
  }

  close(): void {
    this.sweeper?.dispose();
    this.sweeper = null;
    for (const { shell } of this.rooms.values()) shell.close();
    this.rooms.clear();
  }

  private scheduleSweep(): void {
    this.sweeper = this.opts.clock.setTimeout(() => {
      this.sweep();
      this.scheduleSweep();
    }, SWEEP_MS);
  }

  private sweep(): void {
    const now = this.opts.clock.now();
    for (const [code, { shell, touchedAt }] of this.rooms) {
      const s = shell.state;
      const expired = (s.phase === 'finished' && now - s.finishedAt > FINISHED_TTL_MS) || now - touchedAt > IDLE_TTL_MS;
      if (!expired) continue;
      shell.close();
      this.rooms.delete(code);
    }
  }
}
