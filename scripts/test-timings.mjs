#!/usr/bin/env node
/**
 * Writes test/timings.json, the seconds each test file took, from a Vitest JSON report:
 *   npx vitest run --reporter=default --reporter=json --outputFile=test-output/report.json
 *   node scripts/test-timings.mjs test-output/report.json
 * test/sequencer.ts starts the longest files first by these figures, so a fresh clone (no Vitest cache) does not
 * leave a long file to start last. Only the order depends on them; refresh them when files are added or slowed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { positionals } = parseArgs({ allowPositionals: true });
const [reportPath] = positionals;
if (!reportPath) {
  console.error('usage: node scripts/test-timings.mjs <vitest-json-report>');
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const timings = Object.fromEntries(
  report.testResults
    .map((t) => [relative(process.cwd(), t.name), Math.round((t.endTime - t.startTime) / 100) / 10])
    .sort(([a], [b]) => (a < b ? -1 : 1)),
);
writeFileSync('test/timings.json', `${JSON.stringify(timings, null, 1)}\n`);
console.log(`test/timings.json: ${Object.keys(timings).length} files`);
