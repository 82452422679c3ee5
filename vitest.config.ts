import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import LongestFirst from './test/sequencer';

/**
 * Two projects (three when a file mocks):
 * - `unit`: pure logic, servers with real sockets, the CLI in-process. One worker per core and one more (see
 *   unitWorkers), not isolated: a worker keeps its modules (mathjs above all) from one file to the next. A file
 *   that mocks modules or stubs globals (vi.mock, vi.stubGlobal, …) goes to `unit-isolated` instead.
 *   `npm run test:fast` runs these.
 * - `browser`: every test file that imports the browser harness (browser.ts, arena-server.ts, use-arena.ts, views-harness.ts)
 *   or playwright-core, found by reading the files, so a new browser test needs no registration here. Its global
 *   setup starts building the production dist/ (scripts/build.mjs, as `npm start` does) as the run starts (the
 *   browser files wait for it, the unit files run meanwhile), and starts one Chromium for the whole run; each file starts the built server as its own process
 *   (test/client/arena-server.ts); the files share that browser. Not isolated either, so no browser file may mock.
 *
 * Both projects run as one group (the same `sequence.groupOrder`), a worker per core and one more, the longest files
 * first (test/sequencer.ts): the browser files start at once, and the unit files fill the time their waits (a Redis
 * restarted, a lease left to lapse, a round run out) leave idle. Run one after the other, the CPU stood partly idle
 * through the unit phase and the browser files started a minute in (a whole run 320–350 s → 276–310 s here).
 */
const HARNESS_IMPORT = /from\s+['"](?:\.{1,2}\/)+(?:[\w-]+\/)*(?:browser|arena-server|use-arena|views-harness)['"]|from\s+['"]playwright-core['"]/;
/** Files that change module or global state for themselves; they get fresh modules per file. */
const MOCKS = /\bvi\.(?:mock|doMock|stubGlobal|stubEnv|useFakeTimers|spyOn)\b/;

const testFiles = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/${f.replaceAll('\\', '/')}`)
  .sort();
const sources = new Map(testFiles.map((f) => [f, readFileSync(f, 'utf8')]));
const browserFiles = testFiles.filter((f) => HARNESS_IMPORT.test(sources.get(f) ?? ''));
const mocking = testFiles.filter((f) => MOCKS.test(sources.get(f) ?? ''));
const mockingFiles = mocking.filter((f) => !browserFiles.includes(f));
// The browser project shares modules between files too (see below), and has no isolated twin: a mock there would
// leak into the next file, so the run refuses one.
const mockingBrowserFiles = mocking.filter((f) => browserFiles.includes(f));
if (mockingBrowserFiles.length > 0) {
  throw new Error(`Browser test files share modules and may not mock modules or replace globals: ${mockingBrowserFiles.join(', ')}`);
}
/**
 * One worker more than the cores: several unit files mostly wait (a Redis restarted, a lease left to lapse, a worker
 * retried with backoff), and with a worker per core the CPU stood half idle while two of them did.
 */
const unitWorkers = availableParallelism() + 1;

export default defineConfig({
  test: {
    // Socket and browser tests start real servers and Chromium; give them room on a loaded 2-core CI box.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The longest files first, judged without a cache so a fresh clone runs in the same order (test/sequencer.ts).
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...browserFiles, ...mockingFiles],
          maxWorkers: unitWorkers,
          // The server scripts crash and cluster tests start as processes, bundled once (test/support/child-bundle.ts).
          globalSetup: ['test/support/children-setup.ts'],
          // Most of this project's time was each file importing mathjs afresh; these files share no mutable state
          // (no mocks, no stubbed globals), so a worker keeps its modules from one file to the next.
          isolate: false,
        },
      },
      // Only when some file mocks: the same work with a fresh module registry per file.
      ...(mockingFiles.length === 0 ? [] : [{
        extends: true as const,
        test: { name: 'unit-isolated', include: mockingFiles, maxWorkers: unitWorkers, isolate: true },
      }]),
      {
        extends: true,
        test: {
          name: 'browser',
          include: browserFiles,
          globalSetup: ['test/client/global-setup.ts'],
          // A failing test's open pages are saved as screenshots (browser.ts SAVE_SCREENSHOTS says when others are).
          setupFiles: ['test/client/failure-shots.ts'],
          // Not isolated either (no browser file mocks): a worker keeps playwright-core and the shared modules from one
          // file to the next, which halved the browser workers' CPU (33 → 16 s a run). Module state the helpers keep
          // (projector-walk's sockets, browser.ts's open contexts) is per run and safe to share.
          isolate: false,
          maxWorkers: unitWorkers,
          // One group with the unit projects (see the top): Vitest asks the same worker count of each.
          sequence: { sequencer: LongestFirst, groupOrder: 0 },
        },
      },
    ],
  },
});
