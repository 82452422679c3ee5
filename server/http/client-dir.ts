/**
 * Where this install's client build is: dist/client beside the package.json above this module, found by walking
 * up, so the same code answers from the sources (server/http) and from any file of the bundle (dist/server). A
 * path relative to `import.meta.url` would differ between the two layouts.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultClientDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'client');
    dir = dirname(dir);
  }
  return join(process.cwd(), 'dist', 'client');
}
