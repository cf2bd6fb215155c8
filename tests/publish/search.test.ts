import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSearchIndex } from '../../src/publish/search.ts';
import { indexedPages } from '../helpers/pagefind.ts';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function folderWith(pages: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'spokane-tech-search-'));
  folders.push(dir);
  for (const [path, heading] of Object.entries(pages)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), `<html lang="en"><body><nav>Menu</nav><main data-pagefind-body><h1>${heading}</h1></main></body></html>`);
  }
  return dir;
}

describe('the search index', () => {
  it('indexes the pages marked for search into pagefind/', async () => {
    const dir = folderWith({ 'index.html': 'Zebrafish night' });
    const warnings: string[] = [];
    const index = startSearchIndex({ warn: (m) => warnings.push(m) });
    index.addFolder(dir);
    expect(await index.write(dir)).toBe(true);
    expect(existsSync(join(dir, 'pagefind', 'pagefind.js'))).toBe(true);
    expect(indexedPages(dir)).toEqual([{ url: '/', content: 'Zebrafish night.' }]);
    expect(warnings).toEqual([]);
  });

  it('gathers the pages of several folders into one index, each page at its URL in its folder', async () => {
    const site = folderWith({ 'index.html': 'Zebrafish night', 'events/a/index.html': 'Axolotl talk' });
    const laterRun = folderWith({ 'events/b/index.html': 'Quokka workshop' });
    const index = startSearchIndex({ warn: (m) => expect.fail(m) });
    index.addFolder(site);
    index.addFolder(laterRun);
    expect(await index.write(site)).toBe(true);
    expect(indexedPages(site)).toEqual([
      { url: '/', content: 'Zebrafish night.' },
      { url: '/events/a/', content: 'Axolotl talk.' },
      { url: '/events/b/', content: 'Quokka workshop.' },
    ]);
    expect(existsSync(join(laterRun, 'pagefind'))).toBe(false);
  });

  it('warns and carries on when Pagefind cannot be loaded', async () => {
    const warnings: string[] = [];
    const index = startSearchIndex({
      warn: (m) => warnings.push(m),
      load: () => Promise.reject(new Error('no binary for this platform')),
    });
    index.addFolder('/nowhere');
    expect(await index.write('/nowhere')).toBe(false);
    expect(warnings).toEqual([expect.stringMatching(/search index not built.*no binary for this platform/)]);
  });

  it('warns and carries on when indexing fails, and still shuts Pagefind down', async () => {
    const warnings: string[] = [];
    let closed = false;
    const index = startSearchIndex({
      warn: (m) => warnings.push(m),
      load: async () => ({
        createIndex: async () => ({ errors: ['cannot start the indexer'] }),
        close: async () => {
          closed = true;
          return null;
        },
      }),
    });
    index.addFolder('/nowhere');
    expect(await index.write('/nowhere')).toBe(false);
    expect(warnings[0]).toContain('cannot start the indexer');
    expect(closed).toBe(true);
  });

  it('writes nothing and shuts Pagefind down when the build is abandoned', async () => {
    const dir = folderWith({ 'index.html': 'Zebrafish night' });
    let closed = false;
    const index = startSearchIndex({
      load: async () => {
        const pagefind = await import('pagefind');
        return { createIndex: pagefind.createIndex, close: () => ((closed = true), pagefind.close()) };
      },
    });
    index.addFolder(dir);
    await index.discard();
    expect(closed).toBe(true);
    expect(existsSync(join(dir, 'pagefind'))).toBe(false);
  });
});
