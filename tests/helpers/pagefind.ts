import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The URL and text of every page in a written Pagefind index (its fragments: gzipped JSON after a signature). */
export function indexedPages(siteDir: string): { url: string; content: string }[] {
  const fragments = join(siteDir, 'pagefind', 'fragment');
  return readdirSync(fragments)
    .map((file) => JSON.parse(gunzipSync(readFileSync(join(fragments, file))).toString('utf8').replace(/^pagefind_dcd/, '')))
    .map(({ url, content }) => ({ url, content }))
    .sort((a, b) => a.url.localeCompare(b.url));
}
