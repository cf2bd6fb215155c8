import { HostUnreachable, SourceFailure } from '../../errors.ts';
import { ACCEPT } from '../../http/accept.ts';
import { plainText } from '../../text/sanitize.ts';
import type { GroupDetails, SourceEvent } from '../../types.ts';
import type { Adapter, AdapterContext } from '../adapter.ts';
import { attempt } from '../attempt.ts';
import { isUpcoming } from '../event-fields.ts';
import { fetchICalendar } from '../ical/fetch-feed.ts';
import { isNumericId } from './event-node.ts';
import { readMeetupFeed, type MeetupFeed } from './feed.ts';
import { readEventPage, readGroupPage, type GroupPage } from './pages.ts';

// A Meetup group, given by its page (https://www.meetup.com/<urlname>/). Its iCal feed lists the
// upcoming events (about ten) without place, picture or topics; each upcoming event's own page
// adds them. The group page gives the group's details, and its events when the feed cannot be read.

interface GroupUrls {
  /** The group page, ending in a slash. */
  url: string;
  /** The group's name in URLs, as configured ("Spokane-UX"); Meetup matches it in any case. */
  urlname: string;
  feedUrl: string;
}

const YEAR_MS = 365 * 86_400_000;

export const meetupAdapter: Adapter = async (source, context) => {
  const group = groupUrls(source.url);
  const warnings: string[] = [];
  const feed = await attempt(() => fetchFeed(group, context));
  const page = await attempt(() => fetchGroupPage(group, context));
  const listed = dedupeInstances(discover(feed, page, warnings));
  // Enriching can reveal the numeric id of an instance the feed listed under a temporary one.
  const events = dedupeInstances(await enrichUpcoming(listed, group, context, warnings));
  // Without the group page, say nothing about the group rather than overwrite what we know.
  const details = page instanceof SourceFailure ? undefined : groupDetails(page, events, context.now);
  return { events, group: details, warnings };
};

function groupUrls(sourceUrl: string): GroupUrls {
  const url = new URL(sourceUrl);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  const urlname = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  return { url: url.href, urlname, feedUrl: new URL('events/ical/', url).href };
}

// ---- Discovery: the feed, else the group page ----

function discover(feed: MeetupFeed | SourceFailure, page: GroupPage | SourceFailure, warnings: string[]): SourceEvent[] {
  if (!(feed instanceof SourceFailure)) {
    warnings.push(...feed.warnings);
    if (page instanceof SourceFailure) warnings.push(`could not read the group page for the group's details: ${page.message}`);
    return feed.events;
  }
  if (page instanceof SourceFailure) {
    // The feed and the page live on one host: when it cannot be reached, that is the one thing to say.
    if (feed instanceof HostUnreachable && page instanceof HostUnreachable && feed.host === page.host) throw feed;
    throw new SourceFailure(
      page.kind,
      `could not read the iCal feed (${feed.message}) nor the group page (${page.message})`,
      page.httpStatus,
    );
  }
  warnings.push(`could not read the iCal feed (${feed.message}); listed the events on the group page instead`);
  return page.events;
}

async function fetchFeed(group: GroupUrls, context: AdapterContext): Promise<MeetupFeed> {
  const response = await fetchICalendar(group.feedUrl, context);
  return readMeetupFeed(response.body, { now: context.now, defaultTimezone: context.site.timezone });
}

async function fetchGroupPage(group: GroupUrls, context: AdapterContext): Promise<GroupPage> {
  const response = await context.http.get(group.url, { accept: ACCEPT.html });
  const options = { pageUrl: response.url, defaultTimezone: context.site.timezone };
  const page = readGroupPage(response.text(), group.urlname, options);
  if (page === null) {
    throw new SourceFailure(
      'unexpected_content',
      `${response.url} has no Meetup data about the group "${group.urlname}" (no __NEXT_DATA__ group, no JSON-LD events): a login or bot-check page, or a page Meetup has changed`,
    );
  }
  return page;
}

// ---- Enrichment from each upcoming event's page ----

