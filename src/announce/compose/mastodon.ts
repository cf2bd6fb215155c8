import type { WeekDigest } from '../../publish/week-digest.ts';
import type { Announcement } from '../announcement.ts';
import { digestBody, digestHeading, eventDetails, headline, moreLine } from './lines.ts';
import { cutCodePoints, mastodonLength } from './text.ts';

// A Mastodon status: plain text of at most 500 characters, every link counted as 23.

export const MASTODON_MAX_CHARS = 500;

export function mastodonStatus(announcement: Announcement, siteTitle: string): string {
  if (announcement.kind === 'digest') return digestStatus(announcement.digest, siteTitle);
  const link = announcement.event.pageUrl;
  const details = eventDetails(announcement).map((line) => cutCodePoints(line, 120));
  const withoutTitle = mastodonLength([`${headline(announcement)}: `, ...details, link].join('\n'));
  const title = cutCodePoints(announcement.event.title, MASTODON_MAX_CHARS - withoutTitle);
  return [`${headline(announcement)}: ${title}`, ...details, link].join('\n');
}

function digestStatus(digest: WeekDigest, siteTitle: string): string {
  const head = digestHeading(digest, siteTitle);
  const tail = `All of them: ${digest.pageUrl}`;
  const text = (lines: string[]) => [head, ...lines, '', tail].join('\n');
  const { lines, left } = digestBody(
    digest,
    (label) => `\n${label}`,
    (event) => `${event.time} ${event.status === 'cancelled' ? '(cancelled) ' : ''}${cutCodePoints(event.title, 60)} · ${cutCodePoints(event.groupName, 40)}`,
    (candidate) => mastodonLength(text(candidate)) <= MASTODON_MAX_CHARS,
  );
  return text(left > 0 ? [...lines, moreLine(left)] : lines);
}
