import type { AnnounceConfig, Weekday } from '../config/announce-schema.ts';
import { WEEKDAYS } from '../config/announce-schema.ts';
import type { Channel, PostRecord } from '../store/announcements.ts';
import type { WeekDigest } from '../publish/week-digest.ts';
import { DAY_MS, isoWeekday, isoWeekOf, localDay, type IsoWeek } from '../time.ts';
import type { ListedEvent } from '../types.ts';
import { announcementKeys, isAboutEvent, type Announcement } from './announcement.ts';

// Which announcements a channel is due, and in what order. Nothing is posted twice (the store
// keeps every key posted), nothing long known is posted on a channel's first run, and a run posts
// at most `maxPostsPerRun` per channel: what is held back goes out on a later run.

export interface PlanInput {
  channel: Channel;
  events: ListedEvent[];
  posts: PostRecord[];
  /** The channel's first run, or null when this is it. */
  firstRunAt: string | null;
  settings: Pick<AnnounceConfig, 'digestDay' | 'firstRunWindowDays' | 'maxPostsPerRun'>;
  now: Date;
  zone: string;
  /** How an event and a week read in a post. */
  describe: Describe;
}

export interface Describe {
  event(event: ListedEvent): Extract<Announcement, { kind: 'new' }>['event'];
  /** "Thu, Dec 3, 6:00 – 8:00 PM PST; IntelliTect": the time and place an event had before a change. */
  previous(event: ListedEvent, since: string): string;
  /** The digest of `week` from the day `from` on: the events of `events` that start on those days. */
  week(week: IsoWeek, events: ListedEvent[], from: string): WeekDigest;
}

export interface Plan {
  due: Announcement[];
  /** Due, but over the run's limit: posted on a later run. */
  heldBack: Announcement[];
}


export function planAnnouncements(input: PlanInput): Plan {
  const posted = new Map(input.posts.filter((p) => p.channel === input.channel).map((p) => [p.key, p.postedAt]));
  const nowIso = input.now.toISOString();
  // Soonest first: an all-day date sorts before the timed events of its day, as in the lists.
  const upcoming = input.events.filter((e) => !e.removed && isUpcoming(e, nowIso)).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  // On a channel's first run, only what was first seen lately is news; the rest is backlog.
  const start = Date.parse(input.firstRunAt ?? nowIso) - input.settings.firstRunWindowDays * DAY_MS;

  const cancelled: Announcement[] = [];
  const changed: Announcement[] = [];
  const listed: Announcement[] = [];
  for (const event of upcoming) {
    const announcedAt = lastAnnounced(posted, event.id);
    if (announcedAt === null) {
      if (event.status !== 'cancelled' && Date.parse(event.firstSeen) >= start) {
        listed.push({ kind: 'new', key: announcementKeys.new(event.id), event: input.describe.event(event) });
      }
      continue;
    }
    if (event.status === 'cancelled') {
      const key = announcementKeys.cancelled(event.id);
      if (!posted.has(key)) cancelled.push({ kind: 'cancelled', key, event: input.describe.event(event) });
      continue;
    }
    const change = changeSince(event, announcedAt);
    const key = announcementKeys.changed(event.id, event.sequence);
    if (change !== null && !posted.has(key)) {
      changed.push({ kind: 'changed', key, event: input.describe.event(event), what: change, was: input.describe.previous(event, announcedAt) });
    }
  }

  const digest = dueDigest(input, posted, upcoming);
  const ordered = [...cancelled, ...changed, ...digest, ...listed];
  return { due: ordered.slice(0, input.settings.maxPostsPerRun), heldBack: ordered.slice(input.settings.maxPostsPerRun) };
}

function isUpcoming(event: ListedEvent, nowIso: string): boolean {
  return event.allDay ? event.end > nowIso.slice(0, 10) : event.end > nowIso;
}

/** When this channel last said something about the event (its listing, or a change), or null. */
function lastAnnounced(posted: Map<string, string>, eventId: string): string | null {
  let last: string | null = null;
  for (const [key, at] of posted) if (isAboutEvent(key, eventId) && (last === null || at > last)) last = at;
  return last;
}

/** What subscribers would notice changed since `since`: its time, its place, or both. */
function changeSince(event: ListedEvent, since: string): 'time' | 'place' | 'time and place' | null {
  const fields = new Set(event.changes.filter((c) => c.at > since).flatMap((c) => c.fields));
  if (fields.has('time') && fields.has('place')) return 'time and place';
  if (fields.has('time')) return 'time';
  if (fields.has('place')) return 'place';
  return null;
}

/**
 * The week's digest, on the configured day or, if no run posted it then, on the next run of the
 * same week: its upcoming events from today to Sunday. A week with none gets no digest.
 */
function dueDigest(input: PlanInput, posted: Map<string, string>, upcoming: ListedEvent[]): Announcement[] {
  const today = localDay(input.now.toISOString(), input.zone);
  if (isoWeekday(today) < weekdayNumber(input.settings.digestDay)) return [];
  const week = isoWeekOf(today);
  const key = announcementKeys.digest(week.id);
  if (posted.has(key)) return [];
  const digest = input.describe.week(week, upcoming, today);
  if (digest.eventCount === 0) return [];
  return [{ kind: 'digest', key, digest }];
}

function weekdayNumber(day: Weekday): number {
  return WEEKDAYS.indexOf(day) + 1;
}
