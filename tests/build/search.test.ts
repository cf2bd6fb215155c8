import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/build/search.ts';

describe('the search index', () => {
  it('indexes the pages marked for search into pagefind/', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spokane-tech-search-'));
    writeFileSync(join(dir, 'index.html'), '<html lang="en"><body><main data-pagefind-body><h1>Zebrafish night</h1></main></body></html>');
    const warnings: string[] = [];
    expect(await buildSearchIndex(dir, { warn: (m) => warnings.push(m) })).toBe(true);
    expect(existsSync(join(dir, 'pagefind', 'pagefind.js'))).toBe(true);
    expect(warnings).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('warns and carries on when Pagefind cannot be loaded', async () => {
    const warnings: string[] = [];
    const built = await buildSearchIndex('/nowhere', {
      warn: (m) => warnings.push(m),
      load: () => Promise.reject(new Error('no binary for this platform')),
    });
    expect(built).toBe(false);
    expect(warnings[0]).toMatch(/search index not built.*no binary for this platform/);
  });

  it('warns and carries on when indexing fails, and still shuts Pagefind down', async () => {
    const warnings: string[] = [];
    let closed = false;
    const built = await buildSearchIndex('/nowhere', {
      warn: (m) => warnings.push(m),
      load: async () => ({
        createIndex: async () => ({ errors: ['cannot start the indexer'] }),
        close: async () => {
          closed = true;
          return null;
        },
      }),
    });
    expect(built).toBe(false);
    expect(warnings[0]).toContain('cannot start the indexer');
    expect(closed).toBe(true);
  });
});
