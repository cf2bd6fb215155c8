import { truncateText } from '../../text/plain.ts';

/** Search engines show about this many characters of a page's <title>. */
const MAX_TITLE_CHARS = 70;

/**
 * A page's <title>: its own title, shortened so that with " · <site title>" it fits
 * MAX_TITLE_CHARS as written in the page (entities and all, as validators count it).
 */
export function documentTitle(title: string | null | undefined, siteTitle: string): string {
  if (!title) return siteTitle;
  const suffix = ` · ${siteTitle}`;
  const written = (text: string) => [...text.replace(/[&<>"']/g, '&amp;')].length;
  let max = MAX_TITLE_CHARS - [...suffix].length;
  let short = truncateText(title, max);
  while (max > 20 && written(short + suffix) > MAX_TITLE_CHARS) short = truncateText(title, --max);
  return short + suffix;
}
