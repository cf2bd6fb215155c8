import { instantAt } from '../../time.ts';
import { absoluteUrl } from '../site-paths.ts';
import { thisAndNextWeek, weekDigest, type WeekDigest } from '../week-digest.ts';
import { groupName, type ViewContext } from './context.ts';
import { count } from './count.ts';
import type { EventView } from './event.ts';
import type { DayView } from './home.ts';

// The weekly digest on the site: a page for this week and one for the next (ISO weeks, Monday to
// Sunday in the site's zone), each beside its digest as Markdown and as an e-mail, all in a feed
// of digests. Every one of them is the week's digest (src/publish/week-digest.ts), the same one
// `spokane-tech announce` posts.

export interface WeekView {
  digest: WeekDigest;
  /** "This week", "Next week". */
  name: string;
  /** "This week: November 23 – 29, 2026" */
  title: string;
  /** "Spokane Tech: the week of November 23 – 29, 2026": what the week is called away from the site (its files, its feed entry). */
  fileTitle: string;
  /** "12 events from 8 groups", or "No events listed yet". */
  countLabel: string;
  description: string;
  /** The digest's days, their events as the site's lists show them. */
  days: DayView[];
  previous: WeekLink | null;
  next: WeekLink | null;
  /** The digest as Markdown and as an e-mail, beside the page. */
  markdownPath: string;
  emailPath: string;
  /** Midnight at the start of its Monday, where the site is: its entry's date in the feed of digests. */
  startsAt: string;
}

export interface WeekLink {
  path: string;
  name: string;
  label: string;
}

export interface WeekDigests {
  weeks: WeekView[];
  /** Where the weeks are listed, and their feed. */
  indexPath: string;
  feed: { path: string; url: string };
}

const INDEX_PATH = '/week/';
const FEED_PATH = '/week/feed.xml';
const NAMES = ['This week', 'Next week'];

/** `events`: every event, as the site shows them. */
export function weekDigests(events: EventView[], context: ViewContext, siteTitle: string): WeekDigests {
  const byId = new Map(events.map((event) => [event.id, event]));
  const site = { url: context.siteUrl, timezone: context.zone };
  const digests = thisAndNextWeek(context.today).map((week) => weekDigest(week, events, site, (id) => groupName(context, id)));
  const link = (index: number): WeekLink | null => {
    const digest = digests[index];
    return digest ? { path: digest.path, name: NAMES[index]!, label: digest.label } : null;
  };
  const weeks = digests.map((digest, index): WeekView => {
    const countLabel = digest.eventCount ? `${count(digest.eventCount, 'event')} from ${count(digest.groupCount, 'group')}` : 'No events listed yet';
    return {
      digest,
      name: NAMES[index]!,
      title: `${NAMES[index]}: ${digest.longLabel}`,
      fileTitle: `${siteTitle}: the week of ${digest.longLabel}`,
      countLabel,
      description: digest.eventCount
        ? `The tech events on ${siteTitle} from ${digest.longLabel}, day by day: ${countLabel}.`
        : `The tech events on ${siteTitle} from ${digest.longLabel}: none are listed yet.`,
      days: digest.days.map((day) => ({ day: day.day, label: day.label, events: day.events.map((event) => byId.get(event.id)!) })),
      previous: link(index - 1),
      next: link(index + 1),
      markdownPath: `${digest.path}digest.md`,
      emailPath: `${digest.path}digest.html`,
      startsAt: instantAt(digest.monday, '00:00', context.zone),
    };
  });
  return { weeks, indexPath: INDEX_PATH, feed: { path: FEED_PATH, url: absoluteUrl(context.siteUrl, FEED_PATH) } };
}
