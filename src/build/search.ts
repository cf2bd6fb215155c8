import { join } from 'node:path';

// Full-text search, as progressive enhancement: Pagefind indexes the rendered pages (the parts
// marked data-pagefind-body: events and groups) into `pagefind/` beside them, and the search
// page loads it in the browser. Every page works without it, so a build whose indexing fails
// still publishes the site, with a warning, and the search page says search is unavailable.

type Pagefind = typeof import('pagefind');

export interface SearchIndexOptions {
  warn?: (message: string) => void;
  /** How Pagefind is loaded; tests stand in a failing one. */
  load?: () => Promise<Pick<Pagefind, 'createIndex' | 'close'>>;
}

export async function buildSearchIndex(siteDir: string, options: SearchIndexOptions = {}): Promise<boolean> {
  const warn = options.warn ?? ((text: string) => process.stderr.write(`warning: ${text}\n`));
  let pagefind: Pick<Pagefind, 'createIndex' | 'close'>;
  try {
    pagefind = await (options.load ?? (() => import('pagefind')))();
  } catch (error) {
    warn(`search index not built; the site works without it: cannot load pagefind (${message(error)})`);
    return false;
  }
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(errors.join('; ') || 'pagefind gave no index');
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(added.errors.join('; '));
    const written = await index.writeFiles({ outputPath: join(siteDir, 'pagefind') });
    if (written.errors.length) throw new Error(written.errors.join('; '));
    return true;
  } catch (error) {
    warn(`search index not built; the site works without it: ${message(error)}`);
    return false;
  } finally {
    await pagefind.close().catch(() => undefined);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
