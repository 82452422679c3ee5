/**
 * The order test files start in: the longest first, so that the last file to start is a short one and no worker
 * is left alone with a long file at the end (longest-processing-time-first scheduling).
 *
 * Vitest's own order uses durations from a previous run's cache and, on a fresh clone (CI), falls back to file
 * size, which would start the projector walks (ten-line files that play for a minute) last. So the order here
 * comes from test/timings.json, the seconds each file took in a recorded run (scripts/test-timings.mjs writes
 * it), and for a file not recorded yet from a guess by its kind: a walk, another browser file, the rest. Groups
 * (`sequence.groupOrder`) stay as configured.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const ROOT = new URL('../', import.meta.url).pathname;
const TIMINGS = JSON.parse(readFileSync(new URL('./timings.json', import.meta.url), 'utf8')) as Record<string, number>;
/** Files that play a projector walk through the largest questions (test/client/projector-walk.ts). */
const WALK = /\bwalkFile\(/;

/** A file's expected seconds: recorded, else guessed from what it is (a guess errs long, so it starts early). */
function expectedSeconds(spec: TestSpecification): number {
  const recorded = TIMINGS[relative(ROOT, spec.moduleId)];
  if (recorded !== undefined) return recorded;
  let text = '';
  try {
    text = readFileSync(spec.moduleId, 'utf8');
  } catch {
    // Unreadable: Vitest reports it; it sorts as a unit file.
  }
  return WALK.test(text) ? 60 : spec.project.name === 'browser' ? 30 : 5;
}

export default class LongestFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seconds = new Map(files.map((f) => [f, expectedSeconds(f)]));
    const sorted = [...files].sort((a, b) => {
      const group = a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder;
      if (group !== 0) return group;
      return (seconds.get(b) ?? 0) - (seconds.get(a) ?? 0);
    });
    // The browser files first wait for the production build, which runs on one core for the run's first seconds
    // (about 10 on a fresh clone): the longest file that needs no build starts second, beside it, on the other.
    const firstGroup = sorted[0]?.project.config.sequence.groupOrder;
    const plain = sorted.findIndex((f) => f.project.name !== 'browser' && f.project.config.sequence.groupOrder === firstGroup);
    if (plain > 1 && sorted[0]?.project.name === 'browser') sorted.splice(1, 0, ...sorted.splice(plain, 1));
    return Promise.resolve(sorted);
  }
}
