#!/usr/bin/env node
// `arena` as an installed binary. Runs the production build (dist/server) when it is current; in a checkout
// whose server sources changed since the last build, runs the TypeScript sources through tsx instead (a dev
// dependency), so the command never answers with old code.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PARTS, partState } from '../scripts/stamp.mjs';

const state = partState('server');
let useSource = state !== 'current';
if (useSource) {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    if (state === 'missing') {
      process.stderr.write('arena: not built and tsx is not installed: run "npm install" and "npm run build"\n');
      process.exit(1);
    }
    useSource = false; // stale build, no tsx (npm ci --omit=dev): the build is what there is
  }
}
if (useSource) await import('./cli.ts');
else {
  await import(pathToFileURL(join(PARTS.server.out, 'cli.js')).href);
}
