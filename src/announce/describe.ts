import type { SiteConfig } from '../config/schema.ts';
import { absoluteUrl, eventPath, weekPath } from '../publish/site-paths.ts';
import { shortDateLabel } from '../publish/view/date-labels.ts';
import { eventTimes } from '../publish/view/event-times.ts';
import { eventPlace } from '../publish/view/place.ts';
import { isoWeekOf, localDay } from '../time.ts';
import type { ListedEvent, StoredGroup } from '../types.ts';
import type { Describe } from './plan.ts';

// Events and weeks in the words the site itself uses for them (its time labels, its place
// labels, its pages' addresses), so a post and the page it links to never disagree.

export function describer(site: Pick<SiteConfig, 'url' | 'timezone'>, groups: StoredGroup[], now: Date): Describe {
  const zone = site.timezone;
  const today = localDay(now.toISOString(), zone);
  const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? id;
  const pageUrl = (event: ListedEvent) => absoluteUrl(site.url, eventPath(event.slug));
  return {
    event(event) {
      return {
        id: event.id,
        title: event.title,
        when: eventTimes(event, zone, today).shortDateTimeLabel,
        // A Discord timestamp for an all-day event: its first day's midnight where the site is.
        startsAt: event.allDay ? new Date(`${event.start}T12:00:00Z`).toISOString() : event.start,
        allDay: event.allDay,
        groupName: groupName(event.groupId),
        place: eventPlace(event).placeLabel,
        status: event.status,
        pageUrl: pageUrl(event),
      };
    },
    previous(event, since) {
      // The values the first change after `since` replaced: what subscribers were last told.
      const previous = event.changes.find((change) => change.at > since)?.previous ?? {};
      const times = { ...event, ...previous } as ListedEvent;
      const parts = [];
      if (previous.start !== undefined) parts.push(eventTimes(times, zone, today).shortDateTimeLabel);
      if (previous.attendance !== undefined || previous.venue !== undefined) parts.push(eventPlace(times).placeLabel);
      return parts.join('; ');
    },
    week(week, events) {
      const { monday, sunday } = isoWeekOf(today);
      const byDay = new Map<string, ListedEvent[]>();
      for (const event of events) {
        const day = event.allDay ? event.start : localDay(event.start, zone);
        byDay.set(day, [...(byDay.get(day) ?? []), event]);
      }
      return {
        week,
        label: `${shortDateLabel(monday).replace(/^\w+, /, '')} – ${shortDateLabel(sunday).replace(/^\w+, /, '')}`,
        pageUrl: absoluteUrl(site.url, weekPath(week)),
        days: [...byDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, list]) => ({
          label: shortDateLabel(day),
          events: list.map((event) => ({
            time: eventTimes(event, zone, today).startTimeLabel,
            title: event.title,
            groupName: groupName(event.groupId),
            pageUrl: pageUrl(event),
            cancelled: event.status === 'cancelled',
          })),
        })),
        eventCount: events.length,
        groupCount: new Set(events.map((e) => e.groupId)).size,
      };
    },
  };
}