async function enrichUpcoming(
  events: SourceEvent[],
  group: GroupUrls,
  context: AdapterContext,
  warnings: string[],
): Promise<SourceEvent[]> {
  const enriched: SourceEvent[] = [];
  // One page at a time: they all come from one host.
  for (const event of events) {
    enriched.push(isUpcoming(event, context.now) ? await enrich(event, group, context, warnings) : event);
  }
  return enriched;
}

async function enrich(event: SourceEvent, group: GroupUrls, context: AdapterContext, warnings: string[]): Promise<SourceEvent> {
  const url = event.url ?? new URL(`events/${encodeURIComponent(event.sourceEventId)}/`, group.url).href;
  const page = await attempt(() => fetchEventPage(url, event.sourceEventId, context));
  if (page instanceof SourceFailure) {
    warnings.push(`could not read the page of "${event.title}" (event ${event.sourceEventId}), kept it as listed: ${page.message}`);
    return event;
  }
  return withPageDetails(event, page);
}

async function fetchEventPage(url: string, eventId: string, context: AdapterContext): Promise<SourceEvent> {
  const response = await context.http.get(url, { accept: ACCEPT.html });
  const options = { pageUrl: response.url, defaultTimezone: context.site.timezone };
  const event = readEventPage(response.text(), eventId, options);
  if (event === null) {
    throw new SourceFailure('unexpected_content', `${response.url} has no Meetup event data (no __NEXT_DATA__ event, no JSON-LD event)`);
  }
  return event;
}

/** The event page knows more than the listing, so its values win wherever it has one. */
function withPageDetails(listed: SourceEvent, page: SourceEvent): SourceEvent {
  // A guessed end must not replace one the listing states.
  const times = page.endEstimated && !listed.endEstimated ? listed : page;
  return {
    ...listed,
    sourceEventId: isNumericId(page.sourceEventId) && !isNumericId(listed.sourceEventId) ? page.sourceEventId : listed.sourceEventId,
    title: page.title,
    start: times.start,
    end: times.end,
    allDay: times.allDay,
    endEstimated: times.endEstimated,
    timezone: page.timezone ?? listed.timezone,
    status: page.status,
    attendance: page.attendance,
    venue: page.venue ?? listed.venue,
    onlineUrl: page.onlineUrl ?? listed.onlineUrl,
    url: page.url ?? listed.url,
    descriptionHtml: page.descriptionHtml || listed.descriptionHtml,
    imageUrl: page.imageUrl ?? listed.imageUrl,
    topics: page.topics.length > 0 ? page.topics : listed.topics,
  };
}

// ---- One listing per instance ----

/**
 * Recurring series list far instances under alphanumeric ids that later become numeric, so one
 * instance can be listed under both; it is kept once, under its numeric id.
 */
function dedupeInstances(events: SourceEvent[]): SourceEvent[] {
  const kept: SourceEvent[] = [];
  for (const event of events) {
    const index = kept.findIndex((other) => sameInstance(other, event));
    if (index === -1) kept.push(event);
    else if (isNumericId(event.sourceEventId) && !isNumericId(kept[index]!.sourceEventId)) kept[index] = event;
  }
  return kept;
}

function sameInstance(a: SourceEvent, b: SourceEvent): boolean {
  if (a.sourceEventId === b.sourceEventId) return true;
  // Two numeric ids are two Meetup events, even at one time under one title (a cancelled event
  // and the one that replaced it).
  if (isNumericId(a.sourceEventId) && isNumericId(b.sourceEventId)) return false;
  return a.start === b.start && plainText(a.title).toLowerCase() === plainText(b.title).toLowerCase();
}

// ---- The group ----

function groupDetails(page: GroupPage, events: SourceEvent[], now: Date): GroupDetails {
  const details = page.group ?? {};
  return { ...details, active: details.active ?? isActive([...events, ...page.events], now) };
}

/** A group with nothing upcoming whose last event is over a year old has stopped meeting. */
function isActive(events: SourceEvent[], now: Date): boolean | undefined {
  if (events.length === 0) return undefined;
  if (events.some((event) => isUpcoming(event, now))) return true;
  const last = Math.max(...events.map((event) => Date.parse(event.start)));
  return now.getTime() - last <= YEAR_MS;
}
