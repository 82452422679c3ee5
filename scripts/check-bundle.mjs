#!/usr/bin/env node
/**
 * The build check: every runtime file the server bundle reaches is in it. esbuild bundles what is imported, but
 * not what the code reaches at run time by URL or path (a worker, an asset), and it leaves external packages to
 * node_modules. Reads each .js/.mjs file of the folder with es-module-lexer (real code only, never text inside
 * strings or comments) and reports:
 * - `new URL('<path>', import.meta.url)` (workers, assets, data files) whose file is missing, or outside the folder
 *   (a path that only a source checkout has), or whose path is not a literal (it could not be checked);
 * - static and dynamic imports of relative paths (chunks, entries) whose file is missing;
 * - imports of packages that are neither Node built-ins nor runtime dependencies in package.json: a production
 *   folder (`npm ci --omit=dev`) does not have them;
 * - a source map a file names that is missing; an expected entry that is missing.
 * Imports whose specifier is computed (optional drivers inside bundled libraries) cannot be checked and are
 * counted, not reported.
 *
 * scripts/build.mjs runs it after every server build, so `npm start`, CI and the tests' builds all fail on a gap.
 * By hand: `node scripts/check-bundle.mjs [DIR]` (default dist/server); needs the dev dependencies.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { init, parse } from 'es-module-lexer';

/** A URL built from a literal relative path and import.meta.url, as esbuild writes it (any quote). */
const URL_OF_LITERAL = /new\s+URL\(\s*(?:"([^"\\]*)"|'([^'\\]*)'|`([^`\\$]*)`)\s*,\s*$/;
/** A URL built from import.meta.url and something else (a variable, a concatenation): it cannot be checked. */
const URL_OF_ANYTHING = /new\s+URL\(\s*[^()]*,\s*$/;
const SOURCE_MAP = /\/\/# sourceMappingURL=([^\s]+)\s*$/;

/** The npm package of a bare specifier: `pino`, `@scope/name` (subpaths dropped). */
function packageOf(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function listScripts(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.m?js$/.test(entry.name)) out.push(join(entry.parentPath ?? entry.path, entry.name));
  }
  return out.sort();
}

/**
 * Checks the bundle in `dir`. `dependencies`: the packages a production folder has (package.json `dependencies`);
 * `entries`: files that must be there. Resolves with `{ problems, files, unchecked }`; `problems` empty = complete.
 */
export async function checkBundle(dir, { dependencies = [], entries = [] } = {}) {
  await init;
  const root = resolve(dir);
  const runtime = new Set(dependencies);
  const problems = [];
  let unchecked = 0;
  const inside = (path) => path === root || path.startsWith(root + sep);
  const name = (path) => relative(root, path) || '.';

  for (const entry of entries) if (!existsSync(join(root, entry))) problems.push(`missing entry ${entry}`);
  const files = listScripts(root);
  for (const file of files) {
    const src = readFileSync(file, 'utf8');
    const where = name(file);
    const [imports] = parse(src, where);
    for (const imp of imports) {
      if (imp.d === -2) {
        // import.meta: only `new URL(…, import.meta.url)` names a file.
        if (src.slice(imp.se, imp.se + 4) !== '.url') continue;
        const before = src.slice(Math.max(0, imp.ss - 400), imp.ss);
        const literal = URL_OF_LITERAL.exec(before);
        if (!literal) {
          if (URL_OF_ANYTHING.test(before)) problems.push(`${where}: new URL(…, import.meta.url) with a path that is not a literal cannot be checked`);
          continue;
        }
        const spec = literal[1] ?? literal[2] ?? literal[3] ?? '';
        let target;
        try {
          target = fileURLToPath(new URL(spec, pathToFileURL(file)));
        } catch {
          problems.push(`${where}: new URL("${spec}", import.meta.url) is not a file`);
          continue;
        }
        if (!inside(target)) problems.push(`${where}: new URL("${spec}", import.meta.url) reaches ${target}, outside the bundle`);
        else if (!existsSync(target)) problems.push(`${where}: new URL("${spec}", import.meta.url) names ${name(target)}, which is missing`);
        continue;
      }
      const spec = imp.n;
      if (spec === undefined) {
        unchecked++;
        continue;
      }
      const kind = imp.d === -1 ? 'import' : 'import()';
      if (spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/') || spec.startsWith('file:')) {
        const target = spec.startsWith('file:') ? fileURLToPath(spec) : resolve(dirname(file), spec);
        if (!inside(target)) problems.push(`${where}: ${kind} "${spec}" reaches outside the bundle`);
        else if (!existsSync(target)) problems.push(`${where}: ${kind} "${spec}" is missing`);
      } else if (!isBuiltin(spec) && !runtime.has(packageOf(spec))) {
        problems.push(`${where}: ${kind} "${spec}" is not a runtime dependency (a production folder has no dev dependencies)`);
      }
    }
    const map = SOURCE_MAP.exec(src.slice(-300));
    if (map && !map[1].startsWith('data:') && !existsSync(resolve(dirname(file), map[1]))) problems.push(`${where}: source map ${map[1]} is missing`);
  }
  return { problems, files: files.length, unchecked };
}

/** The runtime dependencies of the package.json at `root`. */
export function runtimeDependencies(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const dir = process.argv[2] ?? join(root, 'dist', 'server');
  const entries = process.argv.slice(3);
  const { problems, files } = await checkBundle(dir, { dependencies: runtimeDependencies(root), entries });
  if (problems.length > 0) {
    console.error(`bundle check: ${dir} is incomplete:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`bundle check: ${files} files, everything they reach is there`);
}
