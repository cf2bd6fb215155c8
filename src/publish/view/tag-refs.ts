import { isWindowsReservedName } from '../../fsutil.ts';
import { foldAccentsAndCase } from '../text-folding.ts';

// Tags come from sources.yaml as free text ("Python", "c#", ".NET"). Each gets a URL segment;
// tags that differ only in case or punctuation are one tag.

export interface TagRef {
  /** As first written in sources.yaml. */
  name: string;
  slug: string;
  /** Root-relative path of the tag's page. */
  path: string;
}

export function tagSlug(tag: string): string {
  const slug = foldAccentsAndCase(tag)
    .replace(/#/g, '-sharp')
    .replace(/\+/g, '-plus')
    .replace(/^\./, 'dot')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Windows gives no file or folder these names: a tag "CON" gets a folder it can create.
  if (isWindowsReservedName(slug)) return `${slug}-tag`;
  if (slug) return slug;
  // A tag of only symbols or another script: a stable name from its code points.
  return `tag-${[...tag].map((c) => c.codePointAt(0)!.toString(36)).join('')}`.slice(0, 60);
}

/** One ref per distinct slug, in the order first met. */
export function tagRefs(tags: Iterable<string>, known?: Map<string, TagRef>): TagRef[] {
  const refs = new Map<string, TagRef>();
  for (const tag of tags) {
    const name = tag.trim();
    if (!name) continue;
    const slug = tagSlug(name);
    if (!refs.has(slug)) refs.set(slug, known?.get(slug) ?? { name, slug, path: `/tags/${slug}/` });
  }
  return [...refs.values()];
}
