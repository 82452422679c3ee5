/**
 * The order test files start in: the longest first, so that the last file to start is a short one and no worker
 * is left alone with a long walk at the end (longest-processing-time-first scheduling).
 *
 * Vitest's own order uses durations from a previous run's cache, and on a fresh clone (CI) falls back to file
 * size, which would start the projector walks (ten-line files that play for a minute or more) last. So the order
 * here does not depend on a cache: a file's weight is how much it plays, judged from its text (walks, then other
 * browser files, then the rest), with its size breaking ties. Groups (`sequence.groupOrder`) stay as configured.
 */
import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that play a projector or phone walk through the largest questions (test/client/projector-walk.ts). */
const WALK = /\bwalkFile\(|from '\.\/projector-walk'|from '\.\/phone-walk'/;

function weight(spec: TestSpecification): number {
  const file = spec.moduleId;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // A file that cannot be read sorts last; Vitest reports it.
  }
  const browser = spec.project.name === 'browser';
  return (WALK.test(text) ? 3 : browser ? 2 : 1) * 1e9 + text.length;
}

export default class LongestFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const weights = new Map(files.map((f) => [f, weight(f)]));
    return Promise.resolve([...files].sort((a, b) => {
      const group = a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder;
      if (group !== 0) return group;
      return (weights.get(b) ?? 0) - (weights.get(a) ?? 0);
    }));
  }
}
