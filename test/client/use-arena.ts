/**
 * The set-up most browser test files share: a connection to the run's Chromium and the production server as its
 * own process, opened before the file's tests and closed after them with every context and socket the tests
 * opened (push them to `contexts` and `sockets`).
 */
import { afterAll, beforeAll } from 'vitest';
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
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const c of contexts) await c.close().catch(() => undefined);
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
