/**
 * The build check (scripts/check-bundle.mjs, run by scripts/build.mjs after every server build): a bundle folder
 * that has every file its code reaches passes; one with gaps fails, naming each gap. Run as the command it is.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHECK = 'scripts/check-bundle.mjs';

/** A small bundle shaped like dist/server: an entry, a worker entry, a chunk, a source map. */
const COMPLETE: Record<string, string> = {
  'cli.js': [
    "import { createRequire } from 'node:module';",
    "import pino from 'pino';",
    'const worker = new URL("./task-worker.js", import.meta.url);',
    'const serve = () => import("./serve-AB12.js");',
    // Text that only looks like code: the check reads code, not strings or comments.
    'const help = "run import(\\"./ghost.js\\") or new URL(\\"./ghost.js\\", import.meta.url)";',
    '// import("./ghost-in-a-comment.js")',
    'export { worker, serve, help, createRequire, pino };',
    '//# sourceMappingURL=cli.js.map',
  ].join('\n'),
  'cli.js.map': '{}',
  'task-worker.js': 'import { solve } from "./chunk-CD34.js";\nexport { solve };\n',
  'serve-AB12.js': 'import { solve } from "./chunk-CD34.js";\nconst pretty = () => import("pino-pretty");\nexport { solve, pretty };\n',
  'chunk-CD34.js': 'export const solve = () => 1;\n',
};

function run(dir: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [CHECK, dir, 'cli.js', 'task-worker.js'], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function bundle(root: string, name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

describe('the bundle check', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'arena-bundle-check-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('passes a bundle that has everything it reaches', () => {
    const r = run(bundle(root, 'complete', COMPLETE));
    expect(r.out).toContain('everything they reach is there');
    expect(r.status).toBe(0);
  });

  it('fails a bundle with a file missing, naming each gap', () => {
    const { 'task-worker.js': _worker, 'chunk-CD34.js': _chunk, 'cli.js.map': _map, ...rest } = COMPLETE;
    const r = run(
      bundle(root, 'gaps', {
        ...rest,
        // What the old build shipped: a worker path that only the sources have, and a dev dependency (tsx).
        'app-EF56.js': [
          'const boot = new URL("./task-worker-boot.mjs", import.meta.url);',
          'const client = new URL("../dist/client", import.meta.url);',
          'const entry = new URL(process.env.ENTRY, import.meta.url);',
          'const tsx = () => import("tsx/esm/api");',
          'export { boot, client, entry, tsx };',
        ].join('\n'),
      }),
    );
    expect(r.status).toBe(1);
    expect(r.out).toContain('missing entry task-worker.js');
    expect(r.out).toContain('cli.js: new URL("./task-worker.js", import.meta.url) names task-worker.js, which is missing');
    expect(r.out).toContain('serve-AB12.js: import "./chunk-CD34.js" is missing');
    expect(r.out).toContain('cli.js: source map cli.js.map is missing');
    expect(r.out).toContain('app-EF56.js: new URL("./task-worker-boot.mjs", import.meta.url) names task-worker-boot.mjs, which is missing');
    expect(r.out).toMatch(/app-EF56\.js: new URL\("\.\.\/dist\/client", import\.meta\.url\) reaches .* outside the bundle/);
    expect(r.out).toContain('app-EF56.js: new URL(…, import.meta.url) with a path that is not a literal cannot be checked');
    expect(r.out).toContain('app-EF56.js: import() "tsx/esm/api" is not a runtime dependency');
    expect(r.out).not.toContain('ghost');
  });
});
