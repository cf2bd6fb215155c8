import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedText, filesUnder } from '../../site/_config/cache.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spokane-tech-cache-'));
  mkdirSync(join(dir, 'templates', 'pages'), { recursive: true });
  writeFileSync(join(dir, 'templates', 'a.njk'), '<p class="lead">');
  writeFileSync(join(dir, 'templates', 'pages', 'b.njk'), '<p class="small">');
  writeFileSync(join(dir, 'templates', 'notes.txt'), 'not a template');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function counted(text: () => string) {
  const made = { times: 0 };
  return { made, make: async () => (made.times++, text()) };
}

describe('build steps kept between builds', () => {
  it('makes the text once and reads it back while the files it came from are unchanged', async () => {
    const { made, make } = counted(() => '.lead{}');
    const step = { cacheDir: join(dir, 'cache'), name: 'trimmed.css', inputs: filesUnder(join(dir, 'templates'), ['.njk']), make };
    expect(await cachedText(step)).toBe('.lead{}');
    expect(await cachedText(step)).toBe('.lead{}');
    expect(made.times).toBe(1);
  });

  it('makes it again when one of those files changes, and keeps only the newest', async () => {
    let css = '.lead{}';
    const { made, make } = counted(() => css);
    const step = () => ({ cacheDir: join(dir, 'cache'), name: 'trimmed.css', inputs: filesUnder(join(dir, 'templates'), ['.njk']), make });
    await cachedText(step());
    writeFileSync(join(dir, 'templates', 'pages', 'b.njk'), '<p class="small text-muted">');
    css = '.lead{}.text-muted{}';
    expect(await cachedText(step())).toBe('.lead{}.text-muted{}');
    expect(made.times).toBe(2);
    expect(readdirSync(join(dir, 'cache'))).toHaveLength(1);
  });

  it('still gives the text, made every time, when the cache cannot be written', async () => {
    writeFileSync(join(dir, 'file'), '');
    const { made, make } = counted(() => '.lead{}');
    const step = { cacheDir: join(dir, 'file', 'cache'), name: 'trimmed.css', inputs: [join(dir, 'templates', 'a.njk')], make };
    expect(await cachedText(step)).toBe('.lead{}');
    expect(await cachedText(step)).toBe('.lead{}');
    expect(made.times).toBe(2);
  });

  it('lists the files a step reads in the same order every time, only those of the kinds asked for', () => {
    expect(filesUnder(join(dir, 'templates'), ['.njk'])).toEqual([join(dir, 'templates', 'a.njk'), join(dir, 'templates', 'pages', 'b.njk')]);
  });
});
