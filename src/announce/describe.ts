import type { SiteConfig } from '../config/schema.ts';
import { absoluteUrl, eventPagePath } from '../publish/site-paths.ts';
import { eventTimes } from '../publish/view/event-times.ts';
import { eventPlace } from '../publish/view/place.ts';
import { weekDigest } from '../publish/week-digest.ts';
import { localDay } from '../time.ts';
import type { ListedEvent, StoredGroup } from '../types.ts';
import type { Describe } from './plan.ts';

// Events and weeks in the words the site itself uses for them (its time labels, its place
// labels, its pages' addresses, its week digests), so a post and the page it links to never
// disagree.

export function describer(site: Pick<SiteConfig, 'url' | 'timezone'>, groups: StoredGroup[], now: Date): Describe {
  const zone = site.timezone;
  const today = localDay(now.toISOString(), zone);
  const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? id;
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
        pageUrl: absoluteUrl(site.url, eventPagePath(event)),
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
    week(week, events, from) {
      return weekDigest(week, events, site, groupName, { from });
    },
  };
}
