import { createHash } from 'node:crypto';
import { decodeHTML } from 'entities';
import { plainText, plainTextToHtml, safeHttpUrl, sanitizeDescription } from '../../text/sanitize.ts';
import { addDays, parseDateTime, parsePlainDate } from '../../time.ts';
import type { Attendance, EventStatus, SourceEvent, Venue } from '../../types.ts';
import { endOrEstimate } from '../event-fields.ts';
import { coordinates, venueOrNull } from '../places.ts';
import type { JsonObject } from './extract.ts';
import { SchemaOrgEvent, type SchemaOrgEventNode } from './schema-org.ts';

// One schema.org Event as our event. The generic `jsonld` source type reads them from any page;
// the Meetup and Eventbrite adapters use this too, because their pages carry the same objects.

export interface SchemaOrgOptions {
  /** Base for relative URLs: the page the JSON-LD came from. */
  pageUrl: string;
  /** Zone for date-times written without an offset (the site's zone). */
  timezone: string;
}

export interface EventFromSchemaOrgOptions extends SchemaOrgOptions {
  /** Told why a node was not turned into an event. */
  onSkip?: (reason: string) => void;
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

const HTML_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^>]*)?\/?>/i;

export function eventFromSchemaOrg(raw: JsonObject, options: EventFromSchemaOrgOptions): SourceEvent | null {
  const node = SchemaOrgEvent.parse(raw);
  const title = node.name === null ? '' : plainText(node.name);
  if (title === '') {
    const where = node.url ?? node.startDate;
    return skip(options, `an event has no name${where === null ? '' : ` (${where})`}`);
  }
  if (node.startDate === null) return skip(options, `"${title}" has no startDate`);
  const times = eventTimes(node.startDate, node.endDate, options.timezone);
  if (times === null) return skip(options, `"${title}" has a startDate that is not a date: "${node.startDate}"`);

  const place = placeOf(node.location, options.pageUrl);
  return {
    sourceEventId: sourceEventIdOf(node, title, times.start),
    title,
    ...times,
    // schema.org has no time zone property; the offsets already fix the instants.
    timezone: null,
    status: EVENT_STATUSES[node.eventStatus ?? ''] ?? 'scheduled',
    attendance: ATTENDANCE_MODES[node.eventAttendanceMode ?? ''] ?? inferAttendance(place),
    venue: place.venue,
    onlineUrl: place.onlineUrl,
    url: safeHttpUrl(node.url, options.pageUrl),
    descriptionHtml: descriptionHtml(node.description),
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
      // A bare link as the location is where the meeting happens online.
      const link = safeHttpUrl(item.text);
      if (link !== null) place.onlineUrl ??= link;
      else place.venue ??= { name: plainText(item.text), address: null, lat: null, lon: null };
    }
  }
  return place;
}

function inferAttendance(place: EventPlace): Attendance {
  if (place.onlineUrl === null) return 'in_person';
  return place.venue === null ? 'online' : 'hybrid';
}

function descriptionHtml(raw: string | null): string {
  if (raw === null) return '';
  if (HTML_TAG.test(raw)) return sanitizeDescription(raw);
  // Some sites entity-encode the whole description, markup included ("&lt;p&gt;…").
  const decoded = decodeHTML(raw);
  return HTML_TAG.test(decoded) ? sanitizeDescription(decoded) : plainTextToHtml(decoded);
}
