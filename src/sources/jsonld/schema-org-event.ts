import { createHash } from 'node:crypto';
import { describe } from '../../text/describe.ts';
import { plainText, safeHttpUrl } from '../../text/sanitize.ts';
import { addDays } from '../../time.ts';
import { parseDateTime, parsePlainDate } from '../../time-reading.ts';
import type { Attendance, EventStatus, SourceEvent, Venue } from '../../types.ts';
import { endOrEstimate } from '../event-fields.ts';
import { coordinates, venueOrNull } from '../places.ts';
import type { RecurrenceBudget } from '../ical/recurrence.ts';
import type { JsonObject } from './extract.ts';
import { scheduledTimes } from './schedule.ts';
import { SchemaOrgEvent, type SchemaOrgEventNode } from './schema-org.ts';

// One schema.org Event as our event (or, for an event with an eventSchedule, as each of its
// occurrences). The generic `jsonld` source type reads them from any page; the Meetup and
// Eventbrite adapters use this too, because their pages carry the same objects.

export interface SchemaOrgOptions {
  /** Base for relative URLs: the page the JSON-LD came from. */
  pageUrl: string;
  /** Zone for date-times written without an offset (the site's zone). */
  timezone: string;
  /** The run's clock, which the days an eventSchedule is read in are counted from; the present by default. */
  now?: Date;
  /** The page's time budget for expanding eventSchedules, shared by all its events. */
  recurrence?: RecurrenceBudget;
}

export interface EventFromSchemaOrgOptions extends SchemaOrgOptions {
  /** Told why a node was not turned into an event. */
  onSkip?: (reason: string) => void;
  /** Told what else went wrong reading it (a schedule that cannot be read, in part or at all). */
  onWarning?: (warning: string) => void;
}

const ATTENDANCE_MODES: Record<string, Attendance> = {
  offlineeventattendancemode: 'in_person',
  onlineeventattendancemode: 'online',
  mixedeventattendancemode: 'hybrid',
};

// Rescheduled and moved-online events still happen, so they stay "scheduled".
const EVENT_STATUSES: Record<string, EventStatus> = {
  eventcancelled: 'cancelled',
  eventpostponed: 'postponed',
};

export function eventFromSchemaOrg(raw: JsonObject, options: EventFromSchemaOrgOptions): SourceEvent | null {
  const node = SchemaOrgEvent.parse(raw);
  const title = titleOf(node, options);
  return title === null ? null : datedEvent(node, title, options);
}

/** The event, or, when it has an eventSchedule, each of its occurrences within the days read. */
export function eventsFromSchemaOrg(raw: JsonObject, options: EventFromSchemaOrgOptions): SourceEvent[] {
  const node = SchemaOrgEvent.parse(raw);
  const title = titleOf(node, options);
  if (title === null) return [];
  if (node.eventSchedule.length === 0) return [datedEvent(node, title, options)].filter((event) => event !== null);
  const id = sourceEventIdOf(node, title, node.startDate ?? 'eventSchedule');
  const warn = (what: string) => options.onWarning?.(what);
  const schedule = { now: options.now ?? new Date(), timezone: options.timezone, recurrence: options.recurrence };
  const occurrences = node.eventSchedule.flatMap((one) => scheduledTimes(one, { title, startDate: node.startDate, duration: node.duration }, schedule, warn));
  // A schedule that cannot be read still leaves the event's own date, when it has one.
  if (occurrences.length === 0 && node.startDate !== null) return [datedEvent(node, title, options)].filter((event) => event !== null);
  const described = describedEvent(node, title, options);
  return occurrences.map((times) => ({ ...described, ...times, sourceEventId: `${id}${times.sourceEventId}` }));
}

function titleOf(node: SchemaOrgEventNode, options: EventFromSchemaOrgOptions): string | null {
  const title = node.name === null ? '' : plainText(node.name);
  if (title !== '') return title;
  const where = node.url ?? node.startDate;
  return skip(options, `an event has no name${where === null ? '' : ` (${where})`}`);
}

/** The event at its own startDate and endDate. */
function datedEvent(node: SchemaOrgEventNode, title: string, options: EventFromSchemaOrgOptions): SourceEvent | null {
  if (node.startDate === null) return skip(options, `"${title}" has no startDate`);
  const times = eventTimes(node.startDate, node.endDate, options.timezone);
  if (times === null) return skip(options, `"${title}" has a startDate that is not a date: "${node.startDate}"`);
  // schema.org has no time zone property; the offsets already fix the instants.
  return { ...describedEvent(node, title, options), sourceEventId: sourceEventIdOf(node, title, times.start), ...times, timezone: null };
}

