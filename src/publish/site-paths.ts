// Where things are on the site. Paths are root-relative (`/events/x/`): Eleventy's HtmlBase
// plugin adds the site's path prefix to them in the pages. URLs are absolute, for feeds,
// canonical links and calendar apps, and are made here and nowhere else.

/** `path` (root-relative) on the site published at `siteUrl`, which may have a path of its own. */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path.replace(/^\/+/, ''), `${siteUrl.replace(/\/+$/, '')}/`).href;
}

/** The path part of the site URL, for a site served below a domain root (a Pages project site). */
export function pathPrefixOf(siteUrl: string): string {
  const path = new URL(siteUrl).pathname.replace(/\/+$/, '');
  return `${path}/`;
}

export function eventPath(slug: string): string {
  return `/events/${encodeURIComponent(slug)}/`;
}

export function groupPath(groupId: string): string {
  return `/groups/${groupId}/`;
}
