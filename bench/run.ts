export {};

/**
 * `npm run bench [-- part ...]`: runs each benchmark part in turn and prints its figures.
 * Parts: checker (bench/checker.ts), cluster (bench/cluster.ts), drafts (bench/drafts.ts), faults (bench/faults.ts),
 * generators (bench/generators.ts), load (bench/load.ts), reports (bench/reports.ts), size (bench/size.ts).
 */
const PARTS: Record<string, () => Promise<{ run: () => void | Promise<void> }>> = {
  checker: () => import('./checker'),
  cluster: () => import('./cluster'),
  drafts: () => import('./drafts'),
  faults: () => import('./faults'),
  generators: () => import('./generators'),
  load: () => import('./load'),
  reports: () => import('./reports'),
  size: () => import('./size'),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length > 0 ? wanted : Object.keys(PARTS);
for (const name of names) {
  const load = PARTS[name];
  if (!load) {
    console.error(`bench: unknown part "${name}" (known: ${Object.keys(PARTS).join(', ')})`);
    process.exit(2);
  }
  console.log(`\n=== bench: ${name} ===`);
  const mod = await load();
  await mod.run();
}
process.exit(0);
