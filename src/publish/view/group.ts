import { usuallyMeets } from '../../plan/describe.ts';
import type { Slot } from '../../plan/slots.ts';
import type { StoredGroup } from '../../types.ts';
import { safeHttpUrl } from '../../text/sanitize.ts';
import { htmlToPlainText, truncateText } from '../../text/plain.ts';
import { daysBetween, localDay } from '../../time.ts';
import { absoluteUrl, groupPath } from '../site-paths.ts';
import type { ViewContext } from './context.ts';
import { count } from './count.ts';
import { instantLabel, plainDateLabel } from './date-labels.ts';
import type { EventView } from './event.ts';
import { faceOf } from './context.ts';
import type { GroupFace } from './face.ts';
import { bounded, sectionsOf, type Bounded, type ListSection } from './list-pages.ts';
import { yearSection } from './lists.ts';
import { pastEvents } from './event-order.ts';
import { feedLinks, type FeedLinks } from './links.ts';
import { groupMeta, type PageMeta } from './page-meta.ts';
import type { SourceHealthView } from './source-health.ts';
import { tagRefs, type TagRef } from './tag-refs.ts';

// A group's page (and its line on the groups page): its events, its feed, its links, and
// whether it is active, quiet or failing.

export interface GroupView extends StoredGroup {
  face: GroupFace;
  /** Every upcoming event, soonest first. */
  upcoming: EventView[];
  /** Every past event, newest first. */
  past: EventView[];
  /** What the group's own page lists: the start of each list, the rest on pages of their own. */
  shown: GroupShown;
  /**
   * Its description cut to a line or two, to lead its page, when the whole of it is longer (the
   * page then gives the whole further down); null when it is short enough to lead the page itself.
   */
  summary: string | null;
  /** "Usually meets on the second Tuesday of the month, 6 PM (5 of the last 6 months)", when it keeps a regular slot. */
  usually: string | null;
  /** How each of its sources is doing. */
  sourceHealth: SourceHealthView[];
  /** When a source of this group last answered, for "data as of …". */
  dataAsOf: string | null;
  dataAsOfLabel: string | null;
  path: string;
  pageUrl: string;
  feed: FeedLinks;
  tagRefs: TagRef[];
  nextEvent: EventView | null;
  activity: Activity;
  /** Links worth showing besides the homepage: http(s) only, no repeats. */
  otherLinks: { url: string; label: string }[];
  meta: PageMeta;
}

export interface GroupShown {
  /** The upcoming events after the next one (which the page shows first, as a card). */
  upcoming: Bounded<EventView>;
  /** The latest past events, under a heading per year. */
  past: Bounded<EventView> & { sections: ListSection<EventView>[] };
}

/** How many of each list a group's page shows before linking to the rest. */
export const GROUP_UPCOMING_SHOWN = 8;
export const GROUP_PAST_SHOWN = 10;

export type ActivityState = 'active' | 'quiet' | 'failing' | 'new';

/** What a visitor should expect of a group, as a badge (`title`) and a line (`label`). */
export interface Activity {
  state: ActivityState;
  title: string;
  label: string;
}

const QUIET_AFTER_DAYS = 90;
const SUMMARY_MAX = 180;

function summaryOf(descriptionHtml: string | null): string | null {
  const text = htmlToPlainText(descriptionHtml);
  const summary = truncateText(text, SUMMARY_MAX);
  return summary.length < text.replace(/\s+/g, ' ').trim().length ? summary : null;
}

/** `listed`: the events the group lists, soonest first; `sources`: its sources' health; `slots`: its regular slots (src/plan). */
export function groupView(group: StoredGroup, listed: EventView[], sources: SourceHealthView[], slots: Slot[], context: ViewContext): GroupView {
  const upcoming = listed.filter((e) => e.upcoming);
  const past = pastEvents(listed);
  const dataAsOf = sources.map((h) => h.lastSuccess).filter((t): t is string => t !== null).sort().at(-1) ?? null;
  const path = groupPath(group.id);
  const homepage = safeHttpUrl(group.homepage);
  const pastShown = bounded(past, GROUP_PAST_SHOWN, `${path}past/`);
  return {
    ...group,
    face: faceOf(context, group.id),
    shown: {
      upcoming: bounded(upcoming.slice(1), GROUP_UPCOMING_SHOWN, `${path}upcoming/`),
      past: { ...pastShown, sections: sectionsOf(pastShown.events, yearSection) },
    },
    summary: summaryOf(group.descriptionHtml),
    usually: usuallyMeets(slots),
    homepage,
    imageUrl: safeHttpUrl(group.imageUrl),
    upcoming,
    past,
    sourceHealth: sources,
    dataAsOf,
    dataAsOfLabel: dataAsOf ? instantLabel(dataAsOf, context.zone) : null,
    path,
    pageUrl: absoluteUrl(context.siteUrl, path),
    feed: feedLinks(context.siteUrl, `${path}calendar.ics`),
    tagRefs: tagRefs(group.tags, context.tags),
    nextEvent: upcoming[0] ?? null,
    activity: activityOf(upcoming, past, sources, dataAsOf, context),
    otherLinks: otherLinks(group.links, homepage),
    meta: groupMeta(group),
  };
}

function otherLinks(links: string[], homepage: string | null): GroupView['otherLinks'] {
  const seen = new Set([homepage]);
  return links
    .map((link) => safeHttpUrl(link))
    .filter((url): url is string => url !== null && !seen.has(url) && (seen.add(url), true))
    .map((url) => ({ url, label: linkLabel(url) }));
}

function linkLabel(url: string): string {
  const parsed = new URL(url);
  const text = `${parsed.hostname.replace(/^www\./, '')}${parsed.pathname.replace(/\/+$/, '')}`;
  return truncateText(text, 48);
}

/** Active, quiet for months, or its sources failing (since `lastSuccess`). */
function activityOf(upcoming: EventView[], past: EventView[], sources: SourceHealthView[], lastSuccess: string | null, context: ViewContext): Activity {
  const failing = sources.filter((s) => s.lastOutcome === 'failed');
  if (sources.length > 0 && failing.length === sources.length) {
    return {
      state: 'failing',
      title: 'Source failing',
      label: lastSuccess
        ? `Source failing since ${plainDateLabel(localDay(lastSuccess, context.zone))}; events may be out of date`
        : 'Source failing; no events could be read yet',
    };
  }
  if (sources.length > 0 && sources.every((s) => s.state === 'unknown')) return { state: 'new', title: 'New', label: 'Not fetched yet' };
  if (upcoming.length > 0) return { state: 'active', title: 'Active', label: count(upcoming.length, 'upcoming event') };
  const last = past[0];
  if (!last) return { state: 'quiet', title: 'Quiet', label: 'No events known yet' };
  const daysSince = daysBetween(last.when.lastDay, context.today);
  if (daysSince <= QUIET_AFTER_DAYS) return { state: 'active', title: 'Active', label: `Last event ${plainDateLabel(last.when.day)}` };
  return { state: 'quiet', title: 'Quiet', label: `Quiet for ${Math.floor(daysSince / 30)} months; last event ${plainDateLabel(last.when.day)}` };
}
