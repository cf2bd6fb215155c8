import type { ViewContext } from './context.ts';
import type { EventView } from './event.ts';
import type { GroupView } from './group.ts';
import { feedLinks, type FeedLinks } from './links.ts';
import { tagMeta, type PageMeta } from './page-meta.ts';
import type { TagRef } from './tag-refs.ts';

// A tag's page: the groups that carry it, their upcoming and recent past events, and its feed.

export interface TagView extends TagRef {
  feed: FeedLinks;
  groups: { id: string; name: string; path: string }[];
  upcoming: EventView[];
  /** The most recent past events, newest first. */
  past: EventView[];
  pastCount: number;
  meta: PageMeta;
}

const PAST_SHOWN = 30;

/** `upcoming` soonest first, `past` newest first, as the site lists them. */
export function tagView(tag: TagRef, upcoming: EventView[], past: EventView[], groups: GroupView[], context: ViewContext): TagView {
  const tagged = (e: { tags: TagRef[] }) => e.tags.some((t) => t.slug === tag.slug);
  const pastTagged = past.filter(tagged);
  return {
    ...tag,
    feed: feedLinks(context.siteUrl, `${tag.path}calendar.ics`),
    groups: groups.filter((g) => g.tagRefs.some((t) => t.slug === tag.slug)).map((g) => ({ id: g.id, name: g.name, path: g.path })),
    upcoming: upcoming.filter(tagged),
    past: pastTagged.slice(0, PAST_SHOWN),
    pastCount: pastTagged.length,
    meta: tagMeta(tag),
  };
}
