import type { WeekDigest } from '../publish/week-digest.ts';
import type { EventStatus } from '../types.ts';

// What `spokane-tech announce` posts, before any platform shapes it: an event newly listed, a
// change of its time or place, its cancellation, or the week's digest (the same digest as the
// week's page on the site). Every announcement has a key that names what it says, so that it is
// posted once per channel, ever.

/** An event, as an announcement shows it: all of it already in words, in the site's time zone. */
export interface AnnouncedEvent {
  id: string;
  title: string;
  /** "Thu, Dec 3, 6:00 – 8:00 PM PST", or "Sat, Dec 12, all day". */
  when: string;
  /** The start as an instant (a timed event) or a local midnight's instant (an all-day one): for Discord's timestamps. */
  startsAt: string;
  allDay: boolean;
  groupName: string;
  /** "IntelliTect", "Online", "The Hive + Online". */
  place: string;
  status: EventStatus;
  /** The event's page on this site. */
  pageUrl: string;
}

export type Announcement =
  | { kind: 'new'; key: string; event: AnnouncedEvent }
  | { kind: 'changed'; key: string; event: AnnouncedEvent; what: 'time' | 'place' | 'time and place'; was: string }
  | { kind: 'cancelled'; key: string; event: AnnouncedEvent }
  | { kind: 'digest'; key: string; digest: WeekDigest };

export const announcementKeys = {
  new: (eventId: string) => `new:${eventId}`,
  changed: (eventId: string, sequence: number) => `changed:${eventId}:${sequence}`,
  cancelled: (eventId: string) => `cancelled:${eventId}`,
  digest: (week: string) => `digest:${week}`,
};

/** Whether a key announced something about this event (its listing or a change of it). */
export function isAboutEvent(key: string, eventId: string): boolean {
  return key === announcementKeys.new(eventId) || key.startsWith(`changed:${eventId}:`);
}
