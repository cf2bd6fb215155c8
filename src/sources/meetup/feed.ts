import { describe } from '../../text/describe.ts';
import { plainText } from '../../text/sanitize.ts';
import type { SourceEvent } from '../../types.ts';
import { parseICalendar, type ParseOptions } from '../ical/index.ts';
import { meetupIdFromUrl } from './urls.ts';

// A Meetup group's iCal feed: its upcoming events (about ten), without place, picture or topics.

export interface MeetupFeed {
  events: SourceEvent[];
  calendarName: string | null;
  warnings: string[];
}

/** A Meetup group's iCal feed: events under their Meetup ids, descriptions without the group's name. */
export function readMeetupFeed(bytes: Uint8Array, options: ParseOptions): MeetupFeed {
  const calendar = parseICalendar(bytes, {
    ...options,
    describe: (text, calendarName) => describe(withoutGroupLine(text, calendarName)),
  });
  const events = calendar.events.map((event) => ({ ...event, sourceEventId: feedEventId(event) }));
  return { events, calendarName: calendar.calendarName, warnings: calendar.warnings };
}

/** `UID:event_<id>@meetup.com`; the id is also the last segment of the event's URL. */
function feedEventId(event: SourceEvent): string {
  return /^event_([^@]+)@/.exec(event.sourceEventId)?.[1] ?? meetupIdFromUrl(event.url) ?? event.sourceEventId;
}

/** Meetup starts each DESCRIPTION with the group's name on a line of its own. */
function withoutGroupLine(description: string, groupName: string | null): string {
  const [first = '', ...rest] = description.split('\n');
  return groupName !== null && plainText(first) === groupName ? rest.join('\n') : description;
}
