/**
 * The docs the code cites exist: every `docs/<file>.md` (with its `#anchor`) named in a source file, the README
 * or a doc, every relative link between the Markdown files, and every source path a doc names in backticks.
 * A citation that points nowhere fails the test with the file, the line and the citation, so a renamed heading
 * or a moved file is caught where it was cited.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = relative(ROOT, fileURLToPath(import.meta.url)).split(sep).join('/');
/** Build output, dependencies and run-time data: nothing there is written by hand. */
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'test-output', 'data', 'coverage']);
const SOURCE_FILE = /\.(?:ts|mts|cts|js|mjs|cjs|sh|css|html|ya?ml|cfg)$/;
const MARKDOWN_FILE = /\.md$/;
/** A file name ending in .md, with an optional #anchor, as it appears in a comment or in prose. */
const MD_MENTION = /(?<![\w./:-])([\w./-]*[\w-]\.md)(#[\w-]+)?(?![\w-])/g;
/** Markdown inline links `[text](target)` and reference definitions `[id]: target`. */
const MD_LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|^\s*\[[^\]]+\]:\s*(\S+)/gm;
/** A repository path named in backticks in a doc: it must exist (a file or a folder). */
const CODE_PATH = /`((?:shared|server|client|test|bench|scripts|deploy|docs)\/[\w./-]*[\w/])`/g;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') && entry.name !== '.ci') continue;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(join(dir, entry.name), out);
    } else {
      out.push(relative(ROOT, join(dir, entry.name)).split(sep).join('/'));
    }
  }
  return out;
}

/** GitHub's heading anchor: lower case, punctuation dropped, each space a hyphen. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const anchorCache = new Map<string, Set<string>>();

/** The anchors a Markdown file defines: its headings (outside code fences, duplicates numbered) and `<a id>`s. */
export function anchorsOf(file: string): Set<string> {
  const hit = anchorCache.get(file);
  if (hit) return hit;
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | null = null;
  for (const line of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1] ?? null;
      else if ((f[1] ?? '').startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const base = slug(h[1] ?? '');
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const a of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(a[1] ?? '');
  }
  anchorCache.set(file, anchors);
  return anchors;
}

/** Null when `target` (a path from the repository root, and an optional anchor) exists; else why not. */
export function targetProblem(path: string, anchor: string | undefined): string | null {
  const abs = resolve(ROOT, path);
  const inRepo = relative(ROOT, abs);
  if (inRepo.startsWith('..') || resolve(inRepo) === inRepo) return 'points outside the repository';
  if (!existsSync(abs)) return 'no such file';
  if (anchor === undefined || !MARKDOWN_FILE.test(path)) return null;
  const name = anchor.slice(1);
  return anchorsOf(inRepo.split(sep).join('/')).has(decodeURIComponent(name)) ? null : `no heading #${name} in ${inRepo}`;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/**
 * Problems with the `.md` files a source file names. Sources cite from the repository root (`docs/x.md#y`), as
 * their readers find the file from the checkout, not from the source's folder.
 */
export function sourceCitationProblems(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(MD_MENTION)) {
    const [cited, path = '', anchor] = m;
    const why = targetProblem(path, anchor);
    if (why) out.push(`${file}:${lineOf(text, m.index)}: ${cited} — ${why}${path.includes('/') ? '' : ' (cite it as docs/<file>.md)'}`);
  }
  return out;
}

/**
 * Problems with a Markdown file's links (relative to the file, `#anchor` alone meaning the file itself) and
 * with the `.md` files its prose names (from the file's folder or from the repository root).
 */
export function markdownProblems(file: string, text: string): string[] {
  const out: string[] = [];
  const here = dirname(file);
  const linked = new Set<number>();
  for (const m of text.matchAll(MD_LINK)) {
    const target = m[1] ?? m[2] ?? '';
    linked.add(m.index + m[0].indexOf(target));
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(target)) continue;
    const hash = target.indexOf('#');
    const path = hash < 0 ? target : target.slice(0, hash);
    const anchor = hash < 0 ? undefined : target.slice(hash);
    const why = targetProblem(path === '' ? file : join(here, decodeURIComponent(path)), anchor);
    if (why) out.push(`${file}:${lineOf(text, m.index)}: link ${target} — ${why}`);
  }
  for (const m of text.matchAll(MD_MENTION)) {
    if (linked.has(m.index)) continue;
    const [cited, path = '', anchor] = m;
    const fromHere = targetProblem(join(here, path), anchor);
    const fromRoot = targetProblem(path, anchor);
    if (fromHere && fromRoot) out.push(`${file}:${lineOf(text, m.index)}: ${cited} — ${fromRoot}`);
  }
  return out;
}

