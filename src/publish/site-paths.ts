import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { isWindowsReservedName } from '../fsutil.ts';

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

/** The file in the output folder `dir` that is served at the root-relative `path`. */
export function siteFile(dir: string, path: string): string {
  return join(dir, ...path.split('/').filter(Boolean));
}

export function eventPath(slug: string): string {
  return `/events/${encodeURIComponent(slug)}/`;
}

/** The page of a stored event, whose slug may not be safe yet (see safeSlug). */
export function eventPagePath(event: { slug: string; id: string }): string {
  return eventPath(safeSlug(event.slug, event.id));
}

/** An event's own calendar file, for "add to calendar": beside its page. */
export function eventIcsPath(slug: string): string {
  return `${eventPath(slug)}event.ics`;
}

export function groupPath(groupId: string): string {
  return `/groups/${groupId}/`;
}

/** The weekly digest's page, by ISO week: `/week/2026-W50/`. */
export function weekPath(week: string): string {
  return `/week/${week}/`;
}

/**
 * The slug as a folder name that cannot leave events/. The store only makes such slugs, but a
 * store restored from a hand-edited export (data/events.json is committed, so a pull request can
 * change it) could hold `../../anything`, and the page and its .ics would be written there.
 */
export function safeSlug(slug: string, id: string): string {
  if (/^[a-z0-9][a-z0-9-]{0,199}$/.test(slug) && !isWindowsReservedName(slug)) return slug;
  const words = slug.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${words || 'event'}-${createHash('sha256').update(`${id}\u0000${slug}`).digest('hex').slice(0, 8)}`;
}
