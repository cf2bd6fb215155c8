import type { StoredGroup } from '../../types.ts';
import type { SiteConfig } from '../../config/schema.ts';
import { localDay } from '../../time.ts';
import { tagRefs, type TagRef } from './tag-refs.ts';

/** What every part of the view is built against: the site, the moment of the build, the groups and their tags. */
export interface ViewContext {
  /** The site's time zone: every date and time the pages show is in it. */
  zone: string;
  /** The site's URL without a trailing slash. */
  siteUrl: string;
  now: Date;
  /** The local day of `now`, `YYYY-MM-DD`. */
  today: string;
  groups: Map<string, StoredGroup>;
  /** Every group's tags, by slug, named as first written. */
  tags: Map<string, TagRef>;
}

export function viewContext(groups: StoredGroup[], site: SiteConfig, now: Date): ViewContext {
  return {
    zone: site.timezone,
    siteUrl: site.url.replace(/\/+$/, ''),
    now,
    today: localDay(now.toISOString(), site.timezone),
    groups: new Map(groups.map((g) => [g.id, g])),
    tags: new Map(tagRefs(groups.flatMap((g) => g.tags)).map((t) => [t.slug, t])),
  };
}

/** A group's name; its id when sources.yaml no longer has it (an event or a source kept from before). */
export function groupName(context: ViewContext, groupId: string): string {
  return context.groups.get(groupId)?.name ?? groupId;
}
