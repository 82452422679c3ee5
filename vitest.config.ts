import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects:
 * - `unit`: pure logic, servers with real sockets, the CLI in-process. CPU-bound, so one worker per core (at
 *   least 2). `npm run test:fast` runs only this project.
 * - `browser`: every test file that imports the browser harness (browser.ts, arena-server.ts, views-harness.ts)
 *   or playwright-core, found by reading the files, so a new browser test needs no registration here. Its global
 *   setup builds the client once into a temp folder and starts one Chromium for the whole run; the files run
 *   after the unit project, two at a time, sharing that browser.
 */
const HARNESS_IMPORT = /from\s+['"](?:\.{1,2}\/)+(?:[\w-]+\/)*(?:browser|arena-server|views-harness)['"]|from\s+['"]playwright-core['"]/;

function browserTestFiles(): string[] {
  return readdirSync('test', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `test/${f.replaceAll('\\', '/')}`)
    .filter((f) => HARNESS_IMPORT.test(readFileSync(f, 'utf8')))
    .sort();
}

const browserFiles = browserTestFiles();
const cores = availableParallelism();

export default defineConfig({
  test: {
    // Socket and browser tests start real servers and Chromium; give them room on a loaded 2-core CI box.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...browserFiles],
          maxWorkers: Math.max(2, cores - 1),
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: browserFiles,
          globalSetup: ['test/client/global-setup.ts'],
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
