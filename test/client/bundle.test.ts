/**
 * The built client carries no mathjs (issue 23): the game's own expression language does everything a browser
 * needs, and mathjs stays on the server (server/math/). Every chunk of the run's client build is read, not just the
 * ones a screen happens to load, in the production build the other browser tests play (dist/client).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST_CLIENT, productionBuild } from './browser';

/** Strings every mathjs build contains, minified or not (its typed-function dispatcher, its parser, derivative). */
const MATHJS_MARKS = ['Unexpected type of argument in function', 'typed-function', 'Undefined symbol', 'createDerivative'];

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => /\.(m?js|html)$/.test(f));
}

describe('the client bundle', () => {
  beforeAll(() => productionBuild(), 300_000);

  it('has no chunk containing mathjs, and the marks would find mathjs if one did', () => {
    const mathjs = readFileSync(createRequire(import.meta.url).resolve('mathjs/lib/browser/math.js'), 'utf8');
    for (const mark of MATHJS_MARKS) expect(mathjs, `mathjs itself contains "${mark}"`).toContain(mark);
    const chunks = files(DIST_CLIENT);
    expect(chunks.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(5);
    const found = chunks.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return MATHJS_MARKS.filter((m) => text.includes(m)).map((m) => `${f.slice(DIST_CLIENT.length + 1)}: "${m}"`);
    });
    expect(found).toEqual([]);
  });
});
