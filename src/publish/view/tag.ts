import type { ViewContext } from './context.ts';
import type { EventView } from './event.ts';
import type { GroupView } from './group.ts';
import { feedLinks, type FeedLinks } from './links.ts';
import { bounded, type Bounded } from './list-pages.ts';
import { tagMeta, type PageMeta } from './page-meta.ts';
import type { TagRef } from './tag-refs.ts';

// A tag's page: the groups that carry it, their upcoming and recent past events, and its feed.

export interface TagView extends TagRef {
  feed: FeedLinks;
  groups: { id: string; name: string; path: string }[];
  /** Every upcoming event, soonest first. */
  upcoming: EventView[];
  /** What the tag's page lists: the start of its upcoming events, the rest on pages of their own. */
  shown: { upcoming: Bounded<EventView> };
  /** The most recent past events, newest first. */
  past: EventView[];
  pastCount: number;
  meta: PageMeta;
}

const UPCOMING_SHOWN = 20;
const PAST_SHOWN = 10;

/** `upcoming` soonest first, `past` newest first, as the site lists them. */
export function tagView(tag: TagRef, upcoming: EventView[], past: EventView[], groups: GroupView[], context: ViewContext): TagView {
  const tagged = (e: { tags: TagRef[] }) => e.tags.some((t) => t.slug === tag.slug);
  const pastTagged = past.filter(tagged);
  const upcomingTagged = upcoming.filter(tagged);
  return {
    ...tag,
    feed: feedLinks(context.siteUrl, `${tag.path}calendar.ics`),
    groups: groups.filter((g) => g.tagRefs.some((t) => t.slug === tag.slug)).map((g) => ({ id: g.id, name: g.name, path: g.path })),
    upcoming: upcomingTagged,
    shown: { upcoming: bounded(upcomingTagged, UPCOMING_SHOWN, `${tag.path}upcoming/`) },
    past: pastTagged.slice(0, PAST_SHOWN),
    pastCount: pastTagged.length,
    meta: tagMeta(tag),
  };
}
