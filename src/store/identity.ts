import type { Db } from './db.ts';

// An event's UID in every calendar feed: the identity subscribers' calendars know it by. It must
// never change, whatever the site's address, however often it is built or restored.

/** Where the UIDs this project makes are "at": a name of its own, not the host the site is on. */
const UID_DOMAIN = 'spokane-tech';

/** The UID a newly stored event gets. */
export function feedUid(eventId: string): string {
  return `${eventId}@${UID_DOMAIN}`;
}

/**
 * Feeds once made each UID from the host the site was published at. Events stored before UIDs
 * were kept get that UID now, once, from the address this build publishes at (the one their
 * subscribers have), so calendars see no new events; from then on it stays.
 */
export function keepPublishedUids(db: Db, siteUrl: string): void {
  const host = new URL(siteUrl).hostname;
  db.prepare("UPDATE events SET uid = id || '@' || ? WHERE uid IS NULL").run(host);
}
