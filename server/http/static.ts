/**
 * Serves the built client with the encodings the build precompressed (`.br`, `.gz` beside each file, see
 * scripts/build.mjs): no compression work per request, and a phone that says `Accept-Encoding: br` gets brotli.
 * Vite's hashed files under assets/ never change, so browsers keep them a year; everything else (index.html)
 * is revalidated on every load so a new build is picked up at once.
 */
import type { Request, Response } from 'express';
import { readdirSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

interface Entry {
  /** Encodings with a precompressed file beside the original. */
  encodings: Set<'br' | 'gzip'>;
}

/** The files of one client build, by URL path ("/assets/x.js"), listed once: the build does not change under a
 * running server, except from "not built yet" to built, which `refresh()` picks up. */
export class ClientFiles {
  private files = new Map<string, Entry>();
  private listedAt = 0;

  constructor(
    private readonly dir: string,
    private readonly minRelistMs = 1000,
  ) {
    this.refresh();
  }

  /**
   * Lists the build again when a request names a file it does not have (the client was rebuilt under a running
   * server, e.g. `npm run build` during development), at most once per `minRelistMs` so misses cannot make it
   * busy.
   */
  refreshAfterMiss(): void {
    if (performance.now() - this.listedAt >= this.minRelistMs) this.refresh();
  }

  refresh(): void {
    this.listedAt = performance.now();
    const files = new Map<string, Entry>();
    const walk = (dir: string): void => {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of names) {
        if (name.startsWith('.')) continue;
        const full = join(dir, name);
        const st = statSync(full, { throwIfNoEntry: false });
        if (!st) continue;
        if (st.isDirectory()) walk(full);
        else if (st.isFile() && !name.endsWith('.br') && !name.endsWith('.gz')) files.set(`/${relative(this.dir, full).split(sep).join('/')}`, { encodings: new Set() });
      }
    };
    walk(this.dir);
    for (const [path, entry] of files) {
      const full = this.fullPath(path);
      if (statSync(`${full}.br`, { throwIfNoEntry: false })?.isFile()) entry.encodings.add('br');
      if (statSync(`${full}.gz`, { throwIfNoEntry: false })?.isFile()) entry.encodings.add('gzip');
    }
    this.files = files;
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** Sends `path` (a key of this listing) in the best encoding the request accepts. */
  send(req: Request, res: Response, path: string, onError: (err: unknown) => void): void {
    const entry = this.files.get(path);
    if (!entry) throw new Error(`not a client file: ${path}`);
    const offered = (['br', 'gzip'] as const).filter((e) => entry.encodings.has(e));
    // Brotli whenever accepted (it is smaller), whatever order the client listed its encodings in.
    const encoding = offered.find((e) => req.acceptsEncodings(e) === e) ?? null;
    res.type(extname(path) || 'application/octet-stream');
    res.setHeader('Cache-Control', path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    if (offered.length > 0) res.vary('Accept-Encoding');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    const file = this.fullPath(path) + (encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : '');
    // Byte ranges of an encoded body confuse more clients than they help; the client's files are small.
    res.sendFile(file, { cacheControl: false, acceptRanges: encoding === null, dotfiles: 'deny' }, (err) => {
      if (err) onError(err);
    });
  }

  private fullPath(path: string): string {
    return join(this.dir, ...path.slice(1).split('/'));
  }
}

/** The URL path of a request as a listing key, or null for anything odd (encoded slashes, dot segments, NUL). */
export function clientPath(req: Request): string | null {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\') || path.split('/').some((s) => s === '..' || s.startsWith('.'))) return null;
  return path;
}
