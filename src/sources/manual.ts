import type { ManualEvent } from '../config/manual-events.ts';
import { markdownToHtml, plainText } from '../text/sanitize.ts';
import type { SourceEvent } from '../types.ts';
import { attendanceOf } from './event-fields.ts';
import { venueOrNull } from './places.ts';
import type { Adapter } from './adapter.ts';

// Source type `manual`: a group's events kept in the repository. The config has read and checked
// the file already (src/config/manual-events.ts); here its events become events like any other,
// so the store, changes, SEQUENCE, pages and feeds treat them as they treat fetched ones.

export const manualAdapter: Adapter = async (source, context) => {
  if (source.type !== 'manual') throw new TypeError(`the manual adapter was given a ${source.type} source`);
  return { events: source.events.map((event) => fromManualEvent(event, context.site.timezone)) };
};

export function fromManualEvent(event: ManualEvent, zone: string): SourceEvent {
  const venue = venueOrNull({ name: event.venue ? plainText(event.venue) : null, address: event.address ? plainText(event.address) : null, lat: null, lon: null });
  return {
    sourceEventId: event.id,
    title: plainText(event.title),
    ...event.times,
    // A wall-clock time in the file was read in the site's zone; that is the event's zone too.
    timezone: event.times.allDay ? null : zone,
    status: event.status,
    attendance: attendanceOf(venue !== null, event.online !== undefined),
    venue,
    onlineUrl: event.online ?? null,
    url: event.url ?? null,
    descriptionHtml: markdownToHtml(event.description ?? ''),
    imageUrl: null,
    topics: event.tags.map(plainText).filter(Boolean),
  };
}
