/**
 * Vitest global setup of the browser project: starts building the production `dist/` with the script `npm start`
 * uses (scripts/build.mjs: only what changed), without waiting for it, and starts one Chromium for the whole run. Test files
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
  // The build runs in the background while the unit files (which need no dist/) start: each browser file's
  // productionBuild() runs the same script, which waits for this build's lock and then finds dist/ current.
  // A failed build is reported by those files (with its output); here it is only kept from going unhandled.
  const build = process.env.ARENA_SERVER_DIR ? Promise.resolve() : buildProduction().catch((err: unknown) => err);
  const server = await launchChromiumServer();
  project.provide('chromiumWsEndpoint', server.wsEndpoint());
  return async () => {
    await build;
    await server.close();
  };
}