/** Everything about the event but when it is. */
function describedEvent(node: SchemaOrgEventNode, title: string, options: SchemaOrgOptions): Omit<SourceEvent, 'sourceEventId' | 'start' | 'end' | 'allDay' | 'endEstimated' | 'timezone'> {
  const place = placeOf(node.location, options.pageUrl);
  return {
    title,
    status: EVENT_STATUSES[node.eventStatus ?? ''] ?? 'scheduled',
    attendance: ATTENDANCE_MODES[node.eventAttendanceMode ?? ''] ?? inferAttendance(place),
    venue: place.venue,
    onlineUrl: place.onlineUrl,
    url: safeHttpUrl(node.url, options.pageUrl),
    descriptionHtml: node.description === null ? '' : describe(node.description),
    imageUrl: node.image.map((candidate) => safeHttpUrl(candidate, options.pageUrl)).find((url) => url !== null) ?? null,
    topics: [...new Set(node.keywords.map(plainText).filter((topic) => topic !== ''))],
  };
}

function skip(options: EventFromSchemaOrgOptions, reason: string): null {
  options.onSkip?.(reason);
  return null;
}

function sourceEventIdOf(node: SchemaOrgEventNode, title: string, start: string): string {
  const id = node['@id'];
  // Blank-node ids (`_:b0`) are local to one document and change between fetches.
  if (id !== null && !id.startsWith('_:')) return id;
  if (node.url !== null) return node.url;
  return `jsonld:${createHash('sha256').update(`${title}\n${start}`).digest('hex').slice(0, 24)}`;
}

type EventTimes = Pick<SourceEvent, 'start' | 'end' | 'allDay' | 'endEstimated'>;

function eventTimes(startText: string, endText: string | null, zone: string): EventTimes | null {
  const startDay = parsePlainDate(startText);
  if (startDay !== null) return allDayTimes(startDay, endText);
  const start = parseDateTime(startText, zone);
  return start === null ? null : { start, ...endOrEstimate(start, endText === null ? null : timedEndOf(endText, zone)), allDay: false };
}

/** End exclusive, as in iCalendar: an event on the 5th ends on the 6th. */
function allDayTimes(startDay: string, endText: string | null): EventTimes {
  const lastDay = endText === null ? null : parsePlainDate(endText);
  const end = lastDay !== null && lastDay >= startDay ? addDays(lastDay, 1) : addDays(startDay, 1);
  // A single date means that one day, so the end is not a guess.
  return { start: startDay, end, allDay: true, endEstimated: false };
}

/** A date-only end on a timed event means "through that day": midnight after it. */
function timedEndOf(endText: string, zone: string): string | null {
  const day = parsePlainDate(endText);
  return parseDateTime(day === null ? endText : addDays(day, 1), zone);
}

interface EventPlace {
  venue: Venue | null;
  onlineUrl: string | null;
}

function placeOf(location: SchemaOrgEventNode['location'], pageUrl: string): EventPlace {
  const place: EventPlace = { venue: null, onlineUrl: null };
  for (const item of location) {
    if (item.place?.['@type'].includes('virtuallocation')) {
      place.onlineUrl ??= safeHttpUrl(item.place.url, pageUrl);
    } else if (item.place) {
      const name = item.place.name;
      const geo = item.place.geo;
      place.venue ??= venueOrNull({
        name: name === null ? null : plainText(name),
        address: item.place.address,
        ...coordinates(geo?.latitude ?? null, geo?.longitude ?? null),
      });
    } else if (item.text !== null) {
      // A bare link as the location is where the meeting happens online; text with commas is
      // a venue and its address ("Indaba Coffee, 1425 W Broadway Ave, Spokane").
      const link = safeHttpUrl(item.text);
      const text = plainText(item.text);
      if (link !== null) place.onlineUrl ??= link;
      else place.venue ??= { name: text.split(',')[0]!.trim(), address: text.includes(',') ? text : null, lat: null, lon: null };
    }
  }
  return place;
}

function inferAttendance(place: EventPlace): Attendance {
  if (place.onlineUrl === null) return 'in_person';
  return place.venue === null ? 'online' : 'hybrid';
}
