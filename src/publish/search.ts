import { join } from 'node:path';

// Full-text search, as progressive enhancement: Pagefind indexes the rendered pages (the parts
// marked data-pagefind-body: events and groups) into `pagefind/` beside them, and the search
// page loads it in the browser. Every page works without it, so a build whose indexing fails
// still publishes the site, with a warning, and the search page says search is unavailable.
//
// Pagefind runs in a process of its own. A large site is rendered in several runs of Eleventy,
// and each run's pages are handed to Pagefind as soon as they are written, so Pagefind reads
// them on the other core while the next run renders; only writing the index waits for the end.

type Pagefind = typeof import('pagefind');
type PagefindIndex = NonNullable<Awaited<ReturnType<Pagefind['createIndex']>>['index']>;

export interface SearchIndexOptions {
  warn?: (message: string) => void;
  /** How Pagefind is loaded; tests stand in a failing one. */
  load?: () => Promise<Pick<Pagefind, 'createIndex' | 'close'>>;
}

export interface SearchIndex {
  /**
   * Index the pages in `dir`, a folder laid out as the site is (a page's URL is its path in it).
   * Returns at once; Pagefind reads the pages in the background.
   */
  addFolder(dir: string): void;
  /** Wait for every folder, write the index into `siteDir/pagefind`; false (with a warning) if anything failed. */
  write(siteDir: string): Promise<boolean>;
  /** Shut Pagefind down without writing anything (the build failed). */
  discard(): Promise<void>;
}

export function startSearchIndex(options: SearchIndexOptions = {}): SearchIndex {
  const warn = options.warn ?? ((text: string) => process.stderr.write(`warning: ${text}\n`));
  const problems: string[] = [];
  const failed = (error: unknown, context = '') => {
    problems.push(`${context}${error instanceof Error ? error.message : String(error)}`);
    return null;
  };

  const loaded = (options.load ?? (() => import('pagefind')))().catch((error) => failed(error, 'cannot load pagefind: '));
  const ready: Promise<PagefindIndex | null> = loaded
    .then(async (pagefind) => {
      if (!pagefind) return null;
      const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
      if (!index) throw new Error(errors.join('; ') || 'pagefind gave no index');
      return index as PagefindIndex;
    })
    .catch((error) => failed(error));
  const additions: Promise<unknown>[] = [];
  const close = async () => {
    await (await loaded)?.close().catch(() => undefined);
  };

  return {
    addFolder(dir) {
      additions.push(
        ready
          .then(async (index) => {
            if (!index) return;
            const added = await index.addDirectory({ path: dir });
            if (added.errors.length) throw new Error(added.errors.join('; '));
          })
          .catch((error) => failed(error)),
      );
    },

    async write(siteDir) {
      await Promise.all(additions);
      const index = await ready;
      try {
        if (index && !problems.length) {
          const written = await index.writeFiles({ outputPath: join(siteDir, 'pagefind') });
          if (written.errors.length) problems.push(written.errors.join('; '));
        }
      } catch (error) {
        failed(error);
      } finally {
        await close();
      }
      if (!problems.length) return true;
      warn(`search index not built; the site works without it: ${problems.join('; ')}`);
      return false;
    },

    async discard() {
      await Promise.all(additions);
      await close();
    },
  };
}
