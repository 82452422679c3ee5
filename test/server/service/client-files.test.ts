import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientFiles } from '../../../server/http/static';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function build(): string {
  const dir = mkdtempSync(join(tmpdir(), 'arena-files-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'assets', 'a-1.js'), 'a');
  writeFileSync(join(dir, 'assets', 'a-1.js.br'), 'b');
  writeFileSync(join(dir, '.build-stamp'), 'x');
  return dir;
}

describe('client file listing', () => {
  it('lists the build by URL path, without dotfiles or precompressed copies', () => {
    const files = new ClientFiles(build());
    expect(files.has('/index.html')).toBe(true);
    expect(files.has('/assets/a-1.js')).toBe(true);
    expect(files.has('/assets/a-1.js.br')).toBe(false);
    expect(files.has('/.build-stamp')).toBe(false);
  });

  it('picks up a rebuild under a running server after a miss', () => {
    const dir = build();
    const files = new ClientFiles(dir, 0);
    writeFileSync(join(dir, 'assets', 'b-2.js'), 'b');
    expect(files.has('/assets/b-2.js')).toBe(false);
    files.refreshAfterMiss();
    expect(files.has('/assets/b-2.js')).toBe(true);
  });

  it('does not list again on every miss', () => {
    const dir = build();
    const files = new ClientFiles(dir, 60_000);
    writeFileSync(join(dir, 'assets', 'c-3.js'), 'c');
    files.refreshAfterMiss();
    expect(files.has('/assets/c-3.js')).toBe(false);
  });
});
