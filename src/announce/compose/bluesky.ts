import type { WeekDigest } from '../../publish/week-digest.ts';
import type { Announcement } from '../announcement.ts';
import { digestBody, digestHeading, eventDetails, headline, moreLine } from './lines.ts';
import { cutGraphemes, graphemeCount, utf8Offset } from './text.ts';

// A Bluesky post (app.bsky.feed.post): at most 300 graphemes of text, and a link facet that
// makes the page's address clickable, its range given in UTF-8 bytes of the text.

export const BLUESKY_MAX_GRAPHEMES = 300;

export interface BlueskyPost {
  $type: 'app.bsky.feed.post';
  text: string;
  langs: string[];
  facets: { index: { byteStart: number; byteEnd: number }; features: { $type: 'app.bsky.richtext.facet#link'; uri: string }[] }[];
  createdAt: string;
}

export function blueskyPost(announcement: Announcement, siteTitle: string, createdAt: Date): BlueskyPost {
  const text = announcement.kind === 'digest' ? digestText(announcement.digest, siteTitle) : eventText(announcement);
  const link = announcement.kind === 'digest' ? announcement.digest.pageUrl : announcement.event.pageUrl;
  // The link is the text's last line, so nothing cut before it can shift it.
  const at = text.lastIndexOf(link);
  return {
    $type: 'app.bsky.feed.post',
    text,
    langs: ['en'],
    facets: [
      {
        index: { byteStart: utf8Offset(text, at), byteEnd: utf8Offset(text, at + link.length) },
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: link }],
      },
    ],
    createdAt: createdAt.toISOString(),
  };
}

function eventText(announcement: Exclude<Announcement, { kind: 'digest' }>): string {
  const link = announcement.event.pageUrl;
  const details = eventDetails(announcement).map((line) => cutGraphemes(line, 80));
  const withoutTitle = graphemeCount([`${headline(announcement)}: `, ...details, link].join('\n'));
  const title = cutGraphemes(announcement.event.title, Math.max(10, BLUESKY_MAX_GRAPHEMES - withoutTitle));
  const text = [`${headline(announcement)}: ${title}`, ...details, link].join('\n');
  // A site address long enough to leave no room: the details go, never the link.
  return graphemeCount(text) <= BLUESKY_MAX_GRAPHEMES ? text : `${cutGraphemes(title, BLUESKY_MAX_GRAPHEMES - graphemeCount(link) - 1)}\n${link}`;
}

function digestText(digest: WeekDigest, siteTitle: string): string {
  const head = digestHeading(digest, siteTitle);
  const text = (lines: string[]) => [head, ...lines, digest.pageUrl].join('\n');
  const { lines, left } = digestBody(
    digest,
    (label) => label,
    (event) => `${event.time} ${event.status === 'cancelled' ? '(cancelled) ' : ''}${cutGraphemes(event.title, 40)}`,
    (candidate) => graphemeCount(text(candidate)) <= BLUESKY_MAX_GRAPHEMES,
  );
  return text(left > 0 ? [...lines, moreLine(left)] : lines);
}
