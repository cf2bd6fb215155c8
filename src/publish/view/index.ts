import type { ListedEvent, StoredGroup } from '../../types.ts';
import type { SiteConfig } from '../../config/schema.ts';
import type { SourceHealth } from '../../store/health.ts';
import { indexBy } from '../../maps.ts';
import { absoluteUrl, pathPrefixOf } from '../site-paths.ts';
import { viewContext } from './context.ts';
import { instantLabel, zoneGenericName } from './date-labels.ts';
import { documentTitle } from './document-title.ts';
import { eventView, listingGroups, type EventView } from './event.ts';
import { newlyAnnounced, pastEvents, soonestFirst } from './event-order.ts';
import { groupView, type GroupView } from './group.ts';
import { homeView, type HomeView } from './home.ts';
import { feedLinks, type FeedLinks } from './links.ts';
import type { ListPage } from './list-pages.ts';
import { eventListPages } from './lists.ts';
import { WEEKDAYS, buildMonths, monthPath, type MonthView } from './month-grid.ts';
import { sourceHealthView, type SourceHealthView } from './source-health.ts';
import { tagView, type TagView } from './tag.ts';

// What the templates read: the snapshot plus everything worth computing once in code rather
// than in Nunjucks (local dates and times, labels, links, who is upcoming, how lists split
// into pages). Paths are root-relative (`/events/x/`): Eleventy's HtmlBase plugin adds the
// site's path prefix to them. URLs are absolute, for feeds, canonical links and calendar apps.
//
// Each page's part is built in a module of its own (event.ts, group.ts, tag.ts, home.ts,
// lists.ts, month-grid.ts, source-health.ts); this one puts them together.

/** The one global the templates read, as `view`. */
export interface SiteView {
  /** `zoneLabel`: "Pacific Time (America/Los_Angeles)". */
  site: SiteConfig & { pathPrefix: string; origin: string; zoneLabel: string };
  /** A page's <title> for its own title (the layout calls it for every page). */
  documentTitle: (title: string | null | undefined) => string;
  /** A page's absolute URL, for canonical links and the sitemap. */
  absoluteUrl: (path: string) => string;
  builtAt: string;
  builtAtLabel: string;
  /** The local day the site was built, `YYYY-MM-DD`. */
  today: string;
  /** Every event, soonest first. */
  events: EventView[];
  upcomingCount: number;
  /** Newest first by when we first saw them: the Atom feed's entries. */
  newlyAnnounced: EventView[];
  groups: GroupView[];
  home: HomeView;
  /** Upcoming (all, online, in person) and past events, page by page. */
  lists: ListPage<EventView>[];
  months: MonthView<EventView>[];
  currentMonthPath: string;
  /** Column headings of the month grid, Sunday first. */
  weekdays: { short: string; long: string }[];
  tags: TagView[];
  /** Every source's health, for the sources page. */
  sources: SourceHealthView[];
  /** The feed of every event. */
  feed: FeedLinks;
}

/** The snapshot with duplicates across sources already merged: what the view is built from. */
export interface ListedSnapshot {
  events: ListedEvent[];
  groups: StoredGroup[];
  sources: SourceHealth[];
}

const FEED_ENTRIES = 50;

export function buildView(snapshot: ListedSnapshot, siteConfig: SiteConfig, now: Date): SiteView {
  const context = viewContext(snapshot.groups, siteConfig, now);
  const { zone, siteUrl, today } = context;
  const site = {
    ...siteConfig,
    url: siteUrl,
    pathPrefix: pathPrefixOf(siteUrl),
    origin: new URL(siteUrl).origin,
    zoneLabel: `${zoneGenericName(zone, now)} (${zone.replace(/_/g, ' ')})`,
  };

  const events = soonestFirst(snapshot.events.map((event) => eventView(event, context)));
  const upcoming = events.filter((e) => e.upcoming);
  const past = pastEvents(events);
  const sources = snapshot.sources.map((health) => sourceHealthView(health, zone));

  // Each group's events and sources, in order: one pass over each, not one per group.
  const listedBy = indexBy(events, listingGroups);
  const sourcesBy = indexBy(sources, (source) => [source.groupId]);
  const groups = snapshot.groups.map((group) => groupView(group, listedBy.get(group.id) ?? [], sourcesBy.get(group.id) ?? [], context));

  return {
    site,
    documentTitle: (title) => documentTitle(title, site.title),
    absoluteUrl: (path) => absoluteUrl(siteUrl, path),
    builtAt: now.toISOString(),
    builtAtLabel: instantLabel(now.toISOString(), zone),
    today,
    events,
    upcomingCount: upcoming.length,
    newlyAnnounced: newlyAnnounced(upcoming, FEED_ENTRIES),
    groups,
    home: homeView(upcoming, today),
    lists: eventListPages(upcoming, past, groups.length),
    months: buildMonths([...upcoming, ...past], today),
    currentMonthPath: monthPath(today.slice(0, 7)),
    weekdays: WEEKDAYS,
    tags: [...context.tags.values()]
      .sort((a, b) => a.name.localeCompare(b.name, 'en'))
      .map((tag) => tagView(tag, upcoming, past, groups, context)),
    sources,
    feed: feedLinks(siteUrl, '/calendar.ics'),
  };
}
