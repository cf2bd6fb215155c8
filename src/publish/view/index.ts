import type { ListedEvent, StoredGroup } from '../../types.ts';
import type { SiteConfig } from '../../config/schema.ts';
import type { SourceHealth } from '../../store/health.ts';
import { indexBy } from '../../maps.ts';
import { absoluteUrl, pathPrefixOf } from '../site-paths.ts';
import { viewContext } from './context.ts';
import { instantLabel, zoneGenericName } from './date-labels.ts';
import { documentTitle } from './document-title.ts';
import { listingGroups } from '../../plan/index.ts';
import { eventView, type EventView } from './event.ts';
import { newlyAnnounced, pastEvents, soonestFirst } from './event-order.ts';
import { groupView, type GroupView } from './group.ts';
import { homeView, type HomeView } from './home.ts';
import { feedLinks, type FeedLinks } from './links.ts';
import type { ListPage } from './list-pages.ts';
import { eventListPages, groupListPages, tagListPages } from './lists.ts';
import { WEEKDAYS, buildMonths, monthPath, type DayLink, type MonthView } from './month-grid.ts';
import { planView, type AlsoThatEvening, type PlanPage } from './plan.ts';
import type { RepositoryLinks } from './repository.ts';
import { sourceHealthView, type SourceHealthView } from './source-health.ts';
import { tagView, type TagView } from './tag.ts';
import { weekDigests, type WeekDigests } from './week.ts';

// What the templates read: the snapshot plus everything worth computing once in code rather
// than in Nunjucks (local dates and times, labels, links, who is upcoming, how lists split
// into pages). Paths are root-relative (`/events/x/`): Eleventy's HtmlBase plugin adds the
// site's path prefix to them. URLs are absolute, for feeds, canonical links and calendar apps.
//
// Each page's part is built in a module of its own (event.ts, group.ts, tag.ts, home.ts,
// lists.ts, month-grid.ts, plan.ts, source-health.ts, week.ts); this one puts them together.

/** The one global the templates read, as `view`. */
export interface SiteView {
  /** `zoneLabel`: "Pacific Time (America/Los_Angeles)". */
  site: SiteConfig & { pathPrefix: string; origin: string; zoneLabel: string };
  /** A page's <title> for its own title (the layout calls it for every page). */
  documentTitle: (title: string | null | undefined) => string;
  /** The repository the site is built from, when sources.yaml names one. */
  repository: RepositoryLinks | null;
  /** Where "Add your group" leads: the repository's issue form, else the about page's how-to. */
  addGroupUrl: string;
  /** The picture social cards show for a page with none of its own. */
  socialImage: { url: string; width: number; height: number; alt: string };
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
  /**
   * Upcoming (all, online, in person; as rows and as cards) and past events, page by page, and
   * the whole lists of the groups and tags whose own pages show only the start of them.
   */
  lists: ListPage<EventView>[];
  months: MonthView<EventView>[];
  currentMonthPath: string;
  /** Column headings of the month grid, Sunday first. */
  weekdays: { short: string; long: string }[];
  tags: TagView[];
  /** The plan of the next nights: every group's, then each tag's. */
  plans: PlanPage[];
  /** What else is on at an event's hours for its audience (its clashes), for its page. */
  alsoThatEvening: (eventId: string) => AlsoThatEvening[];
  /** Every source's health, for the sources page. */
  sources: SourceHealthView[];
  /** The feed of every event. */
  feed: FeedLinks;
  /** This week's digest and the next's, their files and their feed. */
  weekDigests: WeekDigests;
}

/** The snapshot with duplicates across sources already merged: what the view is built from. */
export interface ListedSnapshot {
  events: ListedEvent[];
  groups: StoredGroup[];
  sources: SourceHealth[];
}

const FEED_ENTRIES = 50;

/** site/assets/social.png: drawn by tests/browser/social-image.ts. */
const SOCIAL_IMAGE = { path: '/assets/social.png', width: 1200, height: 630 };

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

  const eventLists = eventListPages(upcoming, past, snapshot.groups.length, today);
  const dayLink = dayLinks(eventLists, today);
  const tagRefs = [...context.tags.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  const plan = planView(snapshot.events, events, tagRefs, context, dayLink);

  // Each group's events and sources, in order: one pass over each, not one per group.
  const listedBy = indexBy(events, listingGroups);
  const sourcesBy = indexBy(sources, (source) => [source.groupId]);
  const groups = snapshot.groups.map((group) =>
    groupView(group, listedBy.get(group.id) ?? [], sourcesBy.get(group.id) ?? [], plan.slots.get(group.id) ?? [], context),
  );
  const tags = tagRefs.map((tag) => tagView(tag, upcoming, past, groups, context));
  const lists = [...eventLists, ...groups.flatMap((group) => groupListPages(group, today)), ...tags.flatMap((tag) => tagListPages(tag, today))];

  return {
    site,
    repository: context.repository,
    addGroupUrl: context.repository?.addGroup ?? '/about/#add-a-group',
    socialImage: {
      url: absoluteUrl(siteUrl, SOCIAL_IMAGE.path),
      width: SOCIAL_IMAGE.width,
      height: SOCIAL_IMAGE.height,
      alt: `${site.title}: tech events in one calendar`,
    },
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
    lists,
    months: buildMonths([...upcoming, ...past], today, dayLink),
    currentMonthPath: monthPath(today.slice(0, 7)),
    weekdays: WEEKDAYS,
    tags,
    plans: plan.pages,
    alsoThatEvening: (eventId) => plan.alsoThatEvening.get(eventId) ?? [],
    sources,
    feed: feedLinks(siteUrl, '/calendar.ics'),
    weekDigests: weekDigests(events, context, site.title),
  };
}

/** Where the list of every upcoming event (as rows), or of every past one, shows a given day. */
function dayLinks(lists: ListPage<EventView>[], today: string): DayLink {
  const links = new Map<string, string>();
  for (const page of lists) {
    if (!((page.list === 'upcoming' && page.layout === 'rows') || page.list === 'past')) continue;
    for (const section of page.sections) {
      for (const event of section.events) if (!links.has(event.when.day)) links.set(event.when.day, `${page.path}#${section.id}`);
    }
  }
  return (day) => links.get(day) ?? (day < today ? '/past/' : '/upcoming/');
}
