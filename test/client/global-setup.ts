/**
 * Vitest global setup of the browser project: builds the client once into a temp folder and starts one
 * Chromium for the whole run, in parallel. Test files get both through `inject` (see browser.ts, which wraps
 * them in `buildClient`/`DIST_CLIENT` and `launchBrowser`). Everything is removed when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildClientInto, launchChromiumServer } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding the built client (index.html, assets/, dev/views.html). */
    arenaClientDir: string;
    /** Playwright endpoint of the run's shared Chromium. */
    chromiumWsEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'arena-client-build-'));
  const [built, launched] = await Promise.allSettled([buildClientInto(dir), launchChromiumServer()]);
  if (built.status === 'rejected' || launched.status === 'rejected') {
    if (launched.status === 'fulfilled') await launched.value.close();
    rmSync(dir, { recursive: true, force: true });
    const reason: unknown = built.status === 'rejected' ? built.reason : (launched as PromiseRejectedResult).reason;
    throw reason instanceof Error ? reason : new Error(String(reason));
  }
  const server = launched.value;
  project.provide('arenaClientDir', dir);
  project.provide('chromiumWsEndpoint', server.wsEndpoint());
  return async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
