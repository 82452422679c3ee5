/**
 * Setup file of the browser project: when a test fails, every page still open (browser.ts `openPages`) is saved
 * as test-output/screenshots/failed-<file>-<test>-<n>.png, so a failure on CI shows what the screens showed. The
 * screens tests pass through are saved only with ARENA_SCREENSHOTS=all (browser.ts SAVE_SCREENSHOTS).
 */
import { basename } from 'node:path';
import { afterEach } from 'vitest';
import { openPages, saveScreenshot } from './browser';

/** A screenshot of a page that has hung must not hold up the report of the failure. */
const SHOT_MS = 10_000;

afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  const stem = `failed-${slug(basename(task.file.name, '.test.ts'))}-${slug(task.name)}`;
  const saved: string[] = [];
  for (const [n, page] of openPages().entries()) {
    const shot = saveScreenshot(page, `${stem}-${n + 1}`, 'css').catch(() => null);
    const path = await Promise.race([shot, new Promise<null>((r) => setTimeout(() => r(null), SHOT_MS).unref())]);
    if (path) saved.push(path);
  }
  if (saved.length > 0) console.log(`screenshots of the failed test's pages:\n${saved.join('\n')}`);
});
