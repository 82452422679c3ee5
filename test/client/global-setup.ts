/**
 * Vitest global setup of the browser project: builds the production `dist/` once with the script `npm start`
 * uses (scripts/build.mjs: only what changed) and starts one Chromium for the whole run, in parallel. Test files
 * start the built server as its own process (arena-server.ts) and attach to the Chromium through `inject`
 * (browser.ts). With ARENA_SERVER_DIR set, the tests run another install's build (a production folder made by
 * `scripts/production.sh make`), which is not rebuilt here.
 */
import type { TestProject } from 'vitest/node';
import { buildProduction, launchChromiumServer } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Playwright endpoint of the run's shared Chromium. */
    chromiumWsEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const build = process.env.ARENA_SERVER_DIR ? Promise.resolve() : buildProduction();
  const [built, launched] = await Promise.allSettled([build, launchChromiumServer()]);
  if (built.status === 'rejected' || launched.status === 'rejected') {
    if (launched.status === 'fulfilled') await launched.value.close();
    const reason: unknown = built.status === 'rejected' ? built.reason : (launched as PromiseRejectedResult).reason;
    throw reason instanceof Error ? reason : new Error(String(reason));
  }
  const server = launched.value;
  project.provide('chromiumWsEndpoint', server.wsEndpoint());
  return async () => {
    await server.close();
  };
}