/** Source paths a doc names in backticks that do not exist (a file moved or renamed since the doc was written). */
export function codePathProblems(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CODE_PATH)) {
    const path = m[1] ?? '';
    if (!existsSync(join(ROOT, path))) out.push(`${file}:${lineOf(text, m.index)}: \`${path}\` — no such file or folder`);
  }
  return out;
}

const files = walk(ROOT);
const texts = new Map<string, string>();
const read = (f: string): string => {
  let text = texts.get(f);
  if (text === undefined) {
    text = readFileSync(join(ROOT, f), 'utf8');
    texts.set(f, text);
  }
  return text;
};

describe('docs', () => {
  it('has the docs the code cites', () => {
    for (const name of ['question-format', 'answer-checking', 'game-design', 'architecture', 'notation']) {
      expect(existsSync(join(ROOT, 'docs', `${name}.md`)), `docs/${name}.md`).toBe(true);
    }
  });

  it('every docs/<file>.md#anchor cited in a source file exists', () => {
    const sources = files.filter((f) => SOURCE_FILE.test(f) && f !== SELF);
    const cited = sources.filter((f) => /[\w-]\.md\b/.test(read(f)));
    // The test must look somewhere: the sources cite the docs a couple of dozen times.
    expect(cited.length).toBeGreaterThan(10);
    expect(sources.flatMap((f) => sourceCitationProblems(f, read(f)))).toEqual([]);
  });

  it('every link and .md citation in the README and the docs resolves', () => {
    const markdown = files.filter((f) => MARKDOWN_FILE.test(f));
    expect(markdown).toContain('README.md');
    expect(markdown.filter((f) => f.startsWith('docs/')).length).toBeGreaterThanOrEqual(5);
    expect(markdown.flatMap((f) => markdownProblems(f, read(f)))).toEqual([]);
  });

  it('every source path a doc names exists', () => {
    const docs = files.filter((f) => f.startsWith('docs/') && MARKDOWN_FILE.test(f));
    expect(docs.flatMap((f) => codePathProblems(f, read(f)))).toEqual([]);
  });

  it('names the citation whose file or anchor is missing', () => {
    const text = [
      '// see docs/question-format.md#verdicts and docs/notation.md',
      '// see docs/no-such-doc.md and docs/question-format.md#no-such-heading',
      '// see question-format.md and ../shared/docs/question-format.md',
    ].join('\n');
    expect(sourceCitationProblems('x.ts', text)).toEqual([
      'x.ts:2: docs/no-such-doc.md — no such file',
      'x.ts:2: docs/question-format.md#no-such-heading — no heading #no-such-heading in docs/question-format.md',
      'x.ts:3: question-format.md — no such file (cite it as docs/<file>.md)',
      'x.ts:3: ../shared/docs/question-format.md — points outside the repository',
    ]);
    const md = ['[ok](notation.md) [ok](#rule-5-numbers) [bad](notation.md#nope)', '[bad](../README.md#nope) [bad](#nope)'].join('\n');
    expect(markdownProblems('docs/answer-checking.md', md)).toEqual([
      'docs/answer-checking.md:1: link notation.md#nope — no heading #nope in docs/notation.md',
      'docs/answer-checking.md:2: link ../README.md#nope — no heading #nope in README.md',
      'docs/answer-checking.md:2: link #nope — no heading #nope in docs/answer-checking.md',
    ]);
    expect(codePathProblems('docs/x.md', 'see `shared/check/index.ts` and `shared/check/gone.ts`')).toEqual([
      'docs/x.md:1: `shared/check/gone.ts` — no such file or folder',
    ]);
  });

  it('makes GitHub heading anchors', () => {
    expect(slug('Rule 2: sampling on the right domain')).toBe('rule-2-sampling-on-the-right-domain');
    expect(slug('The `arena` command')).toBe('the-arena-command');
    expect(slug('### `arena questions`'.replace(/^#+\s*/, ''))).toBe('arena-questions');
    expect(slug('One answer, end to end')).toBe('one-answer-end-to-end');
  });
});
