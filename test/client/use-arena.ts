/**
 * The set-up most browser test files share: a connection to the run's Chromium and the production server as its
 * own process, opened before the file's tests and closed after them. Every context and socket a test opens (push
 * them to `contexts` and `sockets`) is closed when that test ends: a page left open keeps working (a clock ticking,
 * a round's views redrawn as the room moves on) through every later test of the file, on a 2-core machine. A failed
 * test's pages stay open until the file ends, so that failure-shots.ts can save them first.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { launchBrowser } from './browser';
import { startArena, type ArenaOptions, type RunningArena } from './arena-server';
import { warmSolver } from './warm-solver';

export interface ArenaSession {
  readonly browser: Browser;
  readonly arena: RunningArena;
  readonly contexts: BrowserContext[];
  readonly sockets: Socket[];
}

/** `warm`: start the server's task worker before the first test (a teacher's first own question pays it). */
export function useArena(opts: { warm?: boolean; arena?: ArenaOptions } = {}): ArenaSession {
  let browser: Browser | undefined;
  let arena: RunningArena | undefined;
  const contexts: BrowserContext[] = [];
  const sockets: Socket[] = [];
  beforeAll(async () => {
    [browser, arena] = await Promise.all([launchBrowser(), startArena(opts.arena)]);
    if (opts.warm) await warmSolver(arena);
  }, 240_000);
  const closeOpened = async (): Promise<void> => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
  };
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') await closeOpened();
  });
  afterAll(async () => {
    await closeOpened();
    await browser?.close();
    await arena?.close();
  });
  const ready = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`the ${what} is not started (useArena's beforeAll has not run)`);
    return value;
  };
  return {
    get browser() { return ready('browser', browser); },
    get arena() { return ready('arena server', arena); },
    contexts,
    sockets,
  };
}
