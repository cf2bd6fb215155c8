import { safeHttpUrl } from '../../text/sanitize.ts';
import type { StoredEvent } from '../../types.ts';
import { truncateText } from '../../text/plain.ts';
import { absoluteUrl } from '../site-paths.ts';
import { locationText } from './place.ts';

// Links that leave the site: the event at its source, "add to my calendar" in Google and
// Outlook, and "subscribe" for a feed in any calendar app.

const PLATFORMS: [RegExp, string][] = [
  [/(^|\.)meetup\.com$/, 'Meetup'],
  [/(^|\.)eventbrite\.[a-z.]+$/, 'Eventbrite'],
  [/(^|\.)(lu\.ma|luma\.com)$/, 'Luma'],
];

/** Where a link goes, in words: "Meetup" for meetup.com, else the site's host name. */
export function platformName(url: unknown): string {
  const safe = safeHttpUrl(url);
  if (!safe) return 'the source';
  const host = new URL(safe).hostname.replace(/^www\./, '');
  return PLATFORMS.find(([pattern]) => pattern.test(host))?.[1] ?? host;
}

/** "Add to my calendar" in the web calendars; the event's own .ics file serves every other app. */
export interface AddToCalendar {
  google: string;
  outlook: string;
  office365: string;
}

const DETAILS_MAX = 600;

/** "Add to my calendar" links for one event; `details` is its plain-text description. */
export function addToCalendarLinks(event: StoredEvent, pageUrl: string, details: string): AddToCalendar {
  const body = [truncateText(details, DETAILS_MAX), `Details: ${pageUrl}`].filter(Boolean).join('\n\n');
  const location = locationText(event);
  const google = new URLSearchParams({ action: 'TEMPLATE', text: event.title, dates: googleDates(event), details: body });
  if (location) google.set('location', location);

  const outlook = new URLSearchParams({
    rru: 'addevent',
    subject: event.title,
    startdt: event.start,
    enddt: event.end,
    allday: String(event.allDay),
    body,
  });
  if (location) outlook.set('location', location);

  return {
    google: `https://calendar.google.com/calendar/render?${google}`,
    outlook: `https://outlook.live.com/calendar/0/action/compose?${outlook}`,
    office365: `https://outlook.office.com/calendar/0/action/compose?${outlook}`,
  };
}

// Google wants `20261204T020000Z/20261204T040000Z`, or `20261205/20261206` (end exclusive) all day.
function googleDates(event: StoredEvent): string {
  const compact = (value: string) => value.replace(/[-:]/g, '').replace(/\.\d+/, '');
  return `${compact(event.start)}/${compact(event.end)}`;
}

export interface FeedLinks {
  /** Root-relative path on this site, for links that HtmlBase prefixes. */
  path: string;
  /** Absolute https URL, to copy into any calendar app. */
  https: string;
  /** The same as webcal://, which opens the system calendar app to subscribe. */
  webcal: string;
  /** Google Calendar's "add by URL" screen, pre-filled. */
  google: string;
}

export function feedLinks(siteUrl: string, path: string): FeedLinks {
  const https = absoluteUrl(siteUrl, path);
  const webcal = https.replace(/^https?:/, 'webcal:');
  return {
    path,
    https,
    webcal,
    google: `https://calendar.google.com/calendar/r?cid=${webcal.replace(/[&#+]/g, encodeURIComponent)}`,
  };
}
