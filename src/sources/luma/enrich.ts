import type { SourceEvent } from '../../types.ts';
import type { LumaItem } from './items.ts';

/**
 * The feed's events with what the JSON knows about them (matched by `evt-…` or `calev-…` id),
 * then the JSON's events the feed does not list yet. The feed's title, times, description and
 * link stay: the feed is there on every fetch, so they do not flip when the JSON request fails.
 */
export function enrichWithLumaItems(feedEvents: SourceEvent[], items: LumaItem[]): SourceEvent[] {
  const byId = new Map<string, LumaItem>();
  for (const item of items) {
    byId.set(item.event.sourceEventId, item);
    if (item.listingId !== null) byId.set(item.listingId, item);
  }
  const matched = new Set<LumaItem>();
  const enriched = feedEvents.map((event) => {
    const item = byId.get(event.sourceEventId);
    if (item === undefined) return event;
    matched.add(item);
    return withApiDetails(event, item.event);
  });
  return [...enriched, ...items.filter((item) => !matched.has(item)).map((item) => item.event)];
}

function withApiDetails(event: SourceEvent, details: SourceEvent): SourceEvent {
  return {
    ...event,
    timezone: details.timezone ?? event.timezone,
    attendance: details.attendance,
    // A hidden address (guests only) is no reason to drop the room the feed names.
    venue: details.venue ?? event.venue,
    onlineUrl: details.attendance === 'in_person' ? null : event.onlineUrl,
    url: event.url ?? details.url,
    imageUrl: details.imageUrl ?? event.imageUrl,
  };
}
